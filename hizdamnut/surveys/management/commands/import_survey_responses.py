from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import fail, problem, read_table
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
        header, rows = read_table(file)
        item_codes = set(found.items.values_list("code", flat=True))
        missing = [c for c in ("center_code", "answered_on") if c not in header]
        unknown = [c for c in header if c and c not in item_codes and c not in ("center_code", "answered_on")]
        if missing or unknown:
            fail(self, [problem(0, column, "missing column") for column in missing]
                 + [problem(0, column, f"not an item of {found.code}") for column in unknown], summary=False)
        centers = {center.code: center for center in Center.objects.all()}
        good, errors = check_import_rows(questionnaire=found, rows=rows, centers_by_code=centers)
        if errors:
            fail(self, [*errors, f"{len(rows)} rows checked; nothing was imported."], summary=False)
        created = import_responses(questionnaire=found, checked_rows=good)
        self.stdout.write(f"{len(created)} responses imported into {found.code}.")
