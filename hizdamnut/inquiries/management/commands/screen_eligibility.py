import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hizdamnut.bulk import fail, read_checked_rows
from hizdamnut.centers.selectors import center_by_code
from hizdamnut.inquiries.imports import SCREENING_COLUMNS, check_screening_rows, screen_applicants


class Command(BaseCommand):
    help = "Screen a batch of people (CSV or XLSX) against the eligibility rules without saving; prints JSON."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--center", required=True, help="center code")
        parser.add_argument("--year", type=int, help="year whose participants count toward the region cap")
        parser.add_argument("--screened-on", help="YYYY-MM-DD: the day age and 'last 3 years' count from")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, file, center, year, screened_on, **options):
        center_row = center_by_code(center)
        if center_row is None:
            raise CommandError(f"unknown center code “{center}”")
        try:
            on = datetime.date.fromisoformat(screened_on) if screened_on else timezone.localdate()
        except ValueError:
            raise CommandError("--screened-on: expected a date as YYYY-MM-DD") from None
        rows = read_checked_rows(file, SCREENING_COLUMNS, command=self)
        applicants, problems = check_screening_rows(rows)
        if problems:
            fail(self, problems, summary=False)
        results = screen_applicants(applicants, center=center_row, on=on, year=year or on.year)
        self.stdout.write(json.dumps(results, ensure_ascii=False))
