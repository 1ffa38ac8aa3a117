"""National-scale benchmark: page times and query counts, an inquiry import, and a mixed workload on gunicorn.

One command against a database already seeded with `seed_demo --scale small|medium|national`:

  export DATABASE_URL=postgres://postgres@127.0.0.1:54340/hz_scale HZ_DEV=1
  .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --scale medium
  .venv/bin/python bench/national.py                # table; --json for JSON; --help for the knobs

It prints, per page, p50/p95 server time (Django's test client in-process, so no network) and the query count
of one request; then `matching.candidates_for` alone for one open opening of the center with the most participants
ready for work (p50/p95, queries, how many were ranked; the "ranking one opening" page shows that opening); then
`import_inquiries` of --import-rows generated rows (validation included; rolled back afterwards); then a mixed
workload (80% page views, 20% saves) against gunicorn on 127.0.0.1 for --duration seconds at each of --users
concurrent users: requests/s and p50/p95. Nothing asserts a time.

`--smoke` (CI): seeds a tiny dataset into an empty database, one repetition, 200 import rows, 2 s of workload.
"""

import argparse
import csv
import datetime
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizdamnut.settings")
os.environ["HZ_REQUIRE_2FA"] = "0"  # force_login and the workload's sessions skip the second factor


def percentile(values, share):
    values = sorted(values)
    if not values:
        return None
    return values[min(len(values) - 1, max(0, round(share * len(values) + 0.5) - 1))]


def setup(smoke):
    import django

    django.setup()
    from django.core.management import call_command

    from hizdamnut.centers.models import Center

    if smoke:
        call_command("migrate", verbosity=0)
        if not Center.objects.exists():
            from hizdamnut.centers.reference import ensure_loaded

            ensure_loaded()
            call_command("seed_demo", "--scale", "small", "--scale-factor", "0.01", verbosity=0,
                         stdout=open(os.devnull, "w"))
    elif not Center.objects.exists():
        sys.exit("The database is empty: run `manage.py seed_demo --scale small|medium|national` first.")


def cases():
    """(name, username, url, method) of every page measured, chosen from the first center's data."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.utils import timezone

    from hizdamnut.employers.models import JobOpening
    from hizdamnut.participants.models import Participant
    from hizdamnut.programs.models import Program, Session
    from hizdamnut.reports.indicators import AGE_BANDS

    User = get_user_model()
    manager = User.objects.get(username="manager")
    center = manager.staff.centers.order_by("pk").first()
    participant = (Participant.objects.filter(center=center, status="active").annotate(n=Count("meetings"))
                   .order_by("-n", "pk").first() or Participant.objects.filter(center=center).first())
    worker = (User.objects.filter(caseload__center=center).annotate(n=Count("caseload")).order_by("-n", "pk").first()
              or manager)
    session = (Session.objects.filter(cohort__center=center, attendance__isnull=False).order_by("-starts_at").first()
               or Session.objects.filter(cohort__center=center).first())
    busiest, lead = busiest_center()
    opening = JobOpening.objects.filter(employer__center=busiest, status="open").order_by("-opened_on").first()
    program = Program.objects.filter(cohorts__center=center).order_by("pk").first()
    year = timezone.localdate().year
    rows = [
        ("participant page", manager.username, f"/participants/{participant.pk}/"),
        ("caseload", worker.username, "/plans/caseload/"),
        ("inquiry queue", "coordinator", "/inquiries/"),
        ("attendance sheet", manager.username, f"/programs/sessions/{session.pk}/attendance/" if session else None),
        ("ranking one opening", lead, f"/employers/openings/{opening.pk}/" if opening else None),
        ("home (manager)", manager.username, "/"),
        ("center dashboard", manager.username, "/reports/"),
        ("national dashboard", "national", "/reports/"),
        ("  filter: age band", "national", f"/reports/?age_band={list(AGE_BANDS)[1]}"),
        ("  filter: gender", "national", "/reports/?gender=female"),
        ("  filter: single parent", "national", "/reports/?single_parent=on"),
        ("  filter: worker", "national", f"/reports/?worker={worker.pk}"),
        ("  filter: program", "national", f"/reports/?program={program.pk}" if program else None),
        ("  filter: disability", "national", "/reports/?disability=on"),
        ("  filter: released prisoner", "national", "/reports/?released_prisoner=on"),
        ("  filter: one center", "national", f"/reports/?center={center.code}"),
        ("yearly report", manager.username, f"/reports/yearly/{center.code}/{year}/"),
        ("inquiry report", "national", "/inquiries/report/"),
        ("survey report", "national", "/surveys/satisfaction-2025/"),
        ("export Excel (national)", "national", "/reports/export/xlsx/"),
        ("export PDF (national)", "national", "/reports/export/pdf/"),
    ]
    return [row for row in rows if row[2]], {"participant": participant.pk, "center": center.code,
                                             "opening": opening.pk if opening else None}


def busiest_center():
    """The center with the most participants ready for work (in active accompaniment), and a user of it who
    ranks candidates there (its employer-relations lead, else the national viewer)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from hizdamnut.centers.models import Center
    from hizdamnut.centers.roles import Role
    from hizdamnut.employers.models import CandidateProfile

    top = (CandidateProfile.objects.filter(ready_for_work=True, participant__status="active")
           .values("participant__center").annotate(n=Count("pk")).order_by("-n", "participant__center").first())
    center = Center.objects.get(pk=top["participant__center"]) if top else Center.objects.order_by("pk").first()
    lead = (get_user_model().objects.filter(staff__role=Role.EMPLOYER_LEAD, staff__centers=center)
            .order_by("pk").values_list("username", flat=True).first())
    return center, lead or "national"


def time_ranking(opening_id, repeat):
    """`matching.candidates_for` of one opening, as its page calls it: p50/p95, queries, how many were ranked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from hizdamnut.employers import matching
    from hizdamnut.employers.models import CandidateProfile, JobOpening

    opening = JobOpening.objects.select_related("employer__center", "city").get(pk=opening_id)
    center = opening.employer.center
    ready = CandidateProfile.objects.filter(ready_for_work=True, participant__status="active",
                                            participant__center=center).count()
    timings = []
    with translation.override("he"):
        matching.candidates_for(opening)  # warm caches (translations, reference data) once
        for _n in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                ranked = matching.candidates_for(opening)
                timings.append((time.perf_counter() - began) * 1000)
    return {"center": center.code, "opening": opening.pk, "ready": ready, "ranked": len(ranked),
            "p50_ms": round(statistics.median(timings), 1), "p95_ms": round(percentile(timings, 0.95), 1),
            "queries": len(captured)}


def time_pages(pages, repeat):
    from django.contrib.auth import get_user_model
    from django.core.signals import request_finished
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # Keep the connection open between requests, so the captured queries are those of the request alone.
    request_finished.disconnect(close_old_connections)
    try:
        return _time_pages(pages, repeat, Client, CaptureQueriesContext, connection, get_user_model)
    finally:
        request_finished.connect(close_old_connections)


def _time_pages(pages, repeat, Client, CaptureQueriesContext, connection, get_user_model):
    users = {u.username: u for u in get_user_model().objects.filter(username__in={p[1] for p in pages})}
    client = Client(HTTP_HOST="127.0.0.1")
    results = []
    for name, username, url in pages:
        client.force_login(users[username])
        client.raise_request_exception = False
        client.get(url)  # warm caches (templates, translations) once
        timings, queries, status = [], 0, 200
        for _n in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - began) * 1000)
            queries = len(captured)
            status = response.status_code if response.status_code != 200 else status
        # A page that fails is reported with its status (and its time to fail), not left out.
        results.append({"page": name, "url": url, "p50_ms": round(statistics.median(timings), 1),
                        "p95_ms": round(percentile(timings, 0.95), 1), "queries": queries, "status": status})
    return results


def import_inquiries(rows):
    """Times `import_inquiries` of `rows` generated rows (checked, then saved), rolled back afterwards."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from hizdamnut.centers.models import Center
    from hizdamnut.inquiries.models import InquiryCategory

    rng = random.Random(1)
    codes = list(Center.objects.values_list("code", flat=True))
    parents = [(c.code, [k.code for k in c.children.all()])
               for c in InquiryCategory.objects.filter(parent__isnull=True).prefetch_related("children")]
    today = timezone.localdate()
    path = Path(tempfile.mkdtemp()) / "inquiries.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["center_code", "received_on", "source", "channel", "category", "subcategory",
                         "first_name", "last_name"])
        for _n in range(rows):
            category, children = rng.choice(parents)
            writer.writerow([rng.choice(codes), (today - datetime.timedelta(days=rng.randint(0, 700))).isoformat(),
                             rng.choice(["welfare_referral", "friend", "self"]), rng.choice(["phone", "online"]),
                             category, rng.choice(children) if children else "", "נועה", "כהן"])
    began = time.perf_counter()
    with transaction.atomic():
        # As the system admin, who may write at every center the generated rows name.
        call_command("import_inquiries", str(path), as_user="admin", stdout=open(os.devnull, "w"))
        seconds = time.perf_counter() - began
        transaction.set_rollback(True)
    return {"rows": rows, "seconds": round(seconds, 1), "rows_per_s": round(rows / seconds)}


# ------------------------------------------------------------------ mixed workload on gunicorn


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(username):
    """A signed-in session for `username`, made the way django.contrib.auth.login makes one."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


WORKLOAD_PAGES = ("participant page", "caseload", "inquiry queue", "attendance sheet", "ranking one opening",
                  "home (manager)")


def workload(pages, participant, *, users, duration, workers):
    """80% GETs of the measured pages (the fast ones: no exports), 20% saves (a team note), for `duration` s."""
    from django.conf import settings

    port = free_port()
    env = {**os.environ, "HZ_DEV": "1", "DEBUG": "0", "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0",
           "HZ_REQUIRE_2FA": "0", "SECRET_KEY": settings.SECRET_KEY}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "hizdamnut.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True)
    try:
        for _n in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        # The pages staff work in all day; dashboards, reports and exports are measured above, one at a time.
        views = [(u, url) for name, u, url in pages if name in WORKLOAD_PAGES]
        sessions = {u: session_cookie(u) for u in {u for u, _url in views} | {"manager"}}
        token = secrets.token_hex(16)
        results = []
        for count in users:
            results.append(_run_users(port, views, sessions, token, participant, count, duration))
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _run_users(port, views, sessions, token, participant, count, duration):
    deadline = time.perf_counter() + duration
    latencies, errors, lock = [], [0], threading.Lock()

    def user(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            if rng.random() < 0.8:
                username, url = rng.choice(views)
                method, body = "GET", None
            else:
                username, url = "manager", f"/plans/participant/{participant}/notes/new/"
                method, body = "POST", f"kind=team&text=bench+{rng.randint(0, 10**6)}&csrfmiddlewaretoken={token}"
            headers = {"Host": "127.0.0.1", "Cookie": f"sessionid={sessions[username]}; csrftoken={token}",
                       "Accept-Language": "he"}
            if body:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            began = time.perf_counter()
            try:
                connection.request(method, url, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status in (200, 302)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                ok = False
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok

    threads = [threading.Thread(target=user, args=(n,)) for n in range(count)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    return {"users": count, "seconds": round(seconds, 1), "requests": len(latencies),
            "requests_per_s": round(len(latencies) / seconds, 1), "p50_ms": round(percentile(latencies, 0.5) or 0, 1),
            "p95_ms": round(percentile(latencies, 0.95) or 0, 1), "errors": errors[0]}


def sizes():
    from hizdamnut.centers.models import Center
    from hizdamnut.inquiries.models import Inquiry
    from hizdamnut.participants.models import Participant

    return {"centers": Center.objects.count(), "participants": Participant.objects.count(),
            "inquiries": Inquiry.objects.count()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10, help="requests per page (default 10)")
    parser.add_argument("--import-rows", type=int, default=100_000, help="rows for import_inquiries (0: skip)")
    parser.add_argument("--users", type=int, nargs="*", default=None,
                        help="concurrent users of the mixed workload (default 2 20; none: skip it)")
    parser.add_argument("--duration", type=float, default=20, help="seconds of mixed workload per user count")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--only", default="", help="measure only pages whose name contains this")
    parser.add_argument("--no-pages", action="store_true", help="skip the page timings (workload and import only)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--smoke", action="store_true", help="tiny and quick, to prove it runs (CI)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.repeat, args.import_rows, args.duration = 1, 200, 2
    if args.users is None:
        args.users = [2] if args.smoke else [2, 20]
    setup(args.smoke)
    pages, chosen = cases()
    pages = [p for p in pages if args.only in p[0]]
    report = {"database": sizes(), "pages": [] if args.no_pages else time_pages(pages, args.repeat)}
    if chosen["opening"] and not args.no_pages and args.only in "ranking one opening":
        report["ranking"] = time_ranking(chosen["opening"], args.repeat)
    if args.import_rows:
        report["import_inquiries"] = import_inquiries(args.import_rows)
    if args.users:
        report["workload"] = workload(pages, chosen["participant"], users=args.users, duration=args.duration,
                                      workers=args.workers)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return report
    db = report["database"]
    print(f"{db['centers']} centers, {db['participants']:,} participants, {db['inquiries']:,} inquiries; "
          f"{args.repeat} requests per page")
    print(f"{'page':<30}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for row in report["pages"]:
        failed = f"  HTTP {row['status']}" if row["status"] != 200 else ""
        print(f"{row['page']:<30}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['queries']:>9}{failed}")
    if "ranking" in report:
        r = report["ranking"]
        print(f"ranking one opening at {r['center']} (the most ready participants): {r['ranked']:,} ranked of "
              f"{r['ready']:,} ready, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, {r['queries']} queries")
    if "import_inquiries" in report:
        i = report["import_inquiries"]
        print(f"import_inquiries: {i['rows']:,} rows in {i['seconds']} s ({i['rows_per_s']:,} rows/s)")
    for row in report.get("workload", []):
        print(f"mixed workload, {row['users']} users, {row['seconds']} s: {row['requests_per_s']} req/s, "
              f"p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, {row['errors']} errors of {row['requests']}")
    return report


if __name__ == "__main__":
    main()
