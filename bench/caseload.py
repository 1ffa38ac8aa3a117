"""Benchmark: caseload, team caseloads, career plan, timeline, skills and programs pages on a center-sized database.

    .venv/bin/python bench/caseload.py [--participants 3000]

Builds a throw-away SQLite database (or uses DATABASE_URL when set), fills it with demo data (plans and programs
builders included) and prints the median time and the query count of each page. Figures, not assertions.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--centers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizdamnut.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hizdamnut.participants.models import Participant
    from hizdamnut.plans.models import Meeting, Note, Task
    from hizdamnut.programs.models import Cohort

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not Participant.objects.exists():
        call_command("seed_demo", centers=args.centers, participants=args.participants, random_seed=1,
                     stdout=open(os.devnull, "w"))
    print(f"database: {connection.vendor}, {Participant.objects.count()} participants, {Meeting.objects.count()} "
          f"meetings, {Note.objects.count()} notes, {Task.objects.count()} tasks "
          f"(built in {time.perf_counter() - started:.1f} s)")

    User = get_user_model()
    worker = User.objects.get(username="socialworker")
    manager = User.objects.get(username="manager")
    busiest = (Participant.objects.filter(center__code="NTN").annotate(n=Count("meetings")).order_by("-n").first())
    cohort = Cohort.objects.filter(center__code="NTN").first()
    cases = [
        (worker, "caseload (social worker)", "/plans/caseload/"),
        (manager, "caseloads (manager)", "/plans/caseload/"),
        (worker, f"career plan ({busiest.n} meetings)", f"/plans/participant/{busiest.pk}/"),
        (worker, "timeline", f"/plans/participant/{busiest.pk}/timeline/"),
        (worker, "skills", f"/plans/participant/{busiest.pk}/skills/"),
        (worker, "API caseload", "/api/v1/plans/caseload"),
        (worker, "programs catalog", "/programs/"),
        (worker, "cohort", f"/programs/cohorts/{cohort.pk}/"),
        (worker, "worker calendar .ics", "/plans/calendar/mine.ics"),
        (worker, "home page (panel)", "/"),
        (manager, "home page (manager panel)", "/"),
    ]
    # Keep the connection open between requests, so the captured queries are those of the request.
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':<32}{'median ms':>10}{'p90 ms':>9}{'queries':>9}")
    for user, name, url in cases:
        client.force_login(user)
        timings = []
        for _ in range(args.repeat):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p90 = timings[max(int(len(timings) * 0.9) - 1, 0)]
        print(f"{name:<32}{statistics.median(timings):>10.1f}{p90:>9.1f}{len(queries):>9}")


if __name__ == "__main__":
    main()
