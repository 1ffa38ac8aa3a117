import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for a staff member's scripts. Only its hash is stored; the key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.user} {self.prefix}…"

    @property
    def expired(self):
        return self.expires_at <= timezone.now()

    @classmethod
    def issue(cls, user, name="", days=None):
        """A new token valid for `days` (API_TOKEN_DAYS by default), and its key, which is not stored."""
        key = "hz_" + secrets.token_urlsafe(32)
        expires_at = timezone.now() + timedelta(days=days if days is not None else settings.API_TOKEN_DAYS)
        token = cls.objects.create(
            user=user, name=name, key_hash=hash_token(key), prefix=key[:8], expires_at=expires_at
        )
        return token, key
