import argparse
import datetime
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.centers.models import Center
from hizdamnut.demo.core import CENTERS, seed


class Command(BaseCommand):
    help = "Fill an empty database with deterministic synthetic demo data (fictional people only)."

    def add_arguments(self, parser):
        parser.add_argument("--centers", type=int, default=4, help=f"how many centers (1–{len(CENTERS)})")
        parser.add_argument("--participants", type=int, default=200, help="how many participants in all")
        parser.add_argument("--seed", dest="random_seed", type=int, default=1,
                            help="random seed: the same seed gives the same data")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="the day the data is built around (YYYY-MM-DD; default today)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when centers already exist")
        parser.add_argument("--scale", choices=["small", "medium", "national"], default=None,
                            help="bulk synthetic data over ten years: small 10,000 participants, medium 100,000, "
                                 "national 1,000,000 in 100 centers (--centers and --participants are ignored)")
        # Tests shrink a scale with this (e.g. 0.002); not for everyday use.
        parser.add_argument("--scale-factor", type=float, default=1.0, help=argparse.SUPPRESS)
        # Benchmarks of one center at a scale's density build only the first few centers (e.g. 1).
        parser.add_argument("--only-centers", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args, centers, participants, random_seed, today, if_empty, scale, scale_factor, only_centers,
               **options):
        if scale is None:
            if not 1 <= centers <= len(CENTERS):
                raise CommandError(f"--centers: choose 1 to {len(CENTERS)}")
            if participants < 0:
                raise CommandError("--participants: must be 0 or more")
        elif not 0 < scale_factor <= 1:
            raise CommandError("--scale-factor: choose more than 0 and at most 1")
        if Center.objects.exists():
            if if_empty:
                self.stdout.write("Demo data: the database already has data; nothing added.")
                return
            raise CommandError("The database already has centers; seed_demo fills an empty database only.")
        if scale is not None:
            self.seed_scale(scale, random_seed, today, scale_factor, options["verbosity"], only_centers)
            return
        ctx = seed(centers=centers, participants=participants, random_seed=random_seed, today=today,
                   stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data: {len(ctx.centers)} centers, {len(ctx.participants)} participants, "
            f"{get_user_model().objects.count()} staff."
        ))

    def seed_scale(self, scale, random_seed, today, factor, verbosity, only_centers=None):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from hizdamnut.demo.national import seed_national

        began = time.monotonic()
        progress = Progress(TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), disable=verbosity < 1)
        with progress:
            written = seed_national(scale=scale, random_seed=random_seed, today=today, factor=factor,
                                    only_centers=only_centers, progress=progress)
        seconds = time.monotonic() - began
        # Rows written in bulk skip the signals that keep the summary tables current: count every month now, so
        # the first dashboard reads them instead of counting a decade of months itself. The whole population only
        # (national: 4 of the 30 minutes): the nightly refresh_summaries builds the segments that filtered
        # dashboards read, and until then they count from the rows.
        summarized = time.monotonic()
        call_command("refresh_summaries", verbosity=verbosity, stdout=self.stdout, whole_population_only=True)
        self.stdout.write(f"Summary tables counted in {time.monotonic() - summarized:.0f} s; "
                          "`manage.py refresh_summaries` builds the segments (gender, single parents, disability, "
                          "released prisoners, programs) too.")
        rows = sum(written.values())
        people = next((n for model, n in written.items() if model._meta.model_name == "participant"), 0)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ({scale}): {Center.objects.count()} centers, {people:,} participants, "
            f"{get_user_model().objects.count():,} staff, {rows:,} rows in {seconds:.0f} s."
        ))
