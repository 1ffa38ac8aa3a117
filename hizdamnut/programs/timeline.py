"""Programs on the participant's file and timeline: enrollments, attendance (registered in ProgramsConfig.ready)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from hizdamnut.centers.roles import ALL_ROLES
from hizdamnut.participants.timeline import Event, name_of

from .models import Enrollment, SessionAttendance


def enrollment_events(user, participant):
    events = []
    enrollments = Enrollment.objects.filter(participant=participant).select_related("cohort__program", "created_by")
    for enrollment in enrollments:
        title = _("%(program)s: %(status)s") % {
            "program": enrollment.cohort.program.name, "status": enrollment.get_status_display()}
        events.append(Event(enrollment.requested_at, "enrollment", title, enrollment.cohort.name,
                            name_of(enrollment.created_by)))
        if enrollment.ended_on:
            events.append(Event.on(enrollment.ended_on, "enrollment", title, enrollment.end_reason))
    return events


def attendance_events(user, participant):
    lines = SessionAttendance.objects.filter(enrollment__participant=participant).select_related(
        "session__cohort__program")
    return [
        Event(line.session.starts_at, "attendance",
              (_("Attended: %(program)s") if line.present else _("Absent: %(program)s")) % {
                  "program": line.session.cohort.program.name},
              line.session.topic)
        for line in lines
    ]


def section(user, participant, today):
    enrollments = list(
        Enrollment.objects.filter(participant=participant).select_related("cohort__program").annotate(
            sessions_marked=Count("attendance"),
            sessions_present=Count("attendance", filter=Q(attendance__present=True)),
        ).order_by("-requested_at")
    )
    return {"enrollments": enrollments}


def register():
    from hizdamnut.participants.file import register_section
    from hizdamnut.participants.timeline import register_source

    register_section(key="programs", order=50, template="programs/_file_section.html", context=section,
                     roles=ALL_ROLES)
    register_source("programs", enrollment_events)
    register_source("programs", attendance_events)
