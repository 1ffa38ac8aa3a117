from django import template

from hizdamnut.plans import selectors
from hizdamnut.plans.agenda import agenda_for

register = template.Library()


@register.inclusion_tag("plans/_home_caseload_panel.html", takes_context=True)
def my_caseload_summary(context):
    user = context["request"].user
    caseload = selectors.caseload(user, user)
    return {"size": caseload.size, "outreach": caseload.outreach, "overdue": caseload.overdue_tasks}


@register.inclusion_tag("plans/_home_team_panel.html", takes_context=True)
def team_caseload_sizes(context):
    return {"team": selectors.team_caseloads(context["request"].user)}


@register.inclusion_tag("plans/_agenda.html", takes_context=True)
def my_agenda(context):
    """The steps scheduled for the signed-in worker: next meetings, intakes, interviews."""
    user = context["request"].user
    return {"agenda": agenda_for(user, user)}
