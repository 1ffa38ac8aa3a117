"""Intake meetings, the shared routing decision, and referrals out."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import require_writer
from hizdamnut.centers.validators import refuse_unknown_fields
from hizdamnut.inquiries.models import InquiryStatus
from hizdamnut.inquiries.services import change_inquiry_status
from hizdamnut.participants.models import ClosingReason, JourneyStatus, Language
from hizdamnut.participants.services import assign_case_worker, change_status
from hizdamnut.versioning import check_version

from . import routing
from .models import PREDICTORS, IntakeMeeting, Referral, ReferralStatus, RoutingDecision, RoutingTrack
from .signals import participant_routed

INTAKE_FIELDS = (
    "held_on", "duration_minutes", "staff", "needs", "goals", "work_history", "education", "languages", "licences",
    "barriers", "disability_percent", "strengths", *PREDICTORS,
)


def _not_future(day, field):
    if day and day > timezone.localdate():
        raise ValidationError({field: _("This date cannot be in the future.")})


@transaction.atomic
def record_intake_meeting(*, actor, participant, inquiry=None, **fields):
    """Records the intake meeting: needs and goals in the participant's own words, barriers and predictors of change.

    The inquiry it follows moves to "intake held" (seed: "מפגש אינטייק").
    """
    require_writer(actor, participant.center)
    refuse_unknown_fields(fields, INTAKE_FIELDS)
    _not_future(fields.get("held_on"), "held_on")
    errors = {}
    catalog = {b["code"] for b in routing.load_model()["barriers"]}
    bad = sorted(set(fields.get("barriers") or []) - catalog)
    if bad:
        errors["barriers"] = [_("Unknown barrier: %(codes)s.") % {"codes": ", ".join(bad)}]
    bad = sorted(set(fields.get("languages") or []) - set(Language.values))
    if bad:
        errors["languages"] = [_("Unknown language: %(codes)s.") % {"codes": ", ".join(bad)}]
    staff = fields.get("staff")
    if staff is not None and not staff.staff.centers.filter(pk=participant.center_id).exists():
        errors["staff"] = [_("This worker does not work at the participant's center.")]
    if inquiry is not None:
        if inquiry.center_id != participant.center_id:
            errors["inquiry"] = [_("This inquiry belongs to another center.")]
        elif inquiry.participant_id and inquiry.participant_id != participant.pk:
            errors["inquiry"] = [_("This inquiry is about another person.")]
    if errors:
        raise ValidationError(errors)
    meeting = IntakeMeeting(participant=participant, inquiry=inquiry, **fields)
    if meeting.staff_id is None:
        meeting.staff = actor
    meeting.full_clean()
    meeting.save()
    if inquiry is not None:
        if not inquiry.participant_id:
            inquiry.participant = participant
            inquiry.save(update_fields=["participant"])
        if inquiry.status in (InquiryStatus.NEW, InquiryStatus.SCREENED, InquiryStatus.INTAKE_SCHEDULED):
            on = max(meeting.held_on, inquiry.received_on)
            change_inquiry_status(inquiry=inquiry, status=InquiryStatus.INTAKE_HELD, actor=actor, on=on)
    return meeting


@transaction.atomic
def record_routing_decision(*, intake, response, actor, participant_agreed=True, override_reason="",
                            decided_on=None, case_worker=None):
    """Records the decision staff and participant reached together, beside the model's recommendation and version.

    A decision that differs from the recommendation needs a reason. The participant becomes active in
    accompaniment (or, when referred out, their accompaniment here closes as referred elsewhere).
    """
    participant = intake.participant
    require_writer(actor, participant.center)
    if response not in RoutingTrack.values:
        raise ValidationError({"response": _("Choose one of the center's responses.")})
    decided_on = decided_on or timezone.localdate()
    _not_future(decided_on, "decided_on")
    if decided_on < intake.held_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the intake meeting.")})
    recommendation = routing.recommend_for(intake)
    override_reason = (override_reason or "").strip()
    if response != recommendation.response and not override_reason:
        raise ValidationError({"override_reason": _(
            "The decision differs from the recommendation: write why, in the participant's and your words."
        )})
    decision = RoutingDecision.objects.create(
        participant=participant, intake=intake, decided_on=decided_on, model_version=recommendation.model_version,
        recommended_response=recommendation.response, response=response, participant_agreed=participant_agreed,
        override_reason=override_reason, reasons=recommendation.as_reasons(), decided_by=actor,
    )
    if response == RoutingTrack.REFERRAL_OUT:
        change_status(participant=participant, status=JourneyStatus.CLOSED, actor=actor, on=decided_on,
                      reason=ClosingReason.REFERRED_ELSEWHERE, note=_("Referred out at routing."))
    else:
        change_status(participant=participant, status=JourneyStatus.ACTIVE, actor=actor, on=decided_on,
                      note=RoutingTrack(response).label)
    if case_worker is not None:
        assign_case_worker(participant=participant, worker=case_worker, actor=actor)
    inquiry = intake.inquiry
    if inquiry is not None and inquiry.status == InquiryStatus.INTAKE_HELD:
        target = InquiryStatus.REFERRED_OUT if response == RoutingTrack.REFERRAL_OUT else InquiryStatus.ROUTED
        change_inquiry_status(inquiry=inquiry, status=target, actor=actor, on=decided_on)
    participant_routed.send(sender=RoutingDecision, decision=decision, job_ready=routing.job_ready(response),
                            actor=actor)
    return decision


@transaction.atomic
def create_referral(*, actor, service, participant=None, inquiry=None, sent_on=None, follow_up_on=None, note=""):
    """Refers a person to a community service; an open inquiry it answers closes as "referred out"."""
    if participant is None and inquiry is None:
        raise ValidationError({"participant": _("Choose whom the referral is for.")})
    center = participant.center if participant is not None else inquiry.center
    require_writer(actor, center)
    if inquiry is not None and inquiry.center_id != center.pk:
        raise ValidationError({"inquiry": _("This inquiry belongs to another center.")})
    if service.center_id and service.center_id != center.pk:
        raise ValidationError({"service": _("This service belongs to another center's directory.")})
    sent_on = sent_on or timezone.localdate()
    _not_future(sent_on, "sent_on")
    if follow_up_on and follow_up_on < sent_on:
        raise ValidationError({"follow_up_on": _("The follow-up date cannot come before the referral.")})
    referral = Referral.objects.create(
        center=center, participant=participant or (inquiry.participant if inquiry else None), inquiry=inquiry,
        service=service, sent_on=sent_on, follow_up_on=follow_up_on, note=note, created_by=actor,
        status_changed_on=sent_on,
    )
    if inquiry is not None and inquiry.is_open:
        change_inquiry_status(inquiry=inquiry, status=InquiryStatus.REFERRED_OUT, actor=actor,
                              on=max(sent_on, inquiry.received_on), note=service.name_he)
    return referral


@transaction.atomic
def update_referral(*, referral, actor, status=None, follow_up_on=None, note=None, version=None):
    """Moves a referral along sent → confirmed → closed and sets its follow-up date (a stale `version` refused)."""
    require_writer(actor, referral.center)
    sent = {"status": status, "follow_up_on": follow_up_on, "note": note}
    check_version(referral, version, {name: value for name, value in sent.items() if value is not None})
    if status is not None:
        if status not in ReferralStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        if referral.status == ReferralStatus.CLOSED and status != ReferralStatus.CLOSED:
            raise ValidationError({"status": _("A closed referral stays closed.")})
        if status != referral.status:
            referral.status = status
            referral.status_changed_on = timezone.localdate()
    if follow_up_on is not None:
        if follow_up_on < referral.sent_on:
            raise ValidationError({"follow_up_on": _("The follow-up date cannot come before the referral.")})
        referral.follow_up_on = follow_up_on
    if note is not None:
        referral.note = note
    referral.save()
    return referral
