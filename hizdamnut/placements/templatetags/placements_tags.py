from django import template
from django.utils import timezone

from hizdamnut.placements.selectors import follow_ups_due_for

register = template.Library()


@register.inclusion_tag("placements/_home_follow_ups.html", takes_context=True)
def follow_ups_due_panel(context):
    """The home-page panel: the same list as /placements/follow-ups/due/."""
    user = context["request"].user
    return {"follow_ups": follow_ups_due_for(user), "today": timezone.localdate(), "request": context["request"]}
