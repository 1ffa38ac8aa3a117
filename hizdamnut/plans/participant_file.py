"""Plans on the participant's file: the plan (vision, goals, open tasks), meetings and notes, skills over time,
the header's contact figures and alerts, and the timeline events. Registered in PlansConfig.ready()."""

from collections import defaultdict

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hizdamnut.centers.permissions import has_role
from hizdamnut.centers.privacy import redact, redact_each
from hizdamnut.participants.file import Fact, Summary

from . import selectors
from .access import READ_ROLES
from .models import SKILL_FIELDS, CareerPlan, GoalStatus, SkillField, SkillScore, TaskStatus
from .timeline import assessments_of, goals_of, meetings_of, notes_of, plans_events, tasks_of

RECENT_MEETINGS = 5
RECENT_NOTES = 3


def plan_section(user, participant, today, records):
    plan = CareerPlan.objects.filter(participant=participant).first()
    if plan is not None:
        open_goals = redact_each(user, [goal for goal in records.of(goals_of)
                                        if goal.plan_id == plan.pk and goal.status == GoalStatus.OPEN])
        open_tasks = redact_each(user, [task for task in records.of(tasks_of)
                                        if task.plan_id == plan.pk and task.status == TaskStatus.OPEN])
        plan = redact(user, plan)
        plan.open_goals, plan.open_tasks = open_goals, open_tasks
    return {"plan": plan, "today": today}


def meetings_section(user, participant, today, records):
    meetings = records.of(meetings_of)[:RECENT_MEETINGS]
    notes = records.of(notes_of)[:RECENT_NOTES]
    return {"meetings": meetings, "notes": redact_each(user, notes)}


def skills_section(user, participant, today, records):
    """Per assessment, the mean level in each skill field: the trend at a glance (details on the skills page)."""
    assessments = records.of(assessments_of)
    if not assessments:
        return None
    levels = defaultdict(lambda: defaultdict(list))  # assessment → skill field → levels
    for score in SkillScore.objects.filter(assessment__participant=participant).only("assessment", "skill", "level"):
        levels[score.assessment_id][SKILL_FIELDS[score.skill]].append(score.level)
    rows = []
    for assessment in assessments:
        levels_of = levels[assessment.pk]
        rows.append({"on": assessment.assessed_on, "means": [
            round(sum(levels_of[f]) / len(levels_of[f]), 1) if levels_of[f] else None for f in SkillField.values]})
    return {"fields": SkillField.labels, "rows": rows}


def summary(user, participant, today, records):
    row = selectors.contact_figures_of(participant, records.of(meetings_of), records.of(tasks_of), today)
    facts, alerts = [], []
    if row.last_contact:
        days = (today - timezone.localdate(row.last_contact)).days
        facts.append(Fact(20, _("Last contact"), ngettext("%(days)s day ago", "%(days)s days ago", days) % {
            "days": days}))
    else:
        facts.append(Fact(20, _("Last contact"), _("none yet")))
    if row.next_meeting:
        facts.append(Fact(30, _("Next meeting"), formats.date_format(
            timezone.localtime(row.next_meeting), "SHORT_DATETIME_FORMAT")))
    if row.overdue_tasks:
        alerts.append(ngettext("%(count)s overdue task", "%(count)s overdue tasks", row.overdue_tasks) % {
            "count": row.overdue_tasks})
    if participant.status in selectors.OPEN_STATUSES and selectors.needs_outreach(row, today):
        alerts.append(_("No contact for more than %(days)s days") % {"days": row.center.no_contact_alert_days})
    return Summary(facts=facts, alerts=alerts)


def events(user, participant, records):
    return plans_events(user, participant, records) if has_role(user, READ_ROLES) else []


def register():
    from hizdamnut.participants.file import register_section, register_summary
    from hizdamnut.participants.timeline import register_source

    register_section(key="plan", order=30, template="plans/_file_section.html", context=plan_section,
                     roles=READ_ROLES)
    register_section(key="meetings", order=40, template="plans/_file_meetings.html", context=meetings_section,
                     roles=READ_ROLES)
    register_section(key="skills", order=60, template="plans/_file_skills.html", context=skills_section,
                     roles=READ_ROLES)
    register_summary(key="contact", summary=summary, roles=READ_ROLES)
    register_source("plans", events)
