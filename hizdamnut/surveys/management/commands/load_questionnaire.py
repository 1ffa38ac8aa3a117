from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import read_json
from hizdamnut.surveys.services import load_questionnaire


class Command(BaseCommand):
    help = "Create or update a satisfaction questionnaire from a JSON file (idempotent by code; docs/formats.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="e.g. hizdamnut/surveys/questionnaires/satisfaction-2025.json")

    def handle(self, *args, file, **options):
        try:
            questionnaire, created = load_questionnaire(read_json(file))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.stderr.write(f"{field}: {message}")
            raise CommandError("Nothing was changed.") from exc
        verb = "created" if created else "updated"
        self.stdout.write(f"{questionnaire.code}: {verb}, {questionnaire.items.count()} items.")
