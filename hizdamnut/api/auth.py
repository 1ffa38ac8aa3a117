from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from .models import ApiToken, hash_token


class StaffToken(HttpBearer):
    """`Authorization: Bearer <key>` from `manage.py create_api_token USERNAME`."""

    def authenticate(self, request, token):
        found = (
            ApiToken.objects.select_related("user__staff")
            .filter(key_hash=hash_token(token), revoked=False, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        # The rest of the request (scoping, audit) sees the token's user as the signed-in user.
        request.user = found.user
        return found.user


AUTH = [StaffToken(), django_auth]
