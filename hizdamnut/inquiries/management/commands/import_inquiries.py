from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from hizdamnut.bulk import active_user, fail, read_checked_rows, save_in_batches
from hizdamnut.inquiries.imports import IMPORT_COLUMNS, InquiryImport, check_inquiry_rows


class Command(BaseCommand):
    help = ("Import inquiries from CSV or XLSX (center_code, received_on, source, channel, category, subcategory, "
            "id_number, first_name, last_name, notes): every row is checked first; all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--as-user", required=True, help="the staff username the inquiries are recorded by")

    def handle(self, *args, file, as_user, **options):
        actor = active_user(as_user)
        rows = read_checked_rows(file, IMPORT_COLUMNS, command=self)
        inquiries, problems = check_inquiry_rows(rows, today=timezone.localdate())
        if problems:
            fail(self, problems, summary=False)
        saving = InquiryImport(actor=actor)
        save_in_batches(self, inquiries, saving.save, summary=False,
                        finish=lambda: saving.audit(what="import_inquiries", source=Path(file).name))
        self.stdout.write(f"{len(inquiries)} inquiries imported")
