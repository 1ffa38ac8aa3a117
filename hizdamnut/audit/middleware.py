from auditlog.middleware import AuditlogMiddleware
from django.contrib.auth import get_user_model
from django.utils.functional import SimpleLazyObject


class LazyActorAuditlogMiddleware(AuditlogMiddleware):
    """Attribute audit entries to whoever the request turns out to be.

    The stock middleware reads `request.user` before the view runs, which misses
    users authenticated later by an API token; reading it when the entry is
    written covers both session and token log-ins.
    """

    @staticmethod
    def _get_actor(request):
        def resolve():
            user = getattr(request, "user", None)
            if isinstance(user, get_user_model()) and user.is_authenticated:
                return user
            return None

        return SimpleLazyObject(resolve)
