"""National-scale benchmark: page times and query counts, an inquiry import, and a mixed workload on gunicorn.

One command against a database already seeded with `seed_demo --scale small|medium|national`:

  export DATABASE_URL=postgres://postgres@127.0.0.1:54340/hz_scale HZ_DEV=1
  .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --scale medium
  .venv/bin/python bench/national.py                # table; --json for JSON; --help for the knobs

First it times what the nightly `refresh_summaries` does (count the summary tables' stale months, then every
center's figures of the year to date, which the center dashboards' national median reads). It prints, per page,
p50/p95 server time (Django's test client in-process, so no network) and the query count of one request; the
national dashboard also for a period ending on the 15th (the default period ends today, so what it costs depends
on the day the benchmark runs); the center dashboard right after a write at its center (which counts that stale
center-month again), and the national dashboard to the 15th right after a write at every center (which counts
every center's days of that month again). Then `matching.candidates_for` alone for one open opening of the
center with the most participants ready for work (p50/p95, queries, how many were ranked; the "ranking one
opening" page shows that opening); then, per dashboard aggregate, the app's time against the best hand-written
SQL for the same numbers (PostgreSQL; ratio, and whether both gave the same numbers); then `import_inquiries` of
--import-rows generated rows (validation included; rolled back afterwards); then a mixed workload (80% page
views, 20% saves) against gunicorn on 127.0.0.1 for --duration seconds at each of --users concurrent users:
requests/s and p50/p95. Nothing asserts a time.

`--smoke` (CI): seeds a tiny dataset into an empty database, one repetition, 200 import rows, 2 s of workload.
"""

import argparse
import csv
import datetime
import gc
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
    mid = mid_month()
    rows = [
        ("participant page", manager.username, f"/participants/{participant.pk}/"),
        ("caseload", worker.username, "/plans/caseload/"),
        ("inquiry queue", "coordinator", "/inquiries/"),
        ("attendance sheet", manager.username, f"/programs/sessions/{session.pk}/attendance/" if session else None),
        ("ranking one opening", lead, f"/employers/openings/{opening.pk}/" if opening else None),
        ("home (manager)", manager.username, "/"),
        ("center dashboard", manager.username, "/reports/"),
        ("national dashboard", "national", "/reports/"),
        ("  to the 15th", "national", f"/reports/?date_from={mid:%Y}-01-01&date_to={mid:%Y-%m-%d}"),
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


def mid_month():
    """The latest 15th by today: a period that ends inside a month (the dashboard's default ends today, so what
    it costs depends on the day the benchmark runs; on a month's last day the tables hold the whole of it)."""
    from django.utils import timezone

    today = timezone.localdate()
    if today.day >= 15:
        return today.replace(day=15)
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=15)


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
        # p95 of 20 requests is the slowest: collect the garbage left so far (the first full collection of the
        # process, 100-150 ms at national scale) here rather than bill it to whichever page happens to be timed.
        gc.collect()
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


def summaries():
    """What the nightly `refresh_summaries` does, timed: count the summary tables' stale months (none when they
    are current), then every center's figures of the year to date (the center dashboards' national median)."""
    from django.utils import timezone

    from hizdamnut.centers import summaries as tables
    from hizdamnut.centers.models import Center
    from hizdamnut.reports.indicators import Filters, Scope
    from hizdamnut.reports.medians import count_national_figures

    today = timezone.localdate()
    centers = list(Center.objects.order_by("code"))
    months = tables.months_between(today.replace(year=today.year - 10, month=1, day=1), today)
    began = time.perf_counter()
    built = tables.build_all(centers, months, Scope(centers, Filters(months[0], today)).summaries.raw_scope)
    stale = time.perf_counter() - began
    began = time.perf_counter()
    count_national_figures(Filters(today.replace(month=1, day=1), today), today=today)
    return {"stale_months_counted": built, "stale_months_s": round(stale, 1),
            "national_figures_s": round(time.perf_counter() - began, 1)}


def time_after_write(repeat, national=False):
    """The center dashboard right after a write at the center: its month of the summary tables is stale, so the
    request counts that center-month again from the rows before reading. `national`: the national dashboard to
    the 15th right after a write at every center, so that each center's days of that month are counted again
    (the first read of the day after a busy morning)."""
    from django.contrib.auth import get_user_model
    from django.core.signals import request_finished
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from hizdamnut.centers import summaries as tables
    from hizdamnut.centers.models import Center

    if national:
        user, day = get_user_model().objects.get(username="national"), mid_month()
        centers = list(Center.objects.values_list("pk", flat=True))
        url = f"/reports/?date_from={day:%Y}-01-01&date_to={day:%Y-%m-%d}"
        page = "national to the 15th after writes"
    else:
        user, day, url = get_user_model().objects.get(username="manager"), timezone.localdate(), "/reports/"
        centers, page = [user.staff.centers.order_by("pk").first().pk], "center dashboard after a write"
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(url)
    timings, status = [], 200
    request_finished.disconnect(close_old_connections)
    try:
        for _n in range(repeat):
            tables.touch_many([(pk, day) for pk in centers])
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - began) * 1000)
            status = response.status_code if response.status_code != 200 else status
    finally:
        request_finished.connect(close_old_connections)
    return {"page": page, "url": url,
            "p50_ms": round(statistics.median(timings), 1), "p95_ms": round(percentile(timings, 0.95), 1),
            "queries": len(captured), "status": status}


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
        _forget_bench_notes(participant)


def _forget_bench_notes(participant):
    """Deletes the team notes the workload saved, so that the participant page measured next time reads the
    file it read this time (hundreds of notes a run otherwise pile up on that one participant)."""
    from hizdamnut.plans.models import Note

    Note.objects.filter(participant_id=participant, kind="team", text__startswith="bench ").delete()


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


# ------------------------------------------------------------------ each dashboard aggregate against its lower bound

# For each family of figures the dashboard computes: the app's computation (the registered indicator functions,
# on a fresh scope: all centers, 1 January to today, as the national dashboard) and the best hand-written SQL
# for the same numbers (PostgreSQL; raw cursor.execute, then only per-center arithmetic in Python), timed in the
# same run on the same data. Both give the same plain structure, compared for equality: a mismatch is printed.

_LOWER_BOUND_SQL = {
    "recruitment vs target": ["""
        SELECT p.center_id, s.changed_on, COUNT(DISTINCT s.participant_id)
        FROM participants_statuschange s JOIN participants_participant p ON p.id = s.participant_id
        WHERE s.status = 'active' AND s.changed_on BETWEEN %(start)s AND %(end)s
          AND NOT EXISTS (SELECT 1 FROM participants_statuschange e WHERE e.participant_id = s.participant_id
                          AND e.status = 'active' AND e.changed_on < s.changed_on)
        GROUP BY 1, 2""", """
        SELECT center_id, year, new_active_participants FROM centers_yearlytarget
        WHERE year BETWEEN %(start_year)s AND %(end_year)s"""],
    "placement rate": ["""
        SELECT p.center_id, COUNT(*), COUNT(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM placements_placement j WHERE j.participant_id = p.id
                   AND j.start_date BETWEEN %(start)s AND %(end)s))
        FROM participants_participant p JOIN (
            SELECT participant_id FROM participants_statuschange GROUP BY participant_id
            HAVING bool_or(status = 'active' AND changed_on <= %(end)s)
               AND COALESCE((array_agg(status ORDER BY changed_on DESC, id DESC)
                             FILTER (WHERE changed_on < %(start)s))[1], '') <> 'closed') s ON s.participant_id = p.id
        GROUP BY 1"""],
    "retention and advancement": ["""
        SELECT p.center_id, f.months_after, COUNT(*), COUNT(*) FILTER (WHERE f.employment IN ('same', 'other'))
        FROM placements_followup f JOIN placements_placement j ON j.id = f.placement_id
             JOIN participants_participant p ON p.id = j.participant_id
        WHERE f.done_on IS NOT NULL AND ((f.months_after = 3 AND j.start_date BETWEEN %(low3)s AND %(high3)s)
              OR (f.months_after = 6 AND j.start_date BETWEEN %(low6)s AND %(high6)s)
              OR (f.months_after = 12 AND j.start_date BETWEEN %(low12)s AND %(high12)s))
        GROUP BY 1, 2""", """
        SELECT p.center_id, COUNT(DISTINCT f.placement_id),
               COUNT(DISTINCT f.placement_id) FILTER (WHERE f.advancement <> '[]'::jsonb)
        FROM placements_followup f JOIN placements_placement j ON j.id = f.placement_id
             JOIN participants_participant p ON p.id = j.participant_id
        WHERE f.done_on BETWEEN %(start)s AND %(end)s AND f.employment IN ('same', 'other')
        GROUP BY 1"""],
    "who the center serves": ["""
        SELECT p.center_id, COUNT(*),
               COUNT(*) FILTER (WHERE p.city_id <> c.city_id AND city.region_id = c.region_id),
               COUNT(*) FILTER (WHERE p.has_welfare_file AND (p.welfare_file_last_active IS NULL
                                                             OR p.welfare_file_last_active >= %(three_years)s))
        FROM participants_participant p JOIN centers_center c ON c.id = p.center_id
             LEFT JOIN centers_city city ON city.id = p.city_id
             JOIN (  -- the placement rate's population: in active accompaniment during the period
            SELECT participant_id FROM participants_statuschange GROUP BY participant_id
            HAVING bool_or(status = 'active' AND changed_on <= %(end)s)
               AND COALESCE((array_agg(status ORDER BY changed_on DESC, id DESC)
                             FILTER (WHERE changed_on < %(start)s))[1], '') <> 'closed') s ON s.participant_id = p.id
        GROUP BY 1"""],
    "participants by status": ["""
        SELECT p.center_id, s.status, COUNT(*)
        FROM (SELECT DISTINCT ON (participant_id) participant_id, status FROM participants_statuschange
              WHERE changed_on <= %(end)s ORDER BY participant_id, changed_on DESC, recorded_at DESC, id DESC) s
             JOIN participants_participant p ON p.id = s.participant_id
        GROUP BY 1, 2"""],
    "funnel": ["""
        WITH reached AS (
            SELECT i.center_id, i.received_on, i.participant_id,
                   MIN(s.changed_on) FILTER (WHERE s.status IN ('screened', 'intake_scheduled', 'intake_held',
                                                                'routed')) AS c1,
                   MIN(s.changed_on) FILTER (WHERE s.status IN ('intake_held', 'routed')) AS c2,
                   MIN(s.changed_on) FILTER (WHERE s.status = 'routed') AS c3
            FROM inquiries_inquiry i LEFT JOIN inquiries_inquirystatuschange s ON s.inquiry_id = i.id
            WHERE i.received_on BETWEEN %(start)s AND %(end)s
            GROUP BY i.id),
        dated AS (
            SELECT center_id, received_on, participant_id,
                   CASE WHEN c1 IS NOT NULL THEN GREATEST(c1, received_on) END AS screened,
                   CASE WHEN c2 IS NOT NULL THEN GREATEST(c2, received_on) END AS intake,
                   CASE WHEN c3 IS NOT NULL THEN GREATEST(c3, received_on) END AS routed
            FROM reached),
        staged AS (
            SELECT d.*, (SELECT MIN(j.start_date) FROM placements_placement j
                         WHERE j.participant_id = d.participant_id AND j.start_date >= d.routed) AS placed
            FROM dated d),
        days AS (
            SELECT center_id, 0 AS stage, 0 AS days FROM staged
            UNION ALL SELECT center_id, 1, screened - received_on FROM staged WHERE screened IS NOT NULL
            UNION ALL SELECT center_id, 2, intake - screened FROM staged WHERE intake IS NOT NULL
            UNION ALL SELECT center_id, 3, routed - intake FROM staged WHERE routed IS NOT NULL
            UNION ALL SELECT center_id, 4, placed - routed FROM staged WHERE placed IS NOT NULL)
        SELECT center_id, stage, COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
        FROM days GROUP BY GROUPING SETS ((center_id, stage), (stage))"""],
    "inquiries by source and reason": ["""
        SELECT center_id, GROUPING(source), source, category_id, COUNT(*) FROM inquiries_inquiry
        WHERE received_on BETWEEN %(start)s AND %(end)s
        GROUP BY GROUPING SETS ((center_id, source), (center_id, category_id))"""],
    "participants by response and program": ["""
        SELECT p.center_id, d.response, COUNT(*)
        FROM (SELECT DISTINCT ON (participant_id) participant_id, response FROM intake_routingdecision
              WHERE decided_on BETWEEN %(start)s AND %(end)s ORDER BY participant_id, decided_on DESC, id DESC) d
             JOIN participants_participant p ON p.id = d.participant_id
        GROUP BY 1, 2""", """
        SELECT p.center_id, c.program_id, COUNT(DISTINCT e.participant_id)
        FROM programs_enrollment e JOIN programs_cohort c ON c.id = e.cohort_id
             JOIN participants_participant p ON p.id = e.participant_id
        WHERE e.status IN ('enrolled', 'completed', 'dropped') AND e.enrolled_on <= %(end)s
          AND (e.ended_on IS NULL OR e.ended_on >= %(start)s)
        GROUP BY 1, 2"""],
}


def _pair(result):
    return (result.numerator, result.denominator)


def _app_figures(name, scope):
    """The app's numbers of one family, as plain data ({center_id: ...} and totals)."""
    from hizdamnut.placements.indicators import FUNNEL_STAGES
    from hizdamnut.reports import indicators as i

    ids = scope.center_ids
    if name == "recruitment vs target":
        new, target, pace = i.new_active_participants(scope), i.target_attainment(scope), i.pace_to_date(scope)
        months = i.new_active_by_month(scope)
        return {cid: (new[cid].numerator, _pair(target[cid]), _pair(pace[cid]), months[cid]) for cid in ids}
    if name == "placement rate":
        return {cid: _pair(r) for cid, r in i.placement_rate(scope).items()}
    if name == "retention and advancement":
        figures = [i.retention_3(scope), i.retention_6(scope), i.retention_12(scope), i.advancement(scope)]
        return {cid: tuple(_pair(f[cid]) for f in figures) for cid in ids}
    if name == "who the center serves":
        figures = [i.region_residents_share(scope), i.file_holders_share(scope), i.welfare_profile_share(scope)]
        return {cid: tuple(_pair(f[cid]) for f in figures) for cid in ids}
    if name == "participants by status":
        return i.participants_by_status(scope)
    if name == "funnel":
        codes = [f"funnel_{s}" for s in FUNNEL_STAGES[1:]] + [f"days_to_{s}" for s in FUNNEL_STAGES[1:]]
        per_center = {code: i.INDICATORS_BY_CODE[code].compute(scope) for code in codes}
        out = {cid: tuple((code, _pair(r[cid]) if code.startswith("funnel") else (r[cid].value, r[cid].denominator))
                          for code, r in per_center.items()) for cid in ids}
        out["total"] = tuple(i.INDICATORS_BY_CODE[f"days_to_{s}"].total(scope, ids, per_center[f"days_to_{s}"]).value
                             for s in FUNNEL_STAGES[1:])
        return out
    if name == "inquiries by source and reason":
        return {"source": i.inquiries_by_source(scope), "reason": i.inquiries_by_reason(scope)}
    if name == "participants by response and program":
        return {"response": i.participants_by_response(scope), "program": i.participants_by_program(scope)}
    raise ValueError(name)


def _sql_figures(name, scope, cursor):
    """The same numbers from the hand-written SQL of _LOWER_BOUND_SQL (per-center arithmetic only in Python)."""
    from hizdamnut.centers.indicators import count_by, one_decimal
    from hizdamnut.inquiries.models import Source
    from hizdamnut.intake.models import RoutingTrack
    from hizdamnut.participants.indicators import month_starts, prorated_target, years_ago
    from hizdamnut.participants.models import JourneyStatus
    from hizdamnut.placements.indicators import start_dates_marking

    ids, start, end = scope.center_ids, scope.date_from, scope.date_to
    params = {"start": start, "end": end, "start_year": start.year, "end_year": end.year,
              "three_years": years_ago(end, 3)}
    for months in (3, 6, 12):
        params[f"low{months}"], params[f"high{months}"] = start_dates_marking(months, start, end)

    def rows(n):
        cursor.execute(_LOWER_BOUND_SQL[name][n], params)
        return cursor.fetchall()

    if name == "recruitment vs target":
        days, targets = rows(0), {(cid, year): n for cid, year, n in rows(1)}
        as_of = min(scope.today, end)
        months = [m.strftime("%Y-%m") for m in month_starts(start, end)]
        out = {}
        for cid in ids:
            mine = [(day, n) for center, day, n in days if center == cid]
            new = sum(n for _day, n in mine)
            by_month = {m: sum(n for day, n in mine if day.strftime("%Y-%m") == m) for m in months}
            target = one_decimal(prorated_target(targets, cid, start, end))
            expected = one_decimal(prorated_target(targets, cid, start, as_of))
            so_far = sum(n for day, n in mine if day <= as_of)
            pace = (so_far, expected) if as_of >= start else (0, 0)
            out[cid] = (new, (new, target), pace, by_month)
        return out
    if name == "placement rate":
        found = {cid: (placed, n) for cid, n, placed in rows(0)}
        return {cid: found.get(cid, (0, 0)) for cid in ids}
    if name == "retention and advancement":
        kept = {(cid, months): (k, n) for cid, months, n, k in rows(0)}
        advanced = {cid: (a, n) for cid, n, a in rows(1)}
        return {cid: tuple(kept.get((cid, m), (0, 0)) for m in (3, 6, 12)) + (advanced.get(cid, (0, 0)),)
                for cid in ids}
    if name == "who the center serves":
        found = {cid: (n, region, holders) for cid, n, region, holders in rows(0)}
        out = {}
        for cid in ids:
            n, region, holders = found.get(cid, (0, 0, 0))
            out[cid] = ((region, n), (holders, n), (n - holders, n) if n else (0, 0))
        return out
    if name == "participants by status":
        out = {cid: dict.fromkeys(JourneyStatus.values, 0) for cid in ids}
        for cid, status, n in rows(0):
            out[cid][status] = n
        return out
    if name == "funnel":
        reached, medians, totals = {}, {}, {}
        for cid, stage, n, median in rows(0):
            if cid is None:
                totals[stage] = median
            else:
                reached[(cid, stage)], medians[(cid, stage)] = n, median
        out = {}
        for cid in ids:
            counts = [reached.get((cid, s), 0) for s in range(5)]
            stages = list(enumerate(("screened", "intake", "routed", "placed"), 1))
            conversions = [(f"funnel_{stage}", (counts[s], counts[s - 1])) for s, stage in stages]
            days = [(f"days_to_{stage}", (one_decimal(medians[(cid, s)]) if counts[s] else None, counts[s]))
                    for s, stage in stages]
            out[cid] = tuple(conversions + days)
        out["total"] = tuple(one_decimal(totals[s]) if totals.get(s) is not None else None for s in range(1, 5))
        return out
    if name == "inquiries by source and reason":
        found = rows(0)
        by_source = [(c, s, n) for c, by_reason, s, _k, n in found if not by_reason]
        return {"source": count_by(by_source, ids, Source.values),
                "reason": count_by([(c, k, n) for c, by_reason, _s, k, n in found if by_reason], ids, [])}
    if name == "participants by response and program":
        return {"response": count_by(rows(0), ids, RoutingTrack.values), "program": count_by(rows(1), ids, [])}
    raise ValueError(name)


def _best_ms(function, repeat):
    timings = []
    for _n in range(repeat):
        began = time.perf_counter()
        value = function()
        timings.append((time.perf_counter() - began) * 1000)
    return min(timings), value


def lower_bounds(repeat):
    """Per dashboard aggregate: the app's time, the hand-written SQL's time (best of `repeat`), their ratio, and
    whether both gave the same numbers. PostgreSQL only (the hand-written SQL is PostgreSQL's)."""
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from hizdamnut.centers.models import Center
    from hizdamnut.reports.indicators import Filters, Scope

    if connection.vendor != "postgresql":
        return []
    today = timezone.localdate()
    centers = list(Center.objects.order_by("code"))
    filters = Filters(date_from=dt.date(today.year, 1, 1), date_to=today)
    results = []
    for name in _LOWER_BOUND_SQL:
        def app(name=name):
            return _app_figures(name, Scope(centers, filters, today=today))

        def sql(name=name):
            with connection.cursor() as cursor:
                return _sql_figures(name, Scope(centers, filters, today=today), cursor)

        app()  # warm up both once (caches, plans)
        sql()
        with CaptureQueriesContext(connection) as captured:
            app_ms, app_value = _best_ms(app, repeat)
        sql_ms, sql_value = _best_ms(sql, repeat)
        results.append({"aggregate": name, "app_ms": round(app_ms, 1), "sql_ms": round(sql_ms, 1),
                        "ratio": round(app_ms / sql_ms, 2) if sql_ms else None,
                        "app_queries": len(captured) // repeat, "same_numbers": app_value == sql_value})
        if app_value != sql_value:
            print(f"!!! MISMATCH in {name}: the app and the hand-written SQL disagree\n  app: {app_value}\n"
                  f"  sql: {sql_value}", file=sys.stderr)
    return results


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
    parser.add_argument("--no-lower-bounds", action="store_true",
                        help="skip timing each dashboard aggregate against its hand-written SQL")
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
    report = {"database": sizes(), "summaries": summaries()}
    report["pages"] = [] if args.no_pages else time_pages(pages, args.repeat)
    if not args.no_pages and args.only in "center dashboard after a write":
        report["pages"].append(time_after_write(args.repeat))
    if not args.no_pages and args.only in "national to the 15th after writes":
        report["pages"].append(time_after_write(args.repeat, national=True))
    if chosen["opening"] and not args.no_pages and args.only in "ranking one opening":
        report["ranking"] = time_ranking(chosen["opening"], args.repeat)
    if not args.no_lower_bounds:
        report["lower_bounds"] = lower_bounds(max(1, min(args.repeat, 5)))
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
    t = report["summaries"]
    print(f"summary tables: {t['stale_months_counted']} stale center-months counted in {t['stale_months_s']} s; "
          f"national figures of the year to date in {t['national_figures_s']} s")
    print(f"{'page':<36}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for row in report["pages"]:
        failed = f"  HTTP {row['status']}" if row["status"] != 200 else ""
        print(f"{row['page']:<36}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['queries']:>9}{failed}")
    if "ranking" in report:
        r = report["ranking"]
        print(f"ranking one opening at {r['center']} (the most ready participants): {r['ranked']:,} ranked of "
              f"{r['ready']:,} ready, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, {r['queries']} queries")
    if report.get("lower_bounds"):
        print(f"\n{'dashboard aggregate (national, year to date)':<46}{'app ms':>9}{'SQL ms':>9}{'ratio':>7}"
              f"{'queries':>9}  same numbers")
        for row in report["lower_bounds"]:
            same = "yes" if row["same_numbers"] else "NO — MISMATCH"
            print(f"{row['aggregate']:<46}{row['app_ms']:>9}{row['sql_ms']:>9}{row['ratio']:>7}"
                  f"{row['app_queries']:>9}  {same}")
    if "import_inquiries" in report:
        i = report["import_inquiries"]
        print(f"import_inquiries: {i['rows']:,} rows in {i['seconds']} s ({i['rows_per_s']:,} rows/s)")
    for row in report.get("workload", []):
        print(f"mixed workload, {row['users']} users, {row['seconds']} s: {row['requests_per_s']} req/s, "
              f"p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, {row['errors']} errors of {row['requests']}")
    return report


if __name__ == "__main__":
    main()
