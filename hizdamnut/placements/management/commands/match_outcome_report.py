import json

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import add_period_arguments, period, write_report
from hizdamnut.centers.models import Center
from hizdamnut.placements.match_outcomes import match_outcomes, xlsx_bytes


class Command(BaseCommand):
    help = ("What placed people: placements and retention at 3 and 6 months by occupation sub-major group "
            "(ISCO-08) and by match score band, for a period. `value` is null where there is nothing to count.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        add_period_arguments(parser)
        parser.add_argument("--output", help="file to write (xlsx is written to stdout as bytes otherwise)")

    def handle(self, format, center, start, end, output, **options):
        start, end = period(start, end)
        centers = None
        if center:
            centers = list(Center.objects.filter(code=center.upper()))
            if not centers:
                raise CommandError(f"--center: unknown center {center!r}")
        report = match_outcomes(centers=centers, start=start, end=end)
        content = json.dumps(report, ensure_ascii=False, indent=2) if format == "json" else xlsx_bytes(report)
        write_report(self, content, output)
