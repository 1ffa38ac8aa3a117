from django import template

from hizdamnut.employers import selectors
from hizdamnut.employers.models import OPEN_STAGES, JobOpening

register = template.Library()


@register.inclusion_tag("employers/_home_panel.html", takes_context=True)
def employer_lead_panel(context):
    user = context["request"].user
    openings = selectors.openings_for(user).filter(status=JobOpening.Status.OPEN).order_by("-opened_on")[:8]
    in_progress = selectors.candidacies_for(user).filter(stage__in=OPEN_STAGES).count()
    return {"openings": openings, "in_progress": in_progress, "user_can_write": context.get("user_can_write")}
