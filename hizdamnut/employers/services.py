"""Employers, job openings, candidate profiles and the candidate pipeline: the rules in one place."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import require_writer
from hizdamnut.participants.models import Language
from hizdamnut.versioning import check_version

from . import matching
from .models import (
    Agreement,
    Candidacy,
    CandidateProfile,
    Employer,
    EmployerContact,
    EmployerLocation,
    Interaction,
    JobOpening,
    Shift,
    Stage,
    Threshold,
)

# Where a candidacy may go from each stage. Hired is reached only through `mark_hired` (which the
# placements app calls, so a hire always comes with its placement).
TRANSITIONS = {
    Stage.RECOMMENDED: {Stage.CV_SENT, Stage.REJECTED, Stage.WITHDRAWN, Stage.HIRED},
    Stage.CV_SENT: {Stage.INTERVIEW, Stage.REJECTED, Stage.WITHDRAWN, Stage.HIRED},
    Stage.INTERVIEW: {Stage.REJECTED, Stage.WITHDRAWN, Stage.HIRED},
    Stage.HIRED: set(),
    Stage.REJECTED: set(),
    Stage.WITHDRAWN: set(),
}


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def _set(instance, fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


@transaction.atomic
def save_employer(*, actor, employer=None, version=None, **fields):
    """Creates or updates an employer at one of the actor's centers (an update from a stale `version` is refused)."""
    if employer is not None:
        require_writer(actor, employer.center_id)
        check_version(employer, version, fields)
    employer = _set(employer or Employer(), fields)
    require_writer(actor, employer.center_id)
    return _save(employer)


@transaction.atomic
def add_location(*, actor, employer, **fields):
    require_writer(actor, employer.center)
    return _save(EmployerLocation(employer=employer, **fields))


@transaction.atomic
def add_contact(*, actor, employer, **fields):
    require_writer(actor, employer.center)
    return _save(EmployerContact(employer=employer, **fields))


@transaction.atomic
def add_agreement(*, actor, employer, **fields):
    require_writer(actor, employer.center)
    return _save(Agreement(employer=employer, **fields))


@transaction.atomic
def log_interaction(*, actor, employer, **fields):
    """Records a contact with an employer; it cannot be dated in the future."""
    require_writer(actor, employer.center)
    occurred_on = fields.get("occurred_on")
    if occurred_on and occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("An interaction cannot be dated in the future.")})
    return _save(Interaction(employer=employer, recorded_by=actor, **fields))


def _check_opening(opening):
    errors = {}
    unknown = sorted(set(opening.languages_required or []) - set(Language.values))
    if unknown:
        errors["languages_required"] = [_("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}]
    unknown = sorted(set(opening.flexible_thresholds or []) - set(Threshold.values))
    if unknown:
        errors["flexible_thresholds"] = [_("Unknown threshold: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_opening(*, actor, opening=None, version=None, **fields):
    """Creates or updates a job opening of an employer at one of the actor's centers (refusing a stale `version`)."""
    if opening is not None:
        require_writer(actor, opening.employer.center)
        check_version(opening, version, fields)
    opening = _set(opening or JobOpening(), fields)
    if not opening.opened_on:
        opening.opened_on = timezone.localdate()
    require_writer(actor, opening.employer.center if opening.employer_id else None)
    _check_opening(opening)
    return _save(opening)


@transaction.atomic
def save_candidate_profile(*, actor, participant, version=None, **fields):
    """Records what matching needs to know about a participant (readiness, wishes, constraints)."""
    require_writer(actor, participant.center)
    profile = (CandidateProfile.objects.filter(participant=participant).first()
               or CandidateProfile(participant=participant))
    check_version(profile, version, fields)
    _set(profile, fields)
    unknown = sorted(set(profile.available_shifts or []) - set(Shift.values))
    if unknown:
        raise ValidationError({"available_shifts": [_("Unknown shift: %(codes)s.") % {"codes": ", ".join(unknown)}]})
    return _save(profile)


@transaction.atomic
def recommend(*, actor, opening, participant, priority=False, note="", on=None):
    """Puts a participant forward for an opening, keeping the match score of that day."""
    require_writer(actor, opening.employer.center)
    if participant.center_id != opening.employer.center_id:
        raise ValidationError({"participant": _("The participant belongs to another center.")})
    if opening.status != JobOpening.Status.OPEN:
        raise ValidationError({"opening": _("This opening is not open.")})
    if Candidacy.objects.filter(opening=opening, participant=participant).exists():
        raise ValidationError({"participant": _("This participant is already a candidate for this opening.")})
    profile = CandidateProfile.objects.filter(participant=participant).select_related("participant__city").first()
    points = matching.score(opening, profile).score if profile else 0
    return Candidacy.objects.create(
        opening=opening, participant=participant, score=points, priority=priority, note=note,
        recommended_on=on or timezone.localdate(), recommended_by=actor,
    )


def _check_transition(candidacy, to_stage, on):
    if to_stage not in Stage.values:
        raise ValidationError({"stage": _("Unknown stage.")})
    if to_stage not in TRANSITIONS[Stage(candidacy.stage)]:
        raise ValidationError({"stage": _("A candidate cannot move from “%(from)s” to “%(to)s”.") % {
            "from": Stage(candidacy.stage).label, "to": Stage(to_stage).label}})
    if on > timezone.localdate():
        raise ValidationError({"on": _("A pipeline step cannot be dated in the future.")})
    if on < candidacy.recommended_on:
        raise ValidationError({"on": _("A pipeline step cannot be dated before the recommendation.")})


@transaction.atomic
def move_candidacy(*, actor, candidacy, stage, on=None, priority=None, reason="", note=""):
    """Moves a candidate along recommended → CV sent → interview → rejected | withdrawn.

    A rejection needs its reason. Hiring goes through the placements app (`placements.services.hire`),
    so that every hire comes with its placement.
    """
    require_writer(actor, candidacy.opening.employer.center)
    on = on or timezone.localdate()
    if stage == Stage.HIRED:
        raise ValidationError({"stage": _("Record a hire with its placement details (start date, hours, wage).")})
    _check_transition(candidacy, stage, on)
    if stage == Stage.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("Say why the candidate was not accepted.")})
    candidacy.stage = stage
    if stage == Stage.CV_SENT:
        candidacy.cv_sent_on = on
        if priority is not None:
            candidacy.priority = priority
    elif stage == Stage.INTERVIEW:
        candidacy.interview_on = on
    else:
        candidacy.decided_on = on
    if stage == Stage.REJECTED:
        candidacy.rejection_reason = reason.strip()
    if note:
        candidacy.note = note
    candidacy.save()
    return candidacy


@transaction.atomic
def mark_hired(*, actor, candidacy, on=None, direct_hire_reason=""):
    """Marks a candidate hired: only for an open opening, and straight from "recommended" only with a reason
    (a CV sent to the employer is the normal road to a hire)."""
    require_writer(actor, candidacy.opening.employer.center)
    on = on or timezone.localdate()
    opening = JobOpening.objects.select_for_update().get(pk=candidacy.opening_id)
    if opening.status != JobOpening.Status.OPEN:
        raise ValidationError({"opening": _("This opening is %(status)s; a hire needs an open opening.") % {
            "status": opening.get_status_display()}})
    _check_transition(candidacy, Stage.HIRED, on)
    if candidacy.stage == Stage.RECOMMENDED and not candidacy.cv_sent_on and not direct_hire_reason.strip():
        raise ValidationError({"direct_hire_reason": _(
            "No CV was recorded as sent. Record the CV first, or say why the hire came without one.")})
    candidacy.stage = Stage.HIRED
    candidacy.decided_on = on
    candidacy.direct_hire_reason = direct_hire_reason.strip()
    candidacy.save()
    hired = Candidacy.objects.filter(opening=opening, stage=Stage.HIRED).count()
    if hired >= opening.positions:
        opening.status = JobOpening.Status.FILLED
        opening.save(update_fields=["status"])
    return candidacy
