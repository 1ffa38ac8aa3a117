"""Session limits: an idle timeout and an absolute lifetime counted from sign-in."""

from django.conf import settings
from django.utils import timezone

SIGNED_IN_AT = "hz_signed_in_at"
SEEN_AT = "hz_seen_at"
# The last-seen time is rewritten at most this often, so an ordinary request costs no session write;
# the idle timeout is therefore exact to within this many seconds.
SEEN_RESOLUTION_SECONDS = 60


def start_session_clock(sender, request, user, **kwargs):
    """On every sign-in: both clocks start now, and whether two-factor is needed is asked afresh."""
    now = timezone.now().timestamp()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    request.session.pop("hz_2fa", None)


def session_expired(session, now):
    """True when the session was idle longer than SESSION_IDLE_TIMEOUT or began over SESSION_MAX_AGE ago."""
    signed_in_at = session.get(SIGNED_IN_AT)
    seen_at = session.get(SEEN_AT)
    if signed_in_at is None or seen_at is None:
        return False
    return (
        now - seen_at > settings.SESSION_IDLE_TIMEOUT * 60
        or now - signed_in_at > settings.SESSION_MAX_AGE * 3600
    )


def note_activity(session, now):
    if SIGNED_IN_AT not in session:
        # A session from before these limits existed: its clock starts now.
        session[SIGNED_IN_AT] = now
        session[SEEN_AT] = now
    elif now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now
