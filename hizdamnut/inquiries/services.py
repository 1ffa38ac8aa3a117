"""Recording inquiries, moving them through their statuses, and screening eligibility."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import can_write, has_role, require_writer
from hizdamnut.centers.roles import MANAGEMENT_ROLES
from hizdamnut.centers.validators import refuse_unknown_fields
from hizdamnut.participants.services import register_participant
from hizdamnut.participants.validators import (
    normalize_israeli_id,
    normalize_phone,
    validate_israeli_id,
    validate_israeli_phone,
)
from hizdamnut.versioning import check_version

from . import eligibility
from .models import (
    OPEN_STATUSES,
    Decision,
    Inquiry,
    InquiryCategory,
    InquiryStatus,
    InquiryStatusChange,
    Screening,
    Source,
)

INQUIRY_FIELDS = (
    "received_on", "source", "referring_department", "referring_worker", "community_partner", "outreach_event",
    "channel", "category", "subcategory", "notes", "participant", "first_name", "last_name", "phone", "id_number",
)


def _validate(inquiry):
    errors = {}
    today = timezone.localdate()
    if inquiry.received_on and inquiry.received_on > today:
        errors["received_on"] = _("An inquiry cannot be dated in the future.")
    if inquiry.category_id and inquiry.category.parent_id:
        errors["category"] = _("Choose a main reason; the detailed reason goes in the next field.")
    if inquiry.subcategory_id and inquiry.subcategory.parent_id != inquiry.category_id:
        errors["subcategory"] = _("This detailed reason belongs to another main reason.")
    if inquiry.participant_id and inquiry.participant.center_id != inquiry.center_id:
        errors["participant"] = _("This participant belongs to another center.")
    for field, normalize, validate in (("phone", normalize_phone, validate_israeli_phone),
                                       ("id_number", normalize_israeli_id, validate_israeli_id)):
        if getattr(inquiry, field):
            setattr(inquiry, field, normalize(getattr(inquiry, field)))
            try:
                validate(getattr(inquiry, field))
            except ValidationError as exc:
                errors[field] = exc.messages
    if inquiry.source != Source.WELFARE_REFERRAL:
        inquiry.referring_department = inquiry.referring_worker = ""
    if inquiry.source != Source.COMMUNITY_PARTNER:
        inquiry.community_partner = ""
    if inquiry.source != Source.OUTREACH_EVENT:
        inquiry.outreach_event = ""
    try:
        inquiry.full_clean(exclude=["status_changed_at"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)
    errors.pop("status_changed_at", None)
    if errors:
        raise ValidationError(errors)


def _record_status(inquiry, status, actor, on, note=""):
    inquiry.status = status
    inquiry.status_changed_at = timezone.now()
    inquiry.save(update_fields=["status", "status_changed_at", "intake_scheduled_on", "participant"])
    return InquiryStatusChange.objects.create(inquiry=inquiry, status=status, changed_on=on, changed_by=actor,
                                              note=note)


@transaction.atomic
def record_inquiry(*, actor, center, **fields):
    """Records a person's contact with the center, so nobody who contacts a center gets lost (seed: "טופס פנייה")."""
    require_writer(actor, center)
    refuse_unknown_fields(fields, INQUIRY_FIELDS)
    inquiry = Inquiry(center=center, created_by=actor, **fields)
    _validate(inquiry)
    inquiry.status_changed_at = timezone.now()
    inquiry.save()
    InquiryStatusChange.objects.create(
        inquiry=inquiry, status=InquiryStatus.NEW, changed_on=inquiry.received_on, changed_by=actor
    )
    return inquiry


# Which statuses may follow which: every inquiry ends in a recorded outcome.
TRANSITIONS = {
    InquiryStatus.NEW: {InquiryStatus.SCREENED, InquiryStatus.NOT_ELIGIBLE, InquiryStatus.DECLINED,
                        InquiryStatus.UNREACHABLE, InquiryStatus.REFERRED_OUT, InquiryStatus.INTAKE_SCHEDULED},
    InquiryStatus.SCREENED: {InquiryStatus.INTAKE_SCHEDULED, InquiryStatus.INTAKE_HELD, InquiryStatus.NOT_ELIGIBLE,
                             InquiryStatus.DECLINED, InquiryStatus.UNREACHABLE, InquiryStatus.REFERRED_OUT,
                             InquiryStatus.SCREENED},
    InquiryStatus.INTAKE_SCHEDULED: {InquiryStatus.INTAKE_HELD, InquiryStatus.DECLINED, InquiryStatus.UNREACHABLE,
                                     InquiryStatus.REFERRED_OUT, InquiryStatus.INTAKE_SCHEDULED,
                                     InquiryStatus.SCREENED},
    InquiryStatus.INTAKE_HELD: {InquiryStatus.ROUTED, InquiryStatus.REFERRED_OUT, InquiryStatus.DECLINED},
    InquiryStatus.NOT_ELIGIBLE: {InquiryStatus.SCREENED, InquiryStatus.REFERRED_OUT},
    InquiryStatus.UNREACHABLE: {InquiryStatus.NEW, InquiryStatus.SCREENED},
    InquiryStatus.DECLINED: {InquiryStatus.NEW},
    InquiryStatus.ROUTED: set(),
    InquiryStatus.REFERRED_OUT: set(),
}
# No status follows these: the inquiry's journey at the center is over.
FINAL_STATUSES = frozenset(status for status, following in TRANSITIONS.items() if not following)
# A person may be screened (again) while the inquiry is open, or after a "not eligible" result.
SCREENABLE_STATUSES = frozenset(OPEN_STATUSES) | {InquiryStatus.NOT_ELIGIBLE}


@dataclass(frozen=True)
class InquiryActions:
    """What a user may do next with an inquiry; the inquiry page shows exactly these."""

    screen: bool = False
    override_screening: bool = False
    register: bool = False
    record_intake: bool = False
    refer_out: bool = False
    schedule_intake: bool = False
    next_statuses: frozenset = frozenset()

    @property
    def next_step(self):
        return self.schedule_intake or bool(self.next_statuses)


def allowed_actions(*, inquiry, user):
    """The actions the inquiry's status allows (TRANSITIONS), for a user who may write; none for readers."""
    if not can_write(user):
        return InquiryActions()
    status = InquiryStatus(inquiry.status)
    is_open = status in OPEN_STATUSES
    final = status in FINAL_STATUSES
    return InquiryActions(
        screen=status in SCREENABLE_STATUSES,
        override_screening=True,
        register=is_open and not inquiry.participant_id,
        record_intake=is_open and bool(inquiry.participant_id),
        refer_out=not final,
        schedule_intake=is_open and not final,
        next_statuses=frozenset() if final else frozenset(TRANSITIONS[status] - {status}),
    )


@transaction.atomic
def change_inquiry_status(*, inquiry, status, actor, on=None, note="", version=None):
    """Moves an inquiry to its next status and keeps when each status was reached (the funnel reads it); a move
    sent from an older version than the stored one is refused."""
    require_writer(actor, inquiry.center)
    check_version(inquiry, version, {"status": status})
    if status not in InquiryStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"changed_on": _("A status change cannot be dated in the future.")})
    if on < inquiry.received_on:
        raise ValidationError({"changed_on": _("A status change cannot come before the inquiry.")})
    if status not in TRANSITIONS[InquiryStatus(inquiry.status)]:
        raise ValidationError({"status": _("An inquiry that is “%(old)s” cannot become “%(new)s”.") % {
            "old": InquiryStatus(inquiry.status).label, "new": InquiryStatus(status).label}})
    return _record_status(inquiry, status, actor, on, note)


@transaction.atomic
def schedule_intake(*, inquiry, actor, on=None, starts_at=None, staff=None, version=None):
    """Schedules the intake meeting of an inquiry that was screened: a day, or a date and time with the worker who
    holds it (then it shows on that worker's agenda and calendar feed). A scheduled meeting may be in the future."""
    require_writer(actor, inquiry.center)
    check_version(inquiry, version, {"intake_scheduled_on": timezone.localdate(starts_at) if starts_at else on,
                                     "intake_starts_at": starts_at, "intake_staff": staff})
    if starts_at is not None:
        on = timezone.localdate(starts_at)
    if on is None:
        raise ValidationError({"intake_scheduled_on": _("Give the meeting date.")})
    if staff is not None and not staff.staff.centers.filter(pk=inquiry.center_id).exists():
        raise ValidationError({"intake_staff": _("The worker does not work at this center.")})
    inquiry.intake_scheduled_on = on
    inquiry.intake_starts_at = starts_at
    inquiry.intake_staff = staff
    inquiry.save(update_fields=["intake_starts_at", "intake_staff"])
    return change_inquiry_status(inquiry=inquiry, status=InquiryStatus.INTAKE_SCHEDULED, actor=actor)


def applicant_from_participant(participant, **flags):
    return eligibility.Applicant(
        birth_date=participant.birth_date, city=participant.city,
        welfare_file_last_active=participant.welfare_file_last_active if participant.has_welfare_file else None,
        **flags,
    )


@transaction.atomic
def screen_inquiry(*, inquiry, applicant, actor, on=None):
    """Screens an inquiry's person against the eligibility rules (data, rules/eligibility.json) and keeps the result.

    Eligible or needing approval → "screened"; not eligible → "not eligible" (staff may override).
    """
    require_writer(actor, inquiry.center)
    on = on or timezone.localdate()
    if applicant.birth_date is None:
        raise ValidationError({"birth_date": _("Give the date of birth.")})
    if applicant.birth_date > on:
        raise ValidationError({"birth_date": _("The date of birth cannot be in the future.")})
    if applicant.disability_percent is not None and not 0 <= applicant.disability_percent <= 100:
        raise ValidationError({"disability_percent": _("A percentage is between 0 and 100.")})
    result = eligibility.screen(
        applicant, center=inquiry.center, on=on, load=eligibility.region_load(inquiry.center, on.year)
    )
    screening = Screening.objects.create(
        inquiry=inquiry, screened_on=on, rules_version=result.rules_version, answers=applicant.answers(),
        decision=result.decision, reasons=result.reasons, screened_by=actor,
    )
    _status_after_screening(inquiry, screening.final_decision, actor, on)
    return screening


def _status_after_screening(inquiry, decision, actor, on):
    target = InquiryStatus.NOT_ELIGIBLE if decision == Decision.NOT_ELIGIBLE else InquiryStatus.SCREENED
    if inquiry.status in (InquiryStatus.NEW, InquiryStatus.SCREENED, InquiryStatus.NOT_ELIGIBLE,
                          InquiryStatus.UNREACHABLE) and inquiry.status != target:
        _record_status(inquiry, target, actor, on)


@transaction.atomic
def override_screening(*, screening, decision, reason, actor):
    """Staff may override a screening result, always with a recorded reason.

    A result that "needs manager approval" (the region cap) becomes eligible only by a manager's override.
    """
    require_writer(actor, screening.inquiry.center)
    if decision not in Decision.values:
        raise ValidationError({"override_decision": _("Unknown decision.")})
    if (screening.decision == Decision.NEEDS_APPROVAL and decision == Decision.ELIGIBLE
            and not has_role(actor, MANAGEMENT_ROLES)):
        raise ValidationError({"override_decision": _("Only the center manager may approve past the region cap.")})
    if not (reason or "").strip():
        raise ValidationError({"override_reason": _("Write why the result is overridden.")})
    screening.override_decision = decision
    screening.override_reason = reason.strip()
    screening.overridden_by = actor
    screening.save(update_fields=["override_decision", "override_reason", "overridden_by"])
    _status_after_screening(screening.inquiry, decision, actor, timezone.localdate())
    return screening


@transaction.atomic
def register_from_inquiry(*, inquiry, actor, **fields):
    """Registers the inquiry's person as a participant (before the intake meeting) and links the inquiry."""
    if inquiry.participant_id:
        raise ValidationError(_("This inquiry is already linked to a participant."))
    participant = register_participant(actor=actor, center=inquiry.center, **fields)
    inquiry.participant = participant
    inquiry.save(update_fields=["participant"])
    return participant


@transaction.atomic
def link_participant(*, inquiry, participant, actor, version=None):
    """Links an inquiry to a participant already registered at its center (a repeat caller, recognised later)."""
    require_writer(actor, inquiry.center)
    check_version(inquiry, version, {"participant": participant})
    if participant.center_id != inquiry.center_id:
        raise ValidationError({"participant": _("This participant belongs to another center.")})
    if inquiry.participant_id and inquiry.participant_id != participant.pk:
        raise ValidationError({"participant": _("This inquiry is already linked to another participant.")})
    inquiry.participant = participant
    inquiry.save(update_fields=["participant"])
    return inquiry


@transaction.atomic
def load_categories(data):
    """Creates or updates the two-level reason tree; codes are stable keys, so loading twice changes nothing."""
    if not isinstance(data, list):
        raise ValidationError(_("The file must hold a list of categories."))
    for position, item in enumerate(data):
        parent, _created = InquiryCategory.objects.update_or_create(
            code=item["code"],
            defaults={"label_he": item["label_he"], "label_en": item.get("label_en", ""), "parent": None,
                      "position": position},
        )
        for child_position, child in enumerate(item.get("subcategories") or []):
            InquiryCategory.objects.update_or_create(
                code=child["code"],
                defaults={"label_he": child["label_he"], "label_en": child.get("label_en", ""), "parent": parent,
                          "position": child_position},
            )

