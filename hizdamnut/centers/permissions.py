"""Role checks for views and the API (which data a user sees is `scoping`'s job)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import WRITER_ROLES
from .scoping import user_role


def has_role(user, roles):
    if not user.is_authenticated:
        return False
    return user.is_superuser or user_role(user) in roles


def can_write(user):
    return has_role(user, WRITER_ROLES)


def role_required(roles):
    """Allow a view only to signed-in staff whose role is in `roles` (403 for the others)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
