from functools import wraps

from django.http import JsonResponse
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from .models import ApiToken, hash_token


class StaffToken(HttpBearer):
    """`Authorization: Bearer <key>` from `manage.py create_api_token USERNAME`."""

    def authenticate(self, request, token):
        found = (
            ApiToken.objects.select_related("user__staff")
            .filter(
                key_hash=hash_token(token), revoked=False, expires_at__gt=timezone.now(), user__is_active=True
            )
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        # The rest of the request (scoping, audit) sees the token's user as the signed-in user.
        request.user = found.user
        return found.user


AUTH = [StaffToken(), django_auth]


def signed_in_only(view):
    """The OpenAPI schema and the docs are for staff: a signed-in session or a valid token (else 401)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and StaffToken()(request) is None:
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        return view(request, *args, **kwargs)

    return wrapper
