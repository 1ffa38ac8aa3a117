"""The hash chain over audit entries: digest, sealing on creation, verification, and the append-only guard."""

import hashlib
import json
from contextvars import ContextVar
from functools import partial

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save

from hizdamnut.centers.flags import raised

GENESIS = "0" * 64
_archiving = ContextVar("audit_archiving", default=False)


class AuditTampering(Exception):
    """An audit row was about to be changed or deleted outside archiving."""


def entry_payload(entry, *, actor_username, actor_name):
    """The content a digest covers: everything the entry says, with the actor as stored on the link."""
    return {
        "id": entry.pk,
        "content_type": entry.content_type_id,
        "object_pk": entry.object_pk,
        "object_repr": entry.object_repr,
        "action": entry.action,
        "changes": entry.changes,
        "changes_text": entry.changes_text,
        "actor_username": actor_username,
        "actor_name": actor_name,
        "remote_addr": entry.remote_addr,
        "timestamp": entry.timestamp.isoformat(),
        "additional_data": entry.additional_data,
    }


def digest_of(payload, previous_digest):
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(f"{previous_digest}\n{text}".encode()).hexdigest()


def actor_names(user):
    if user is None or not getattr(user, "pk", None):
        return "", ""
    return user.get_username(), (user.get_full_name() or user.get_username())


def seal(entry):
    """Adds the entry's link to the chain, holding the head row so two writers never fork it."""
    from .models import ChainHead, ChainLink

    username, name = actor_names(entry.actor)
    entry = LogEntry.objects.get(pk=entry.pk)  # the digest covers what was stored, as verification reads it
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = ChainHead.objects.create(pk=1, digest=GENESIS)
        digest = digest_of(entry_payload(entry, actor_username=username, actor_name=name), head.digest)
        link = ChainLink.objects.create(
            entry=entry, actor_username=username, actor_name=name, previous_digest=head.digest, digest=digest
        )
        head.digest, head.seq = digest, link.seq
        head.save(update_fields=["digest", "seq"])
    return link


def first_break():
    """(seq or entry id, reason) of the first row that breaks the chain, or None when it verifies."""
    from .models import ArchiveAnchor, ChainLink

    anchor = ArchiveAnchor.objects.order_by("-last_seq").first()
    previous = anchor.last_digest if anchor else GENESIS
    links = ChainLink.objects.select_related("entry").order_by("seq")
    for link in links.iterator(chunk_size=2000):
        if link.previous_digest != previous:
            return link, "a row before it is missing or was changed"
        payload = entry_payload(link.entry, actor_username=link.actor_username, actor_name=link.actor_name)
        if digest_of(payload, previous) != link.digest:
            return link, "its content was changed"
        previous = link.digest
    unsealed = LogEntry.objects.filter(link__isnull=True).order_by("pk").first()
    if unsealed is not None:
        return unsealed, "it was inserted outside the application (no chain link)"
    return None


def archiving():
    """Lets `archive_audit` delete the rows it has just written to the archive file."""
    return raised(_archiving)


def _seal_new_entries(sender, instance, created, raw=False, **kwargs):
    # Sealed once the entry is committed (at once outside a transaction): a request pays one insert for its audit
    # entry, and an entry rolled back never joins the chain. Only entries written here are sealed, so a row put
    # into the table behind the application's back stays unsealed and `verify_audit_chain` names it.
    if created and not raw:
        transaction.on_commit(partial(seal, instance), robust=True)


def _refuse_changes(sender, instance, raw=False, **kwargs):
    if not raw and not instance._state.adding:
        raise AuditTampering("Audit entries are append-only.")


def _refuse_deletion(sender, instance, **kwargs):
    if not _archiving.get():
        raise AuditTampering("Audit entries are append-only; old entries leave only through archive_audit.")


def connect():
    from .models import ChainLink

    post_save.connect(_seal_new_entries, sender=LogEntry, dispatch_uid="audit_seal")
    pre_save.connect(_refuse_changes, sender=LogEntry, dispatch_uid="audit_append_only")
    pre_save.connect(_refuse_changes, sender=ChainLink, dispatch_uid="audit_link_append_only")
    pre_delete.connect(_refuse_deletion, sender=LogEntry, dispatch_uid="audit_no_delete")
    pre_delete.connect(_refuse_deletion, sender=ChainLink, dispatch_uid="audit_link_no_delete")
