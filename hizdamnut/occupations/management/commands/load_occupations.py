from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.occupations.reference import ISCO_FILE, SYNONYMS_FILE
from hizdamnut.occupations.services import load_occupations


class Command(BaseCommand):
    help = (
        "Create or update the ISCO-08 groups (JSON) and the Hebrew job-title synonyms (CSV: title,code) from the "
        "files shipped in the app or given (idempotent; codes and titles are keys)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--isco", default=str(ISCO_FILE), help="ISCO-08 groups JSON file")
        parser.add_argument("--synonyms", default=str(SYNONYMS_FILE), help="CSV file with columns title,code")

    def handle(self, *args, isco, synonyms, **options):
        try:
            counts = load_occupations(isco_path=isco, synonyms_path=synonyms)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot load the occupations: {exc!r}") from exc
        self.stdout.write(f"{counts['occupations']} occupation groups and {counts['synonyms']} synonyms loaded")
