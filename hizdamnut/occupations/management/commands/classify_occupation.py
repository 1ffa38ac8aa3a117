import json

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.occupations.services import classify


class Command(BaseCommand):
    help = (
        "Classify job titles on ISCO-08 unit groups: for each title its best 4-digit code (null when nothing is "
        "plausible), the Hebrew label, a 0-1 score and the alternatives, as a JSON array in input order."
    )

    def add_arguments(self, parser):
        parser.add_argument("titles", nargs="*", metavar="TITLE")
        parser.add_argument("--file", help="UTF-8 text file with one job title a line")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--limit", type=int, default=5, help="best code plus up to LIMIT-1 alternatives")

    def handle(self, *args, titles, file, limit, **options):
        titles = list(titles)
        if file:
            try:
                with open(file, encoding="utf-8-sig") as handle:
                    titles += [line.rstrip("\r\n") for line in handle if line.strip()]
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"cannot read {file}: {exc}") from exc
        if not titles:
            raise CommandError("no job titles: give them as arguments or with --file")
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        results = [classify(title, limit=limit).as_dict() for title in titles]
        self.stdout.write(json.dumps(results, ensure_ascii=False, indent=1))
