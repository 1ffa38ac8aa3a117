"""Cohorts, enrollment with a waiting list, attendance and completion."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import require_writer
from hizdamnut.centers.validators import aware

from . import eligibility
from .models import Cohort, Enrollment, EnrollmentStatus, Session, SessionAttendance


def _check_future(starts_at, field="sessions"):
    if aware(starts_at) < timezone.now():
        raise ValidationError({field: _("A session of a new cohort cannot be in the past (%(when)s).") % {
            "when": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")}})


@transaction.atomic
def create_cohort(*, actor, program, center, name, capacity=None, facilitator=None, sessions=(), duration_minutes=120):
    """Opens a cohort of a program at a center with its schedule; a session in the past is refused."""
    require_writer(actor, center)
    if not (name or "").strip():
        raise ValidationError({"name": _("Name the group.")})
    capacity = capacity or program.default_capacity
    if capacity <= 0:
        raise ValidationError({"capacity": _("A cohort needs at least one place.")})
    for starts_at in sessions:
        _check_future(starts_at)
    cohort = Cohort.objects.create(program=program, center=center, name=name.strip(), capacity=capacity,
                                   facilitator=facilitator)
    Session.objects.bulk_create(
        Session(cohort=cohort, starts_at=aware(starts_at), duration_minutes=duration_minutes)
        for starts_at in sorted(map(aware, sessions))
    )
    return cohort


@transaction.atomic
def add_session(*, actor, cohort, starts_at, duration_minutes=120, topic=""):
    """Adds a session to a cohort's schedule (only in the future: the past is recorded, not planned)."""
    require_writer(actor, cohort.center_id)
    _check_future(starts_at, "starts_at")
    return Session.objects.create(
        cohort=cohort, starts_at=aware(starts_at), duration_minutes=duration_minutes, topic=topic
    )


def places_taken(cohort):
    return cohort.enrollments.filter(status=EnrollmentStatus.ENROLLED).count()


@transaction.atomic
def enroll(*, actor, cohort, participant):
    """Enrolls a participant; past capacity they join the waiting list (and the result says so).

    Returns (enrollment, message). Eligibility rules the record can answer refuse; the others are left for
    staff to confirm and named in the message.
    """
    require_writer(actor, cohort.center_id)
    if participant.center_id != cohort.center_id:
        raise ValidationError({"participant": _("The participant belongs to another center.")})
    # Lock the cohort so two enrollments at once cannot both take the last place.
    cohort = Cohort.objects.select_for_update().select_related("program").get(pk=cohort.pk)
    if Enrollment.objects.filter(cohort=cohort, participant=participant).exists():
        raise ValidationError({"participant": _("%(name)s is already on this cohort's list.") % {
            "name": participant.full_name}})
    unmet, to_confirm = eligibility.check(cohort.program, participant)
    if unmet:
        raise ValidationError({"participant": _("Not eligible for %(program)s: needs to be %(rules)s.") % {
            "program": cohort.program.name, "rules": ", ".join(unmet)}})
    if places_taken(cohort) >= cohort.capacity:
        enrollment = Enrollment.objects.create(cohort=cohort, participant=participant,
                                               status=EnrollmentStatus.WAITLISTED, created_by=actor)
        position = cohort.enrollments.filter(status=EnrollmentStatus.WAITLISTED, pk__lte=enrollment.pk).count()
        message = _("The cohort is full: %(name)s is on the waiting list (place %(position)s).") % {
            "name": participant.full_name, "position": position}
    else:
        enrollment = Enrollment.objects.create(cohort=cohort, participant=participant,
                                               status=EnrollmentStatus.ENROLLED, enrolled_on=timezone.localdate(),
                                               created_by=actor)
        message = _("%(name)s is enrolled.") % {"name": participant.full_name}
    if to_confirm:
        message += " " + _("Confirm with the participant: %(rules)s.") % {"rules": ", ".join(to_confirm)}
    return enrollment, message


def _promote_next(cohort):
    """Gives a freed place to the first on the waiting list (earliest request first)."""
    if places_taken(cohort) >= cohort.capacity:
        return None
    waiting = cohort.enrollments.filter(status=EnrollmentStatus.WAITLISTED).order_by("requested_at", "pk").first()
    if waiting:
        waiting.status = EnrollmentStatus.ENROLLED
        waiting.enrolled_on = timezone.localdate()
        waiting.save(update_fields=["status", "enrolled_on"])
    return waiting


@transaction.atomic
def end_enrollment(*, actor, enrollment, outcome, reason="", on=None):
    """Completes, drops out (with a reason) or takes someone off the waiting list; a freed place goes to the
    next person waiting. Returns the promoted enrollment, if any."""
    require_writer(actor, enrollment.cohort.center_id)
    Cohort.objects.select_for_update().filter(pk=enrollment.cohort_id).first()
    if outcome not in (EnrollmentStatus.COMPLETED, EnrollmentStatus.DROPPED, EnrollmentStatus.WITHDRAWN):
        raise ValidationError({"outcome": _("Choose completed, dropped out or left the waiting list.")})
    if outcome == EnrollmentStatus.DROPPED and not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for dropping out.")})
    if outcome == EnrollmentStatus.WITHDRAWN and enrollment.status != EnrollmentStatus.WAITLISTED:
        raise ValidationError({"outcome": _("Only someone on the waiting list leaves it.")})
    if (
        outcome in (EnrollmentStatus.COMPLETED, EnrollmentStatus.DROPPED)
        and enrollment.status != EnrollmentStatus.ENROLLED
    ):
        raise ValidationError({"outcome": _("Only someone taking part completes or drops out.")})
    enrollment.status = outcome
    enrollment.end_reason = (reason or "").strip()
    enrollment.ended_on = on or timezone.localdate()
    enrollment.save(update_fields=["status", "end_reason", "ended_on"])
    return _promote_next(enrollment.cohort)


@transaction.atomic
def record_attendance(*, actor, session, present):
    """Records the whole group's attendance for one session on one sheet.

    `present` is the set of participant ids who came; everyone else taking part is marked absent. Someone not
    enrolled in the cohort cannot be marked (the sheet is refused, nothing saved).
    """
    require_writer(actor, session.cohort.center_id)
    enrollments = {
        e.participant_id: e
        for e in session.cohort.enrollments.filter(status__in=(EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED))
    }
    present = {int(pk) for pk in present}
    strangers = sorted(present - set(enrollments))
    if strangers:
        raise ValidationError({"present": _("Not enrolled in this cohort: participant %(ids)s.") % {
            "ids": ", ".join(map(str, strangers))}})
    if session.starts_at > timezone.now():
        raise ValidationError({"present": _("Attendance is recorded once the session has started.")})
    SessionAttendance.objects.filter(session=session).delete()
    SessionAttendance.objects.bulk_create(
        SessionAttendance(session=session, enrollment=e, present=pid in present) for pid, e in enrollments.items()
    )
    return len(present)
