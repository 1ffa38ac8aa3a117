"""Audit rows are append-only and tamper-evident; old rows leave only through the archive, the chain intact."""

import datetime
import gzip
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import ProtectedError
from django.utils import timezone

from hizdamnut.audit.chain import GENESIS, AuditTampering
from hizdamnut.audit.models import ArchiveAnchor, ChainHead, ChainLink
from hizdamnut.audit.services import record_read
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(coordinator, center):
    people = ParticipantFactory.create_batch(3, center=center)
    return [record_read(coordinator, person)[0] for person in people]


def raw_delete(queryset):
    queryset._raw_delete(queryset.db)


def verify():
    call_command("verify_audit_chain")


def test_each_entry_is_chained_to_the_one_before(entries):
    links = list(ChainLink.objects.order_by("seq"))
    assert all(b.previous_digest == a.digest for a, b in zip(links, links[1:], strict=False))
    verify()


def test_an_entry_cannot_be_changed_or_deleted_through_the_application(entries):
    entry = entries[0]
    entry.object_repr = "someone else"
    with pytest.raises(AuditTampering):
        entry.save()
    with pytest.raises((AuditTampering, ProtectedError)):
        LogEntry.objects.get(pk=entries[1].pk).delete()
    with pytest.raises(AuditTampering):
        ChainLink.objects.get(entry=entries[1]).delete()


def test_an_edit_in_the_database_is_found_and_named(entries):
    LogEntry.objects.filter(pk=entries[1].pk).update(object_repr="edited")
    with pytest.raises(CommandError, match=f"entry {entries[1].pk}"):
        verify()


def test_a_row_removed_in_the_database_breaks_the_chain_at_the_next_row(entries):
    raw_delete(ChainLink.objects.filter(entry=entries[1]))  # as a direct SQL edit would
    raw_delete(LogEntry.objects.filter(pk=entries[1].pk))
    with pytest.raises(CommandError, match=f"entry {entries[2].pk}"):
        verify()


def test_a_row_inserted_in_the_database_is_found(entries):
    LogEntry.objects.bulk_create([LogEntry(content_type=entries[0].content_type, object_pk="1", object_repr="x",
                                           action=LogEntry.Action.ACCESS)])
    with pytest.raises(CommandError, match="inserted outside"):
        verify()


def test_the_archive_moves_rows_older_than_the_retention_period_and_the_chain_still_verifies(
        coordinator, center, tmp_path, settings):
    settings.AUDIT_RETENTION_MONTHS = 24
    person = ParticipantFactory(center=center)
    raw_delete(ChainLink.objects.all())  # start the chain afresh so the old rows come first, as in life
    raw_delete(LogEntry.objects.all())
    ChainHead.objects.update(seq=0, digest=GENESIS)
    old = timezone.now() - datetime.timedelta(days=800)
    before = [LogEntry.objects.log_create(person, force_log=True, action=LogEntry.Action.ACCESS, actor=coordinator,
                                          timestamp=old + datetime.timedelta(minutes=i)).pk for i in range(3)]
    kept = record_read(coordinator, person)[0]
    call_command("archive_audit", directory=str(tmp_path))
    anchor = ArchiveAnchor.objects.get()
    assert not LogEntry.objects.filter(pk__in=before).exists()
    assert LogEntry.objects.filter(pk=kept.pk).exists()
    lines = [json.loads(line) for line in gzip.open(anchor.file_name, "rt", encoding="utf-8")]
    assert len(lines) == anchor.entries and lines[-1]["digest"] == anchor.last_digest
    verify()


def test_retention_is_never_below_24_months(settings, entries, tmp_path):
    settings.AUDIT_RETENTION_MONTHS = 1
    LogEntry.objects.filter(pk=entries[0].pk).update(timestamp=timezone.now() - datetime.timedelta(days=100))
    count = LogEntry.objects.count()
    call_command("archive_audit", directory=str(tmp_path))
    assert LogEntry.objects.count() == count
