from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import fail, read_json
from hizdamnut.inquiries.services import load_categories


class Command(BaseCommand):
    help = "Create or update the two-level inquiry reason tree from a JSON file (idempotent; codes are keys)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        data = read_json(file)
        problems = []
        if not isinstance(data, list):
            raise CommandError("the file must hold a JSON list of categories")
        codes = set()
        for n, item in enumerate(data, start=1):
            for entry in [item, *((item.get("subcategories") or []) if isinstance(item, dict) else [])]:
                if not isinstance(entry, dict) or not entry.get("code") or not entry.get("label_he"):
                    problems.append(f"row {n}: code: each category needs a code and a label_he")
                elif entry["code"] in codes:
                    problems.append(f"row {n}: code: “{entry['code']}” appears twice")
                else:
                    codes.add(entry["code"])
        if problems:
            fail(self, problems, summary=False)
        try:
            load_categories(data)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{len(codes)} categories loaded")
