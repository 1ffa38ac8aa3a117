import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hizdamnut.backups.crypto import BackupKeyError, new_key
from hizdamnut.backups.services import BackupError, backup


class Command(BaseCommand):
    help = ("Writes an encrypted copy of the whole database (SQLite or PostgreSQL) to --output (default: "
            "hizdamnut-YYYYMMDD-HHMMSS.backup in the current folder). The key is BACKUP_KEY in the environment.")

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the backup file to write")
        parser.add_argument("--new-key", action="store_true", help="print a new random BACKUP_KEY and stop")

    def handle(self, *args, output=None, **options):
        if options.get("new_key"):
            self.stdout.write(new_key())
            return
        output = output or f"hizdamnut-{datetime.datetime.now():%Y%m%d-%H%M%S}.backup"
        try:
            backup(output=output)
        except (BackupKeyError, BackupError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Wrote {output} ({Path(output).stat().st_size:,} bytes, encrypted)")
