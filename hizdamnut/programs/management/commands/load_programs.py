from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from hizdamnut.bulk import fail
from hizdamnut.programs.catalog import DEFAULT_FILE, load_catalog, read_catalog


class Command(BaseCommand):
    help = ("Create or update the programs catalog from a JSON file (idempotent by code; default: the centers' offer "
            "shipped in programs/data/programs.json). A bad file writes nothing and exits 1.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, file, **options):
        try:
            created, updated = load_catalog(read_catalog(file))
        except ValidationError as exc:
            fail(self, exc.messages)
        self.stdout.write(f"programs: {created} created, {updated} updated")
