from django.core.management.base import BaseCommand
from django.utils import timezone

from hizdamnut.bulk import fail, read_checked_rows, save_all_or_nothing
from hizdamnut.inquiries.imports import IMPORT_COLUMNS, check_inquiry_rows, save_imported_inquiry


class Command(BaseCommand):
    help = ("Import inquiries from CSV or XLSX (center_code, received_on, source, channel, category, subcategory, "
            "id_number, first_name, last_name, notes): every row is checked first; all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        rows = read_checked_rows(file, IMPORT_COLUMNS, command=self)
        inquiries, problems = check_inquiry_rows(rows, today=timezone.localdate())
        if problems:
            fail(self, problems, summary=False)
        save_all_or_nothing(self, inquiries, save_imported_inquiry, summary=False)
        self.stdout.write(f"{len(inquiries)} inquiries imported")
