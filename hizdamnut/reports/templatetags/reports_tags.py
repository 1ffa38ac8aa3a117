from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.scoping import user_role

from ..dashboard import home_figures
from ..exports import MISSING

register = template.Library()


@register.filter
def indicator_value(value, unit="count"):
    """How a figure prints: "—" when there is none (never 0%), percentages with one decimal."""
    if value is None:
        return MISSING
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "days":
        return f"{value:g} {_('days')}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@register.inclusion_tag("reports/_home_figures.html", takes_context=True)
def dashboard_panel(context):
    """Key figures of the year so far for the home page of managers and national viewers: only the four
    figures shown, over the user's centers."""
    user = context["request"].user
    return {"figures": home_figures(user, timezone.localdate()), "role": user_role(user)}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
