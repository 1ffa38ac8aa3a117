import datetime

from django.contrib.auth import get_user_model
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

    def handle(self, *args, centers, participants, random_seed, today, if_empty, **options):
        if not 1 <= centers <= len(CENTERS):
            raise CommandError(f"--centers: choose 1 to {len(CENTERS)}")
        if participants < 0:
            raise CommandError("--participants: must be 0 or more")
        if Center.objects.exists():
            if if_empty:
                self.stdout.write("Demo data: the database already has data; nothing added.")
                return
            raise CommandError("The database already has centers; seed_demo fills an empty database only.")
        ctx = seed(centers=centers, participants=participants, random_seed=random_seed, today=today,
                   stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data: {len(ctx.centers)} centers, {len(ctx.participants)} participants, "
            f"{get_user_model().objects.count()} staff."
        ))
