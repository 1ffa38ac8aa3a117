from django.conf import settings
from django.core.management.base import BaseCommand

from hizdamnut.participants.privacy import anonymize_closed, retention_cutoff


class Command(BaseCommand):
    help = ("Anonymize the records of participants closed at least RETENTION_YEARS_AFTER_CLOSURE years ago "
            "(default 7): names, ID number, phone, e-mail and every free-text field are replaced or cleared; "
            "statuses, dates, centers, codes and counts stay, so the indicators do not change. Prints the "
            "number of rows changed per model; --dry-run only counts.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what would change, write nothing")

    def handle(self, *args, dry_run=False, **options):
        counts = anonymize_closed(dry_run=dry_run)
        years = settings.RETENTION_YEARS_AFTER_CLOSURE
        verb = "Would anonymize" if dry_run else "Anonymized"
        self.stdout.write(f"{verb} the records of participants closed on or before {retention_cutoff()} "
                          f"({years} years of retention).")
        if not counts:
            self.stdout.write("Nothing is due.")
            return
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
