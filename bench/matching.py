"""Benchmark: ranking one opening against every ready participant of a center, at two data sizes.

    .venv/bin/python bench/matching.py [--participants 6000] [--centers 1] [--sizes 500 5000]

Builds a throw-away SQLite database (or uses DATABASE_URL when set) with demo data, then, for each size N,
marks N active participants of one center ready for work (raising active participants with profiles where the
demo has too few) and times `matching.candidates_for` on one open opening, with its query count, and the opening
page and the API around it. The ranking reads a bounded set (`ranking.max_candidates` in the weights file) in a
fixed number of queries, so the query count must not move with N. Figures, not assertions.
"""

import argparse
import statistics
import time

from harness import demo_database, time_pages


def make_ready(center, size):
    """Exactly `size` ready, active candidate profiles at `center` (creating profiles from active participants)."""
    from hizdamnut.employers.models import CandidateProfile
    from hizdamnut.participants.models import JourneyStatus, Participant

    CandidateProfile.objects.filter(participant__center=center).update(ready_for_work=False)
    have = list(CandidateProfile.objects.filter(participant__center=center).values_list("participant_id", flat=True))
    missing = size - len(have)
    if missing > 0:
        spare = (Participant.objects.filter(center=center).exclude(pk__in=have).order_by("pk")
                 .values_list("pk", flat=True)[:missing])
        CandidateProfile.objects.bulk_create([
            CandidateProfile(participant_id=pk, desired_occupations=["קופאית"], education_level=3) for pk in spare])
    ids = list(CandidateProfile.objects.filter(participant__center=center).order_by("pk")
               .values_list("participant_id", flat=True)[:size])
    Participant.objects.filter(pk__in=ids).update(status=JourneyStatus.ACTIVE)
    CandidateProfile.objects.filter(participant_id__in=ids).update(ready_for_work=True)
    return len(ids)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=6000)
    parser.add_argument("--centers", type=int, default=1)
    parser.add_argument("--sizes", type=int, nargs=2, default=[500, 5000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    built = demo_database(participants=args.participants, centers=args.centers)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hizdamnut.centers.models import Center
    from hizdamnut.employers import matching
    from hizdamnut.employers.models import JobOpening
    from hizdamnut.occupations.models import Occupation

    center = Center.objects.order_by("pk").first()
    opening = JobOpening.objects.filter(employer__center=center, status="open").select_related(
        "employer", "city").order_by("pk").first()
    if opening.occupation_unit_id is None:
        opening.occupation_unit = Occupation.objects.get(code="5230")
        opening.save(update_fields=["occupation_unit"])
    print(f"database: {connection.vendor} (built in {built:.1f} s); opening {opening.pk} at {center.code}, "
          f"max candidates {matching.load_weights()['ranking']['max_candidates']}")
    print(f"{'ready participants':>20}{'median ms':>11}{'p90 ms':>9}{'queries':>9}")
    lead = get_user_model().objects.get(username="employers")
    for size in args.sizes:
        ready = make_ready(center, size)
        connection.queries_log.clear()
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                ranked = matching.candidates_for(opening)
                timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        p90 = timings[max(int(len(timings) * 0.9) - 1, 0)]
        print(f"{ready:>20}{statistics.median(timings):>11.1f}{p90:>9.1f}{len(queries):>9}   ({len(ranked)} ranked)")
        time_pages([
            (lead, f"opening page, {ready} ready", f"/employers/openings/{opening.pk}/"),
            (lead, f"API matches, {ready} ready", f"/api/v1/employers/openings/{opening.pk}/matches"),
        ], repeat=args.repeat, width=34)


if __name__ == "__main__":
    main()
