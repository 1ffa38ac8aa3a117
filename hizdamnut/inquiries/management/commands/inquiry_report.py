import csv
import io
import json

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import neutralized, write_report
from hizdamnut.centers.selectors import center_by_code
from hizdamnut.inquiries.indicators import REPORT_HEADER, inquiry_report, report_rows, strip_labels
from hizdamnut.inquiries.models import Inquiry


class Command(BaseCommand):
    help = "Counts and shares of inquiries per reason (parent and child), per center and per year, with totals."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--center", help="center code")
        parser.add_argument("--year", type=int)
        parser.add_argument("--output", help="file to write (xlsx is written to stdout as bytes otherwise)")

    def handle(self, *args, format, center, year, output, **options):
        queryset = Inquiry.objects.all()
        if center:
            center_row = center_by_code(center)
            if center_row is None:
                raise CommandError(f"unknown center code “{center}”")
            queryset = queryset.filter(center=center_row)
        if year:
            queryset = queryset.filter(received_on__year=year)
        report = inquiry_report(queryset)
        if format == "json":
            text = json.dumps(strip_labels(report), ensure_ascii=False)
        elif format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(REPORT_HEADER)
            writer.writerows(neutralized(row) for row in report_rows(report))
            text = buffer.getvalue()
        else:
            text = xlsx_bytes(report)
        write_report(self, text, output)


def xlsx_bytes(report):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "inquiries"
    sheet.append(REPORT_HEADER)
    for row in report_rows(report):
        sheet.append(neutralized(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
