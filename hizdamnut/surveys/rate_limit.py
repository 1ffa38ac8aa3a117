"""Flood protection for the anonymous survey form, kept in the database so every process shares it.

- The link names its center and questionnaire in a signed token, so nobody can invent a form.
- Each rendered form carries a signed one-time nonce; a nonce counts once (a double tap or a replay
  is not a second response) and expires after `NONCE_MAX_AGE`. A spent nonce is a `UsedNonce` row with a
  unique digest: a second use fails after a restart and in any other worker process.
- Each client address may send at most `SURVEY_RATE_LIMIT` responses per `SURVEY_RATE_WINDOW` seconds (a
  waiting-room tablet shares one address, so the limit is generous). The count is a `SubmissionCount` row per
  (hashed address, fixed window), incremented in the database, so workers cannot each allow the full limit.
- Behind a reverse proxy every request comes from the proxy's address: the client is the right-most
  X-Forwarded-For hop that is not itself a trusted proxy (`TRUSTED_PROXIES`), and the header is believed only
  when REMOTE_ADDR is one of those proxies (anyone can send the header).

Why the database and not Django's cache: the project configures no shared cache (each process has its own
local-memory cache), and a database cache backend would need an extra `createcachetable` step at deployment;
tables made by migrations cannot be forgotten, and a unique constraint makes "use once" atomic.
"""

import datetime
import hashlib
import hmac
import ipaddress
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SubmissionCount, UsedNonce

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
    now = timezone.now()
    digest = hashlib.sha256(nonce.encode()).hexdigest()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(digest=digest, used_at=now)
    except IntegrityError:
        return False
    # A stale nonce is refused by its signature already, so its row can go.
    UsedNonce.objects.filter(used_at__lt=now - datetime.timedelta(seconds=NONCE_MAX_AGE + 60)).delete()
    return True


def _trusted_networks():
    return [ipaddress.ip_network(entry.strip(), strict=False)
            for entry in getattr(settings, "TRUSTED_PROXIES", []) if entry.strip()]


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request):
    """The address that sent the request: REMOTE_ADDR, or, when REMOTE_ADDR is a trusted proxy, the right-most
    X-Forwarded-For hop that is not a trusted proxy itself (hops further left are whatever the client wrote)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_networks()
    if not networks or not _is_trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a garbled header: fall back to the proxy rather than trust junk
    return remote


def _client_key(address):
    # Keyed hash: the table holds no address, and without SECRET_KEY nobody can test a guess against it.
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def within_rate_limit(request):
    """Counts one submission for the client's address; False once it passed the limit in this window."""
    window = RATE_WINDOW
    now = timezone.now()
    start = datetime.datetime.fromtimestamp(int(now.timestamp()) // window * window, tz=datetime.UTC)
    key = _client_key(client_address(request))
    with transaction.atomic():
        row, _created = SubmissionCount.objects.get_or_create(client_key=key, window_start=start)
        SubmissionCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
        count = SubmissionCount.objects.values_list("count", flat=True).get(pk=row.pk)
    SubmissionCount.objects.filter(window_start__lt=start).delete()
    return count <= RATE_LIMIT
