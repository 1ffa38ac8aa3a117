import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import write_report
from hizdamnut.centers.models import Center
from hizdamnut.reports.exports import to_xlsx
from hizdamnut.reports.survey_tables import survey_tables
from hizdamnut.surveys.indicators import survey_report
from hizdamnut.surveys.models import Questionnaire


def day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from exc


class Command(BaseCommand):
    help = (
        "Satisfaction survey report (docs/formats.md): per item the answer counts, no-answers and mean; per domain the "
        "mean with reversed items flipped; by center and overall; the change against --compare-from/--compare-to."
    )

    def add_arguments(self, parser):
        parser.add_argument("--questionnaire", required=True)
        parser.add_argument("--center", help="center code")
        parser.add_argument("--from", dest="date_from", type=day)
        parser.add_argument("--to", dest="date_to", type=day)
        parser.add_argument("--compare-from", dest="compare_from", type=day)
        parser.add_argument("--compare-to", dest="compare_to", type=day)
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", help="file for xlsx (default: standard output)")

    def handle(self, *args, questionnaire, center, date_from, date_to, compare_from, compare_to, format, output,
               **options):
        found = Questionnaire.objects.prefetch_related("items").filter(code=questionnaire).first()
        if found is None:
            raise CommandError(f"Unknown questionnaire “{questionnaire}”.")
        centers = None
        if center:
            centers = Center.objects.filter(code=center.upper())
            if not centers.exists():
                raise CommandError(f"Unknown center “{center}”.")
        report = survey_report(found, centers=centers, date_from=date_from, date_to=date_to,
                               compare_from=compare_from, compare_to=compare_to,
                               always_centers=[center.upper()] if center else ())
        if format == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        write_report(self, to_xlsx(survey_tables(report, found), found.title), output, announce=True)
