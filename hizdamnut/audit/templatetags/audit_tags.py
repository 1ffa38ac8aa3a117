from django import template

from hizdamnut.centers.permissions import has_role
from hizdamnut.centers.roles import MANAGEMENT_ROLES

from ..selectors import file_readers as readers_of

register = template.Library()


@register.simple_tag(takes_context=True)
def file_readers(context, participant):
    """Who looked at this participant's file, for managers only (None for other roles: the section is absent)."""
    user = context["request"].user
    if not has_role(user, MANAGEMENT_ROLES):
        return None
    return readers_of(user, participant.pk)
