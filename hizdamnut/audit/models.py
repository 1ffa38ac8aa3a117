"""The audit trail's seal: each django-auditlog entry gets one chained link.

A link keeps the actor's name and username (so history survives the user) and a SHA-256 digest over the entry's
content and the previous link's digest, so an edited, inserted or removed row breaks the chain
(`manage.py verify_audit_chain`). Archiving (`manage.py archive_audit`) moves old entries to a file and leaves an
anchor holding the last archived digest, from which the chain in the database continues.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChainLink(models.Model):
    seq = models.BigAutoField(primary_key=True)
    entry = models.OneToOneField(
        "auditlog.LogEntry", on_delete=models.PROTECT, related_name="link", verbose_name=_("audit entry")
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    actor_name = models.CharField(_("actor's name"), max_length=300, blank=True)
    previous_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit chain link")
        verbose_name_plural = _("audit chain links")

    def __str__(self):
        return f"#{self.seq} {self.digest[:12]}"


class ChainHead(models.Model):
    """One row: the digest of the newest link. Locked while a link is added so the chain never forks."""

    seq = models.BigIntegerField(default=0)
    digest = models.CharField(max_length=64)

    def __str__(self):
        return f"#{self.seq} {self.digest[:12]}"


class ArchiveAnchor(models.Model):
    """A batch of entries moved to a compressed JSON-lines file; the chain in the database continues from it."""

    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=500)
    file_sha256 = models.CharField(max_length=64)
    entries = models.PositiveIntegerField()
    first_seq = models.BigIntegerField()
    last_seq = models.BigIntegerField()
    first_previous_digest = models.CharField(max_length=64)
    last_digest = models.CharField(max_length=64)
    older_than = models.DateTimeField()

    class Meta:
        ordering = ["last_seq"]

    def __str__(self):
        return f"{self.file_name} ({self.entries})"
