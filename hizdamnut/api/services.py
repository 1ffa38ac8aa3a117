"""Issuing and revoking API tokens, each recorded in the audit log."""

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import ApiToken


def _audit(token, *, action, event, actor, **details):
    LogEntry.objects.log_create(
        token,
        force_log=True,
        action=action,
        changes={"event": [None, event], "owner": [None, token.user.username], **details},
        actor=actor,
    )


@transaction.atomic
def issue_api_token(*, user, name="", days=None, issued_by=None):
    """A token for `user`, expiring after `days` (API_TOKEN_DAYS by default); the issue is audited."""
    if days is not None and days < 1:
        raise ValidationError({"days": "A token must be valid for at least one day."})
    if not user.is_active:
        raise ValidationError({"user": "Tokens are issued to active users only."})
    token, key = ApiToken.issue(user, name=name, days=days)
    _audit(
        token,
        action=LogEntry.Action.CREATE,
        event="api_token_issued",
        actor=issued_by,
        expires_at=[None, token.expires_at.isoformat()],
    )
    return token, key


@transaction.atomic
def revoke_api_tokens(*, tokens, revoked_by=None):
    """Revoke each token still in force; the revocations are audited. Returns the tokens revoked."""
    revoked = []
    for token in tokens.select_related("user").filter(revoked=False):
        token.revoked = True
        token.save(update_fields=["revoked"])
        _audit(token, action=LogEntry.Action.UPDATE, event="api_token_revoked", actor=revoked_by)
        revoked.append(token)
    return revoked
