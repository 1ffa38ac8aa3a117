"""Who may see what: the one place that limits data to a user's centers.

Every center-owned model uses `CenterScopedQuerySet` and names the path from
itself to its center in `center_path`. Views and the API fetch objects only
through `Model.objects.for_user(user)`, so a worker of center A asking for
center B's record gets 404, never the data.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

from .roles import NATIONWIDE_ROLES


def user_role(user):
    profile = getattr(user, "staff", None) if user.is_authenticated else None
    return profile.role if profile else None


def sees_all_centers(user):
    return user.is_authenticated and (user.is_superuser or user_role(user) in NATIONWIDE_ROLES)


def visible_centers(user):
    from .models import Center

    if not user.is_authenticated:
        return Center.objects.none()
    if sees_all_centers(user):
        return Center.objects.all()
    profile = getattr(user, "staff", None)
    if profile is None:
        return Center.objects.none()
    return profile.centers.all()


def visible_center_ids(user):
    """The ids of the centers a user may see (cached on the user object for the request)."""
    cached = getattr(user, "_visible_center_ids", None)
    if cached is None:
        cached = list(visible_centers(user).values_list("pk", flat=True))
        user._visible_center_ids = cached
    return cached


class CenterScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        path = getattr(self.model, "center_path", "center")
        if sees_all_centers(user):
            return self.all()
        return self.filter(**{f"{path}__in": visible_center_ids(user)})

    def for_center(self, center):
        path = getattr(self.model, "center_path", "center")
        return self.filter(**{path: center})


def object_or_404(queryset, pk=None, /, **lookup):
    """The one object with this pk (or matching `lookup`) in an already scoped queryset, or Http404.

    A malformed pk is a 404 too. Views and the API both use it: the API's exception handler
    (hizdamnut/api/api.py) answers Http404 with a JSON 404.
    """
    if pk is not None or not lookup:
        lookup["pk"] = pk
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


def center_id_of(instance):
    """The id of the center an object belongs to, found by walking its model's `center_path`."""
    *hops, last = getattr(type(instance), "center_path", "center").split("__")
    for hop in hops:
        instance = getattr(instance, hop)
    return instance.pk if last == "pk" else getattr(instance, f"{last}_id")


class CenterOwned:
    """Mixin for center-owned models: each audit entry (django-auditlog) carries the object's center.

    The audit log is filtered by that center (`audit.selectors.audit_entries_for`), so a center's managers read
    the history of their own center's data only.
    """

    def get_additional_data(self):
        return {"center": center_id_of(self)}
