"""Placements, their follow-ups, and job loss: the rules in one place."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import require_writer
from hizdamnut.centers.summaries import touch_many
from hizdamnut.centers.validators import refuse_unknown_fields
from hizdamnut.employers import services as employer_services
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.participants.services import change_status
from hizdamnut.versioning import check_version

from .models import Advancement, ContractType, Employment, FollowUp, Placement
from .rules import add_months, is_below_minimum, rules

PLACEMENT_FIELDS = {
    "employer", "employer_name", "self_employed", "role", "start_date", "hours_per_week", "monthly_wage",
    "contract_type", "fits_ability", "fits_desire", "fits_vision", "advances_previous_job", "previous_monthly_income",
}


def _check_start(start_date):
    today = timezone.localdate()
    limit = rules()["max_start_days_ahead"]
    if start_date and start_date > today + datetime.timedelta(days=limit):
        message = _("The start date is more than %(days)s days ahead. Record the placement closer to the start.")
        raise ValidationError({"start_date": message % {"days": limit}})


def schedule_follow_ups(placement):
    """Creates the follow-ups at the months the center set (default 1, 3, 6 and 12 after the start)."""
    months = sorted({int(m) for m in (placement.participant.center.follow_up_months or []) if int(m) > 0})
    owner = placement.participant.case_worker
    follow_ups = FollowUp.objects.bulk_create([
        FollowUp(placement=placement, months_after=m, due_on=add_months(placement.start_date, m), owner=owner)
        for m in months
    ])
    # No signals in bulk: the months they fall due in count them among the unrecorded (centers/summaries.py).
    touch_many([(placement.participant.center_id, f.due_on) for f in follow_ups])


@transaction.atomic
def reassign_follow_up(*, actor, follow_up, owner, version=None):
    """Gives a follow-up to another worker of the participant's center (None: back to nobody in particular)."""
    center = follow_up.placement.participant.center
    require_writer(actor, center)
    check_version(follow_up, version, {"owner": owner})
    if owner is not None and not owner.staff.centers.filter(pk=center.pk).exists():
        raise ValidationError({"owner": _("The worker does not work at this center.")})
    follow_up.owner = owner
    follow_up.save(update_fields=["owner"])
    return follow_up


@transaction.atomic
def record_placement(*, actor, participant, candidacy=None, **fields):
    """Records a placement, schedules its follow-ups and moves the participant to "placed".

    A wage below the legal minimum for the hours given is flagged, not refused (it may be a data error or
    a case for the employer-relations lead); a start too far ahead is refused.
    """
    require_writer(actor, participant.center)
    refuse_unknown_fields(fields, PLACEMENT_FIELDS)
    placement = Placement(participant=participant, candidacy=candidacy, recorded_by=actor, **fields)
    if placement.self_employed:
        placement.contract_type = ContractType.SELF_EMPLOYED
        placement.employer = None
    elif placement.employer is None and not placement.employer_name.strip():
        raise ValidationError({"employer": _("Choose the employer, name it, or mark self-employment.")})
    if placement.employer is not None and placement.employer.center_id != participant.center_id:
        raise ValidationError({"employer": _("This employer belongs to another center.")})
    _check_start(placement.start_date)
    placement.full_clean(exclude=["candidacy"])
    placement.below_minimum_wage = is_below_minimum(placement.monthly_wage, placement.hours_per_week,
                                                    placement.start_date)
    placement.save()
    schedule_follow_ups(placement)
    if participant.status != JourneyStatus.PLACED:
        change_status(participant=participant, status=JourneyStatus.PLACED, actor=actor,
                      on=min(placement.start_date, timezone.localdate()), note=str(placement.role)[:300])
    return placement


@transaction.atomic
def hire(*, actor, candidacy, direct_hire_reason="", hired_on=None, **fields):
    """Moves a candidate to hired (open opening only; a CV sent or a stated reason) and records the placement."""
    employer_services.mark_hired(actor=actor, candidacy=candidacy, on=hired_on, direct_hire_reason=direct_hire_reason)
    opening = candidacy.opening
    fields.setdefault("role", opening.title)
    fields.setdefault("hours_per_week", opening.hours_per_week)
    return record_placement(actor=actor, participant=candidacy.participant, candidacy=candidacy,
                            employer=opening.employer, **fields)


@transaction.atomic
def record_follow_up(*, actor, follow_up, done_on, employment, hours_per_week=None, monthly_wage=None,
                     satisfaction=None, advancement=(), difficulties="", support_given="", version=None):
    """Records how the placement holds. A follow-up cannot be dated before the start or in the future;
    a job that ended returns the participant to active accompaniment (the history stays)."""
    placement = follow_up.placement
    require_writer(actor, placement.participant.center)
    check_version(follow_up, version, {
        "done_on": done_on, "employment": employment, "hours_per_week": hours_per_week, "monthly_wage": monthly_wage,
        "satisfaction": satisfaction, "difficulties": difficulties, "support_given": support_given})
    errors = {}
    if done_on is None:
        errors["done_on"] = [_("Give the date of the follow-up.")]
    elif done_on < placement.start_date:
        errors["done_on"] = [_("A follow-up cannot be dated before the job started (%(start)s).") % {
            "start": placement.start_date.strftime("%d/%m/%Y")}]
    elif done_on > timezone.localdate():
        errors["done_on"] = [_("A follow-up cannot be dated in the future.")]
    if employment not in Employment.values:
        errors["employment"] = [_("Say whether they are still employed.")]
    unknown = sorted(set(advancement or []) - set(Advancement.values))
    if unknown:
        errors["advancement"] = [_("Unknown advancement: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        errors["satisfaction"] = [_("Satisfaction is from 1 to 5.")]
    if errors:
        raise ValidationError(errors)
    employed = employment != Employment.NOT_EMPLOYED
    follow_up.done_on = done_on
    follow_up.employment = employment
    follow_up.hours_per_week = hours_per_week if employed else None
    follow_up.monthly_wage = monthly_wage if employed else None
    follow_up.satisfaction = satisfaction if employed else None
    follow_up.advancement = list(advancement or []) if employed else []
    follow_up.difficulties = difficulties
    follow_up.support_given = support_given
    follow_up.recorded_by = actor
    follow_up.full_clean()
    follow_up.save()
    participant = placement.participant
    if not employed and placement.ended_on is None:
        end_placement(actor=actor, placement=placement, on=done_on, reason=_("Not employed at the follow-up"))
    elif employed and participant.status == JourneyStatus.PLACED:
        change_status(participant=participant, status=JourneyStatus.FOLLOW_UP, actor=actor, on=done_on)
    return follow_up


@transaction.atomic
def end_placement(*, actor, placement, on, reason, version=None):
    """Records that a job ended and returns the participant to active accompaniment; nothing is deleted."""
    require_writer(actor, placement.participant.center)
    check_version(placement, version, {"ended_on": on, "end_reason": (reason or "").strip()[:200]})
    if placement.ended_on:
        raise ValidationError({"ended_on": _("This job is already recorded as ended.")})
    if on is None or on < placement.start_date:
        raise ValidationError({"ended_on": _("A job cannot end before it started.")})
    if on > timezone.localdate():
        raise ValidationError({"ended_on": _("A job end cannot be dated in the future.")})
    if not (reason or "").strip():
        raise ValidationError({"end_reason": _("Say why the job ended.")})
    placement.ended_on = on
    placement.end_reason = reason.strip()[:200]
    placement.save(update_fields=["ended_on", "end_reason"])
    participant = placement.participant
    if participant.status in (JourneyStatus.PLACED, JourneyStatus.FOLLOW_UP):
        change_status(participant=participant, status=JourneyStatus.ACTIVE, actor=actor, on=on,
                      note=_("Job ended: %(reason)s") % {"reason": placement.end_reason})
    return placement
