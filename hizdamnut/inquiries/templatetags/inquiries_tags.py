from django import template
from django.utils import timezone

from hizdamnut.inquiries import eligibility, selectors

register = template.Library()


@register.inclusion_tag("inquiries/_home_queue.html", takes_context=True)
def inquiry_queue_summary(context):
    """The coordinator's home panel: open inquiries and how many wait too long."""
    user = context["request"].user
    return {"summary": selectors.queue_summary(user, today=timezone.localdate()), "request": context["request"]}


@register.filter
def reason_text(finding):
    return eligibility.reason_text(finding)
