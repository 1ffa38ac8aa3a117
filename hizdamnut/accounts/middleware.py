"""Request-wide account rules: session limits, the two-factor gate, and no caching of personal data."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .sessions import note_activity, session_expired
from .twofactor import confirmed_device, two_factor_needed

# Pages an unverified user may still open: signing in and out, the two-factor pages, the language switch.
TWO_FACTOR_EXEMPT_VIEWS = frozenset(
    {"login", "logout", "two_factor_setup", "two_factor_verify", "set_language", "admin:logout"}
)


class SessionLimitsMiddleware:
    """Signs out a session idle longer than SESSION_IDLE_TIMEOUT or older than SESSION_MAX_AGE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            if session_expired(request.session, now):
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
            else:
                note_activity(request.session, now)
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Until the second factor is given, a user who needs one reaches only the two-factor pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.HZ_REQUIRE_2FA or not request.user.is_authenticated or request.user.is_verified():
            return None
        if request.resolver_match.view_name in TWO_FACTOR_EXEMPT_VIEWS:
            return None
        needed = request.session.get("hz_2fa")
        if needed is None:
            needed = request.session["hz_2fa"] = two_factor_needed(request.user)
        if not needed:
            return None
        page = "two_factor_verify" if confirmed_device(request.user) else "two_factor_setup"
        return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")


class NoStoreMiddleware:
    """Nothing shown to a signed-in user, and no API answer, may be kept by a browser or proxy cache.

    Static files never reach this middleware (WhiteNoise answers them first).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
            response.headers["Pragma"] = "no-cache"
        return response
