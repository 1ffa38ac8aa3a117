from datetime import date

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.audit.review import review_reads
from hizdamnut.centers.models import Center


class Command(BaseCommand):
    help = "The managers' log review for one center: unusual volume, reads outside the caseload, off-hours reads."

    def add_arguments(self, parser):
        parser.add_argument("--center", required=True, help="center code")
        parser.add_argument("--from", dest="date_from", required=True, type=date.fromisoformat)
        parser.add_argument("--to", dest="date_to", required=True, type=date.fromisoformat)

    def handle(self, *args, center, date_from, date_to, **options):
        center_row = Center.objects.filter(code=center.upper()).first()
        if center_row is None:
            raise CommandError(f"Unknown center code {center}.")
        review = review_reads(center=center_row, date_from=date_from, date_to=date_to)
        self.stdout.write(f"Audit review {center_row.code} {date_from}–{date_to}")
        self.stdout.write(f"Unusual volume ({len(review.volume)}):")
        for name, day, count, median in review.volume:
            self.stdout.write(f"  {name} {day}: {count} reads (median {median:g})")
        self.stdout.write(f"Outside caseload ({len(review.outside_caseload)}):")
        for name, participant, when in review.outside_caseload:
            self.stdout.write(f"  {name} read participant {participant} at {when:%Y-%m-%d %H:%M}")
        self.stdout.write(f"Off hours ({len(review.off_hours)}):")
        for name, when, what in review.off_hours:
            self.stdout.write(f"  {name} at {when:%Y-%m-%d %H:%M} ({what})")
