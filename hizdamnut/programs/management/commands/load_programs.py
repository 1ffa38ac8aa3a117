from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from hizdamnut.programs.catalog import DEFAULT_FILE, load_catalog, read_catalog


class Command(BaseCommand):
    help = "Create or update the programs catalog from a JSON file (default: the centers' offer shipped with the app)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, file, **options):
        try:
            created, updated = load_catalog(read_catalog(file))
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise SystemExit(1)
        self.stdout.write(f"programs: {created} created, {updated} updated")
