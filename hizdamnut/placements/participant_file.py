"""Placements on the participant's file: jobs and their follow-ups (with owners), the overdue follow-ups alert,
and the timeline events (job started, ended, follow-ups done). Registered in PlacementsConfig.ready()."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hizdamnut.centers.roles import ALL_ROLES
from hizdamnut.participants.file import Summary
from hizdamnut.participants.timeline import Event, name_of

from .models import FollowUp, Placement


def placements_of(user, participant):
    """The participant's placements, latest started first, each with its follow-ups."""
    return (Placement.objects.filter(participant=participant).select_related("employer", "recorded_by")
            .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner", "recorded_by"))))


def section(user, participant, today, records):
    placements = records.of(placements_of)
    if not placements:
        return None
    return {"placements": placements, "today": today}


def summary(user, participant, today, records):
    overdue = sum(1 for placement in records.of(placements_of) for follow_up in placement.follow_ups.all()
                  if follow_up.done_on is None and follow_up.due_on < today)
    if not overdue:
        return Summary()
    return Summary(alerts=[ngettext("%(count)s overdue follow-up", "%(count)s overdue follow-ups", overdue) % {
        "count": overdue}])


def events(user, participant, records):
    result = []
    for placement in records.of(placements_of):
        job = f"{placement.role} · {placement.workplace}"
        result.append(Event.on(placement.start_date, "placement", _("Started work: %(job)s") % {"job": job},
                               "", name_of(placement.recorded_by), recorded_at=placement.created_at))
        if placement.ended_on:
            result.append(Event.on(placement.ended_on, "placement", _("Job ended: %(job)s") % {"job": job},
                                   placement.end_reason))
        for follow_up in placement.follow_ups.all():
            if follow_up.done_on:
                title = _("%(months)s-month follow-up: %(employment)s") % {
                    "months": follow_up.months_after, "employment": follow_up.get_employment_display()}
                result.append(Event.on(follow_up.done_on, "follow_up", title,
                                       follow_up.difficulties, name_of(follow_up.recorded_by)))
    return result


def register():
    from hizdamnut.participants.file import register_section, register_summary
    from hizdamnut.participants.timeline import register_source

    register_section(key="placements", order=85, template="placements/_file_section.html", context=section,
                     roles=ALL_ROLES)
    register_summary(key="follow_ups", summary=summary, roles=ALL_ROLES)
    register_source("placements", events)
