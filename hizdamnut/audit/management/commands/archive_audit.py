import calendar
import gzip
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from hizdamnut.audit.chain import archiving, entry_payload
from hizdamnut.audit.models import ArchiveAnchor, ChainLink


def months_before(moment, months):
    years, month = divmod(moment.month - 1 - months, 12)
    year = moment.year + years
    return moment.replace(year=year, month=month + 1, day=min(moment.day, calendar.monthrange(year, month + 1)[1]))


class Command(BaseCommand):
    help = ("Move audit entries older than AUDIT_RETENTION_MONTHS (24) to a compressed JSON-lines file; "
            "the last archived digest stays as the anchor the chain continues from.")

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="keep this many months (default: the setting)")
        parser.add_argument("--directory", default=None, help="where to write (default: AUDIT_ARCHIVE_DIR)")

    def handle(self, *args, months=None, directory=None, **options):
        months = months if months is not None else settings.AUDIT_RETENTION_MONTHS
        if months < 24:
            self.stderr.write("The regulations ask for at least 24 months; keeping 24.")
            months = 24
        cutoff = months_before(timezone.now(), months)
        # Only a prefix of the chain leaves, so the rows left behind still chain from the anchor.
        first_kept = ChainLink.objects.filter(entry__timestamp__gte=cutoff).order_by("seq").first()
        links = ChainLink.objects.select_related("entry", "entry__content_type").order_by("seq")
        if first_kept is not None:
            links = links.filter(seq__lt=first_kept.seq)
        links = list(links)
        if not links:
            self.stdout.write("Nothing older than the retention period.")
            return
        folder = Path(directory or settings.AUDIT_ARCHIVE_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"audit-{links[0].seq}-{links[-1].seq}-{timezone.now():%Y%m%d%H%M%S}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8") as archive:
            for link in links:
                row = {"seq": link.seq, "previous_digest": link.previous_digest, "digest": link.digest,
                       "model": f"{link.entry.content_type.app_label}.{link.entry.content_type.model}",
                       **entry_payload(link.entry, actor_username=link.actor_username, actor_name=link.actor_name)}
                archive.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        with transaction.atomic(), archiving():
            ArchiveAnchor.objects.create(
                file_name=str(path), file_sha256=sha, entries=len(links), first_seq=links[0].seq,
                last_seq=links[-1].seq, first_previous_digest=links[0].previous_digest,
                last_digest=links[-1].digest, older_than=cutoff,
            )
            entry_ids = [link.entry_id for link in links]
            for link in links:
                link.delete()
            from auditlog.models import LogEntry

            for entry in LogEntry.objects.filter(pk__in=entry_ids):
                entry.delete()
        self.stdout.write(f"Archived {len(links)} entries to {path}.")
