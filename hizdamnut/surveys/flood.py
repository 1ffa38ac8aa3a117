"""Flood protection for the anonymous survey form, with Django's cache only (no extra packages).

- The link names its center and questionnaire in a signed token, so nobody can invent a form.
- Each rendered form carries a signed one-time nonce; a nonce counts once (a double tap or a replay
  is not a second response) and expires after `NONCE_MAX_AGE`.
- Each client address may send at most `RATE_LIMIT` responses per `RATE_WINDOW` seconds (a waiting-room
  tablet shares one address, so the limit is generous).
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache

FORM_SALT = "hizdamnut.surveys.form"
NONCE_SALT = "hizdamnut.surveys.nonce"
NONCE_MAX_AGE = 2 * 60 * 60
RATE_LIMIT = getattr(settings, "SURVEY_RATE_LIMIT", 30)
RATE_WINDOW = getattr(settings, "SURVEY_RATE_WINDOW", 60 * 60)


def form_token(questionnaire, center):
    """A short signed "questionnaire.center" token: a short link makes a QR code that scans easily on paper."""
    return signing.Signer(salt=FORM_SALT).sign(f"{questionnaire.pk}.{center.pk}")


def read_form_token(token):
    """(questionnaire id, center id), or None for a token that was not signed by us."""
    try:
        value = signing.Signer(salt=FORM_SALT).unsign(token)
        questionnaire_id, center_id = (int(part) for part in value.split("."))
    except (signing.BadSignature, ValueError):
        return None
    return questionnaire_id, center_id


def new_nonce():
    return signing.TimestampSigner(salt=NONCE_SALT).sign(secrets.token_urlsafe(12))


def use_nonce(nonce):
    """True the first time a valid, fresh nonce is used; False for a forged, stale or reused one."""
    try:
        signing.TimestampSigner(salt=NONCE_SALT).unsign(nonce, max_age=NONCE_MAX_AGE)
    except signing.BadSignature:
        return False
    key = "survey-nonce:" + hashlib.sha256(nonce.encode()).hexdigest()
    return cache.add(key, 1, timeout=NONCE_MAX_AGE + 60)


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def within_rate_limit(request):
    """Counts one submission for the client's address; False once it passed the limit in this window."""
    key = "survey-rate:" + hashlib.sha256(client_address(request).encode()).hexdigest()
    cache.add(key, 0, timeout=RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW)
        count = 1
    return count <= RATE_LIMIT
