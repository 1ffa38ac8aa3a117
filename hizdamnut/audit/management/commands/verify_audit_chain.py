from django.core.management.base import BaseCommand, CommandError

from hizdamnut.audit.chain import first_break
from hizdamnut.audit.models import ChainLink


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exits 1 naming the first broken row."

    def handle(self, *args, **options):
        broken = first_break()
        if broken is not None:
            row, reason = broken
            if isinstance(row, ChainLink):
                raise CommandError(f"Audit chain broken at link {row.seq} (entry {row.entry_id}): {reason}.")
            raise CommandError(f"Audit chain broken at entry {row.pk}: {reason}.")
        self.stdout.write(f"Audit chain verified: {ChainLink.objects.count()} entries.")
