"""Benchmark: matching, the employer-relations lead's pages, follow-ups due and the outcome indicators.

    .venv/bin/python bench/employment.py [--participants 3000] [--centers 2]

Builds a throw-away SQLite database (or uses DATABASE_URL when set), fills it with demo data, marks every
active participant ready for work (the worst case for ranking), and prints the median time and the query
count of each page. Figures, not assertions.
"""

import argparse
import datetime
import statistics
import time

from harness import demo_database, time_pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--centers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    built = demo_database(participants=args.participants, centers=args.centers)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from hizdamnut.centers.models import Center
    from hizdamnut.employers import matching
    from hizdamnut.employers.models import CandidateProfile, JobOpening
    from hizdamnut.participants.models import Participant
    from hizdamnut.placements import indicators

    CandidateProfile.objects.update(ready_for_work=True)
    center = Center.objects.order_by("pk").first()
    ready = matching.ready_profiles(center).count()
    print(f"database: {connection.vendor}, {Participant.objects.count()} participants, {ready} ready for work at "
          f"{center.code} (built in {built:.1f} s)")

    opening = JobOpening.objects.filter(employer__center=center, status="open").order_by("pk").first()
    profile = matching.ready_profiles(center).order_by("pk").first()
    timings = []
    for _ in range(args.repeat):
        begin = time.perf_counter()
        matching.candidates_for(opening)
        timings.append((time.perf_counter() - begin) * 1000)
    print(f"rank {ready} participants for one opening: median {statistics.median(timings):.1f} ms")

    lead = get_user_model().objects.get(username="employers")
    worker = get_user_model().objects.get(username="socialworker")
    cases = [
        (lead, "lead's page (employers list)", "/employers/"),
        (lead, "opening with ranked candidates", f"/employers/openings/{opening.pk}/"),
        (lead, "participant's ranked openings", f"/employers/participants/{profile.participant_id}/"),
        (lead, "API: matches for an opening", f"/api/v1/employers/openings/{opening.pk}/matches"),
        (worker, "follow-ups due (fragment)", "/placements/follow-ups/due/"),
        (worker, "social worker's home page", "/"),
        (worker, "outcomes page", "/placements/outcomes/"),
    ]
    time_pages(cases, repeat=args.repeat, width=34)

    today = datetime.date.today()
    begin = time.perf_counter()
    indicators.all_indicators(centers=None, start=datetime.date(today.year - 1, 1, 1), end=today)
    print(f"all outcome indicators, all centers: {(time.perf_counter() - begin) * 1000:.1f} ms")



if __name__ == "__main__":
    main()
