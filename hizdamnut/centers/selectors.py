"""Read-side lookups of the reference data (centers, cities) every app shares."""

from django.core.exceptions import ValidationError

from .models import Center, City
from .scoping import object_or_404, visible_centers


def city_by_name(name):
    """The city with this Hebrew name, or else this English name in any case; None for an empty or unknown name.

    The bulk imports, the API and the demo all name a city this way.
    """
    name = (name or "").strip()
    if not name:
        return None
    cities = City.objects.select_related("region")
    return cities.filter(name_he=name).first() or cities.filter(name_en__iexact=name).first()


def known_city(name, *, field="city"):
    """`city_by_name`, or a ValidationError naming `field` when there is no such city."""
    city = city_by_name(name)
    if city is None:
        raise ValidationError({field: [f"Unknown city “{name}”."]})
    return city


def center_by_code(code):
    """The center with this code (any case), or None."""
    return Center.objects.select_related("city", "region").filter(code=(code or "").upper()).first()


def known_center(user, code, *, field="center"):
    """The center with this code (any case) among those `user` may see, or a ValidationError naming `field`."""
    center = Center.objects.for_user(user).filter(code=(code or "").upper()).first()
    if center is None:
        raise ValidationError({field: ["Unknown center code."]})
    return center


def centers_of(user, code=None):
    """The centers `user` may see, or only the one with `code` (any case): a 404 when it is not one of them."""
    centers = visible_centers(user)
    if code:
        return centers.filter(pk=object_or_404(centers, code=code.upper()).pk)
    return centers
