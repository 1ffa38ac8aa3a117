from django import template

from hizdamnut.plans import selectors
from hizdamnut.plans.agenda import agenda_for

register = template.Library()


@register.inclusion_tag("plans/_home_caseload_panel.html", takes_context=True)
def my_caseload_summary(context):
    user = context["request"].user
    rows = selectors.caseload_of(user, user)
    return {"size": len(rows), "outreach": sum(1 for r in rows if r.needs_outreach),
            "overdue": sum(r.overdue_tasks for r in rows)}


@register.inclusion_tag("plans/_home_team_panel.html", takes_context=True)
def team_caseload_sizes(context):
    return {"team": selectors.team_caseloads(context["request"].user)}


@register.inclusion_tag("plans/_agenda.html", takes_context=True)
def my_agenda(context):
    """The steps scheduled for the signed-in worker: next meetings, intakes, interviews."""
    user = context["request"].user
    return {"agenda": agenda_for(user, user)}
