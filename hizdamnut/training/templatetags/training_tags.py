from django import template

from hizdamnut.training import selectors

register = template.Library()


@register.inclusion_tag("training/_home_deadlines.html", takes_context=True)
def training_deadlines_panel(context):
    return {"applications": selectors.upcoming_deadlines(context["request"].user, limit=10)}
