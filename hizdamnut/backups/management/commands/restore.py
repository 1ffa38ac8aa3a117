from django.core.management.base import BaseCommand, CommandError

from hizdamnut.backups.crypto import BackupFileError, BackupKeyError
from hizdamnut.backups.services import BackupError, restore


class Command(BaseCommand):
    help = ("Replaces the whole database with the content of an encrypted backup made by `manage.py backup`. "
            "The key is BACKUP_KEY in the environment. Stop the app first.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes=False, **options):
        if not yes:
            answer = input("This replaces every table of the database with the backup. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore(source=file)
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {file}") from exc
        except (BackupKeyError, BackupFileError, BackupError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the database from {file}.")
