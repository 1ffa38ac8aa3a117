"""Enrollments on the participant's timeline (registered with plans' timeline in ProgramsConfig.ready)."""

from django.utils.translation import gettext as _

from hizdamnut.plans.timeline import Event, as_datetime

from .models import Enrollment


def enrollment_events(user, participant):
    events = []
    for enrollment in Enrollment.objects.filter(participant=participant).select_related("cohort__program", "created_by"):
        by = enrollment.created_by.get_full_name() if enrollment.created_by else ""
        title = _("%(program)s: %(status)s") % {
            "program": enrollment.cohort.program.name, "status": enrollment.get_status_display()}
        events.append(Event(enrollment.requested_at, "enrollment", title, enrollment.cohort.name, by))
        if enrollment.ended_on:
            events.append(Event(as_datetime(enrollment.ended_on), "enrollment", title, enrollment.end_reason, ""))
    return events
