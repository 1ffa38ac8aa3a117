from django.core.exceptions import PermissionDenied

from hizdamnut.centers.permissions import has_role


def require_role(request, roles):
    """API twin of `role_required`: 403 unless the caller's role is in `roles`."""
    if not has_role(request.user, roles):
        raise PermissionDenied
