from django import template

from hizdamnut.plans import selectors

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
