import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hizdamnut.inquiries.bulk import SCREENING_COLUMNS, RowErrors, find_center, missing_columns, read_rows, screen_rows


class Command(BaseCommand):
    help = "Screen a batch of people (CSV or XLSX) against the eligibility rules without saving; prints JSON."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--center", required=True, help="center code")
        parser.add_argument("--year", type=int, help="year whose participants count toward the region cap")
        parser.add_argument("--screened-on", help="YYYY-MM-DD: the day age and 'last 3 years' count from")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, file, center, year, screened_on, **options):
        center_row = find_center(center)
        if center_row is None:
            raise CommandError(f"unknown center code “{center}”")
        try:
            on = datetime.date.fromisoformat(screened_on) if screened_on else timezone.localdate()
        except ValueError:
            raise CommandError("--screened-on: expected a date as YYYY-MM-DD")
        try:
            rows = read_rows(file)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}")
        missing = missing_columns(rows, SCREENING_COLUMNS)
        if missing:
            self.stderr.write(f"{file}: missing columns: {', '.join(missing)}")
            raise SystemExit(1)
        try:
            results = screen_rows(rows, center=center_row, on=on, year=year or on.year)
        except RowErrors as exc:
            for line in exc.lines:
                self.stderr.write(line)
            raise SystemExit(1)
        self.stdout.write(json.dumps(results, ensure_ascii=False))
