"""Programs on the participant's file and timeline: enrollments, attendance (registered in ProgramsConfig.ready)."""

from collections import Counter

from django.utils.translation import gettext as _

from hizdamnut.centers.roles import ALL_ROLES
from hizdamnut.participants.timeline import Event, name_of

from .models import Enrollment, SessionAttendance


def enrollments_of(user, participant):
    """The participant's enrollments, in the order they were requested."""
    return Enrollment.objects.filter(participant=participant).select_related("cohort__program", "created_by")


def attendance_of(user, participant):
    """The participant's marked attendance in every session of every enrollment."""
    return SessionAttendance.objects.filter(enrollment__participant=participant).select_related(
        "session__cohort__program")


def enrollment_events(user, participant, records):
    events = []
    for enrollment in records.of(enrollments_of):
        title = _("%(program)s: %(status)s") % {
            "program": enrollment.cohort.program.name, "status": enrollment.get_status_display()}
        events.append(Event(enrollment.requested_at, "enrollment", title, enrollment.cohort.name,
                            name_of(enrollment.created_by)))
        if enrollment.ended_on:
            events.append(Event.on(enrollment.ended_on, "enrollment", title, enrollment.end_reason))
    return events


def attendance_events(user, participant, records):
    lines = records.of(attendance_of)
    return [
        Event(line.session.starts_at, "attendance",
              (_("Attended: %(program)s") if line.present else _("Absent: %(program)s")) % {
                  "program": line.session.cohort.program.name},
              line.session.topic)
        for line in lines
    ]


def section(user, participant, today, records):
    """The enrollments, latest requested first, each with the sessions marked and those attended."""
    marked, present = Counter(), Counter()
    for line in records.of(attendance_of):
        marked[line.enrollment_id] += 1
        present[line.enrollment_id] += line.present
    enrollments = sorted(records.of(enrollments_of), key=lambda enrollment: enrollment.requested_at, reverse=True)
    for enrollment in enrollments:
        enrollment.sessions_marked = marked[enrollment.pk]
        enrollment.sessions_present = present[enrollment.pk]
    return {"enrollments": enrollments}


def register():
    from hizdamnut.participants.file import register_section
    from hizdamnut.participants.timeline import register_source

    register_section(key="programs", order=50, template="programs/_file_section.html", context=section,
                     roles=ALL_ROLES)
    register_source("programs", enrollment_events)
    register_source("programs", attendance_events)
