"""Training on the participant's file: vouchers and training applications, and their steps on the timeline.
Registered in TrainingConfig.ready()."""

from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import has_role
from hizdamnut.centers.roles import ALL_ROLES, Role
from hizdamnut.participants.timeline import Event, name_of

from .models import TrainingApplication

# The employer-relations lead does not work with training (as in the main menu).
READ_ROLES = ALL_ROLES - {Role.EMPLOYER_LEAD}


def applications_of(user, participant):
    """The participant's training applications, newest first."""
    return TrainingApplication.objects.filter(participant=participant).select_related("course", "created_by")


def section(user, participant, today, records):
    applications = records.of(applications_of)
    if not applications:
        return None
    return {"applications": applications}


def events(user, participant, records):
    if not has_role(user, READ_ROLES):
        return []
    result = []
    for application in records.of(applications_of):
        course = application.course.name
        result.append(Event(application.created_at, "training", _("Training application: %(course)s") % {
            "course": course}, "", name_of(application.created_by)))
        for day, text in ((application.submitted_on, _("Voucher submitted: %(course)s")),
                          (application.decided_on, _("Voucher %(status)s: %(course)s")),
                          (application.enrolled_on, _("Enrolled in the course: %(course)s")),
                          (application.ended_on, _("Course ended: %(course)s"))):
            if day:
                result.append(Event.on(day, "training", text % {
                    "course": course, "status": application.get_status_display()}))
    return result


def register():
    from hizdamnut.participants.file import register_section
    from hizdamnut.participants.timeline import register_source

    register_section(key="training", order=80, template="training/_file_section.html", context=section,
                     roles=READ_ROLES)
    register_source("training", events)
