import sys

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import read_table
from hizdamnut.centers.models import Center
from hizdamnut.surveys.models import Questionnaire
from hizdamnut.surveys.services import check_import_rows, import_responses


class Command(BaseCommand):
    help = (
        "Import paper survey responses from CSV or XLSX: center_code, answered_on (YYYY-MM-DD), then one column "
        "per item code holding 1–4 or empty. All or nothing: bad rows are listed and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--questionnaire", required=True, help="questionnaire code")

    def handle(self, *args, file, questionnaire, **options):
        found = Questionnaire.objects.filter(code=questionnaire).first()
        if found is None:
            raise CommandError(f"Unknown questionnaire “{questionnaire}”.")
        try:
            header, rows = read_table(file)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        item_codes = set(found.items.values_list("code", flat=True))
        missing = [c for c in ("center_code", "answered_on") if c not in header]
        unknown = [c for c in header if c and c not in item_codes and c not in ("center_code", "answered_on")]
        if missing or unknown:
            for column in missing:
                self.stderr.write(f"row 0: {column}: missing column")
            for column in unknown:
                self.stderr.write(f"row 0: {column}: not an item of {found.code}")
            sys.exit(1)
        centers = {center.code: center for center in Center.objects.all()}
        good, errors = check_import_rows(questionnaire=found, rows=rows, centers_by_code=centers)
        if errors:
            for line in errors:
                self.stderr.write(line)
            self.stderr.write(f"{len(rows)} rows checked; nothing was imported.")
            sys.exit(1)
        created = import_responses(questionnaire=found, checked_rows=good)
        self.stdout.write(f"{len(created)} responses imported into {found.code}.")
