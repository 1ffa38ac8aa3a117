"""The one permission guard: role checks for views, the API and services (which data a user sees is `scoping`'s job)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .roles import WRITER_ROLES
from .scoping import user_role, visible_center_ids


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


def require_role(user_or_request, roles):
    """API twin of `role_required`: PermissionDenied (403) unless the caller's role is in `roles`."""
    user = getattr(user_or_request, "user", user_or_request)
    if not has_role(user, roles):
        raise PermissionDenied


def require_writer(actor, center):
    """Every service that changes data starts here: the actor's role may write, and at this center.

    `center` is a Center or its pk (a pk spares a query where only the id is at hand).
    """
    if not can_write(actor):
        raise ValidationError(_("Your role may read but not change data."))
    if center is None:
        raise ValidationError({"center": _("Choose a center.")})
    center_id = getattr(center, "pk", center)
    if center_id not in visible_center_ids(actor):
        raise ValidationError({"center": _("You do not work at this center.")})
