import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.inquiries.services import load_categories


class Command(BaseCommand):
    help = "Create or update the two-level inquiry reason tree from a JSON file (idempotent; codes are keys)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig") as handle:
                data = json.load(handle)
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
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
            for line in problems:
                self.stderr.write(line)
            raise SystemExit(1)
        try:
            load_categories(data)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{len(codes)} categories loaded")
