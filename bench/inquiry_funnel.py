"""The demo inquiry funnel: share of inquiries per status and median days from inquiry to routing.

Usage:  .venv/bin/python bench/inquiry_funnel.py [--centers 4] [--participants 200] [--seed 1] [--use-db]

By default it builds fresh demo data in a temporary SQLite database (seed_demo), so the figures are
reproducible for a seed; `--use-db` reads the database DATABASE_URL points at instead.
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centers", type=int, default=4)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--use-db", action="store_true", help="read the existing database instead of seeding one")
    args = parser.parse_args()
    if not args.use_db:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/funnel.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizdamnut.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if not args.use_db:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", centers=args.centers, participants=args.participants, random_seed=args.seed,
                     stdout=open(os.devnull, "w"))
        print(f"seeded {args.centers} centers, {args.participants} participants (seed {args.seed}) "
              f"in {time.perf_counter() - started:.1f}s")

    from hizdamnut.inquiries.models import Inquiry, InquiryStatus, InquiryStatusChange
    from hizdamnut.intake.models import RoutingDecision

    total = Inquiry.objects.count()
    print(f"inquiries: {total}")
    if not total:
        return
    counts = {s: 0 for s in InquiryStatus.values}
    for status in Inquiry.objects.values_list("status", flat=True):
        counts[status] += 1
    print("share per status:")
    for status, count in counts.items():
        print(f"  {status:<17} {count:>5}  {100 * count / total:5.1f}%")
    open_ids = Inquiry.objects.filter(status__in=["new", "screened", "intake_scheduled", "intake_held"])
    print(f"  open (in the queue): {open_ids.count()}  {100 * open_ids.count() / total:.1f}%")

    days = [
        (change.changed_on - change.inquiry.received_on).days
        for change in InquiryStatusChange.objects.filter(status=InquiryStatus.ROUTED).select_related("inquiry")
    ]
    if days:
        print(f"days from inquiry to routing: median {statistics.median(days)}, "
              f"mean {statistics.mean(days):.1f}, min {min(days)}, max {max(days)} (n={len(days)})")
    decisions = RoutingDecision.objects.all()
    n = decisions.count()
    if n:
        followed = sum(1 for d in decisions.only("response", "recommended_response") if d.follows_recommendation)
        print(f"routing decisions: {n}; followed the recommendation: {100 * followed / n:.1f}%")
        per = {}
        for response in decisions.values_list("response", flat=True):
            per[response] = per.get(response, 0) + 1
        print("  " + ", ".join(f"{k} {v}" for k, v in sorted(per.items())))


if __name__ == "__main__":
    main()
