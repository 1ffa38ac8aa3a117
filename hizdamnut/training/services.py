"""The training catalog and voucher applications: draft → submitted → approved | declined → enrolled →
completed | dropped."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import require_writer
from hizdamnut.versioning import check_version

from .models import Course, TrainingApplication, VoucherStatus

TRANSITIONS = {
    VoucherStatus.DRAFT: {VoucherStatus.SUBMITTED},
    VoucherStatus.SUBMITTED: {VoucherStatus.APPROVED, VoucherStatus.DECLINED},
    VoucherStatus.APPROVED: {VoucherStatus.ENROLLED, VoucherStatus.DROPPED},
    VoucherStatus.ENROLLED: {VoucherStatus.COMPLETED, VoucherStatus.DROPPED},
    VoucherStatus.DECLINED: set(),
    VoucherStatus.COMPLETED: set(),
    VoucherStatus.DROPPED: set(),
}
DATE_FIELD = {
    VoucherStatus.SUBMITTED: "submitted_on", VoucherStatus.APPROVED: "decided_on", VoucherStatus.DECLINED: "decided_on",
    VoucherStatus.ENROLLED: "enrolled_on", VoucherStatus.COMPLETED: "ended_on", VoucherStatus.DROPPED: "ended_on",
}


@transaction.atomic
def save_course(*, actor, course=None, **fields):
    """Adds or changes a course in the catalog of one of the actor's centers."""
    course = course or Course()
    for name, value in fields.items():
        setattr(course, name, value)
    require_writer(actor, course.center if course.center_id else None)
    course.required_documents = [d.strip() for d in course.required_documents or [] if d.strip()]
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def apply(*, actor, participant, course, submit_by=None, course_starts_on=None, note=""):
    """Opens a draft application of a participant for a course of the same center."""
    require_writer(actor, participant.center)
    if course.center_id != participant.center_id:
        raise ValidationError({"course": _("This course is in another center's catalog.")})
    if not course.active:
        raise ValidationError({"course": _("This course is no longer in the catalog.")})
    application = TrainingApplication(participant=participant, course=course, submit_by=submit_by,
                                      course_starts_on=course_starts_on, note=note, created_by=actor)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def set_documents(*, actor, application, received, version=None):
    """Ticks the required documents received (only documents the course asks for)."""
    require_writer(actor, application.participant.center)
    check_version(application, version, {"documents_received": list(received)})
    unknown = sorted(set(received) - set(application.course.required_documents))
    if unknown:
        raise ValidationError({"documents_received": [
            _("Not a required document: %(docs)s.") % {"docs": ", ".join(unknown)}]})
    application.documents_received = [d for d in application.course.required_documents if d in set(received)]
    application.save(update_fields=["documents_received"])
    return application


@transaction.atomic
def move_application(*, actor, application, status, on=None, reason="", voucher_number="", version=None):
    """Moves a voucher application one step; submitting needs every required document, declining a reason."""
    require_writer(actor, application.participant.center)
    check_version(application, version, {"status": status})
    on = on or timezone.localdate()
    if status not in VoucherStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status not in TRANSITIONS[VoucherStatus(application.status)]:
        raise ValidationError({"status": _("An application cannot move from “%(from)s” to “%(to)s”.") % {
            "from": VoucherStatus(application.status).label, "to": VoucherStatus(status).label}})
    if on > timezone.localdate():
        raise ValidationError({"on": _("A status change cannot be dated in the future.")})
    if status == VoucherStatus.SUBMITTED and application.missing_documents:
        raise ValidationError({"documents_received": [_("Missing documents: %(docs)s.") % {
            "docs": ", ".join(application.missing_documents)}]})
    if status == VoucherStatus.DECLINED and not reason.strip():
        raise ValidationError({"reason": _("Say why the voucher was declined.")})
    application.status = status
    setattr(application, DATE_FIELD[VoucherStatus(status)], on)
    if reason:
        application.decline_reason = reason.strip()[:200]
    if voucher_number:
        application.voucher_number = voucher_number.strip()
    application.save()
    return application
