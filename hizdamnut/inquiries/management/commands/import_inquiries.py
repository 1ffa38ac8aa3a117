from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hizdamnut.inquiries.bulk import IMPORT_COLUMNS, RowErrors, import_inquiries, missing_columns, read_rows


class Command(BaseCommand):
    help = ("Import inquiries from CSV or XLSX (center_code, received_on, source, channel, category, subcategory, "
            "id_number, first_name, last_name, notes): every row is checked first; all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            rows = read_rows(file)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}")
        missing = missing_columns(rows, IMPORT_COLUMNS)
        if missing:
            self.stderr.write(f"{file}: missing columns: {', '.join(missing)}")
            raise SystemExit(1)
        try:
            imported = import_inquiries(rows, today=timezone.localdate())
        except RowErrors as exc:
            for line in exc.lines:
                self.stderr.write(line)
            raise SystemExit(1)
        self.stdout.write(f"{len(imported)} inquiries imported")
