"""Benchmark: caseload, team caseloads, career plan, timeline, skills and programs pages on a center-sized database.

    .venv/bin/python bench/caseload.py [--participants 3000]

Builds a throw-away SQLite database (or uses DATABASE_URL when set), fills it with demo data (plans and programs
builders included) and prints the median time and the query count of each page. Figures, not assertions.
"""

import argparse

from harness import demo_database, time_pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--centers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    built = demo_database(participants=args.participants, centers=args.centers)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count

    from hizdamnut.participants.models import Participant
    from hizdamnut.plans.models import Meeting, Note, Task
    from hizdamnut.programs.models import Cohort

    print(f"database: {connection.vendor}, {Participant.objects.count()} participants, {Meeting.objects.count()} "
          f"meetings, {Note.objects.count()} notes, {Task.objects.count()} tasks (built in {built:.1f} s)")

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
    time_pages(cases, repeat=args.repeat)


if __name__ == "__main__":
    main()
