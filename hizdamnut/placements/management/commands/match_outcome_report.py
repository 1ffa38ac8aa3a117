import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.centers.models import Center
from hizdamnut.placements.match_outcomes import match_outcomes, xlsx_bytes


class Command(BaseCommand):
    help = ("What placed people: placements and retention at 3 and 6 months by occupation sub-major group "
            "(ISCO-08) and by match score band, for a period. `value` is null where there is nothing to count.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--center", help="a center code (default: all centers)")
        parser.add_argument("--from", dest="start", help="YYYY-MM-DD (default: 1 January this year)")
        parser.add_argument("--to", dest="end", help="YYYY-MM-DD (default: 31 December this year)")
        parser.add_argument("--output", help="file to write (xlsx is written to stdout as bytes otherwise)")

    def handle(self, format, center, start, end, output, **options):
        today = datetime.date.today()
        try:
            start = datetime.date.fromisoformat(start) if start else datetime.date(today.year, 1, 1)
            end = datetime.date.fromisoformat(end) if end else datetime.date(today.year, 12, 31)
        except ValueError as error:
            raise CommandError("--from/--to: use YYYY-MM-DD") from error
        if end < start:
            raise CommandError("--to is before --from")
        centers = None
        if center:
            centers = list(Center.objects.filter(code=center.upper()))
            if not centers:
                raise CommandError(f"--center: unknown center {center!r}")
        report = match_outcomes(centers=centers, start=start, end=end)
        if format == "json":
            text = json.dumps(report, ensure_ascii=False, indent=2)
            if output:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text)
            else:
                self.stdout.write(text)
            return
        data = xlsx_bytes(report)
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            sys.stdout.buffer.write(data)
