"""Employers, job openings, candidate profiles and the candidate pipeline: the rules in one place."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import require_writer
from hizdamnut.occupations.models import Occupation
from hizdamnut.occupations.services import classify
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


def _add_to(employer, actor, model, **fields):
    require_writer(actor, employer.center)
    return _save(model(employer=employer, **fields))


@transaction.atomic
def add_location(*, actor, employer, **fields):
    return _add_to(employer, actor, EmployerLocation, **fields)


@transaction.atomic
def add_contact(*, actor, employer, **fields):
    return _add_to(employer, actor, EmployerContact, **fields)


@transaction.atomic
def add_agreement(*, actor, employer, **fields):
    return _add_to(employer, actor, Agreement, **fields)


@transaction.atomic
def log_interaction(*, actor, employer, **fields):
    """Records a contact with an employer; it cannot be dated in the future."""
    require_writer(actor, employer.center)
    occurred_on = fields.get("occurred_on")
    if occurred_on and occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("An interaction cannot be dated in the future.")})
    return _add_to(employer, actor, Interaction, recorded_by=actor, **fields)


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


def occupation_unit(code, *, field="occupation_code"):
    """The ISCO-08 unit group of a 4-digit code (None for an empty code); any other code is refused."""
    if not code:
        return None
    unit = Occupation.objects.filter(code=str(code).strip(), level=Occupation.Level.UNIT).first()
    if unit is None:
        raise ValidationError({field: _("%(code)s is not an ISCO-08 unit group.") % {"code": code}})
    return unit


def recognised_unit(title):
    """The unit group the classifier recognises in typed words (its score at least the classifier's threshold)."""
    code = classify(title).code if (title or "").strip() else None
    return Occupation.objects.filter(code=code, level=Occupation.Level.UNIT).first() if code else None


def _first_recognised_unit(titles):
    for title in titles or []:
        unit = recognised_unit(str(title))
        if unit is not None:
            return unit
    return None


@transaction.atomic
def save_opening(*, actor, opening=None, version=None, **fields):
    """Creates or updates a job opening of an employer at one of the actor's centers (refusing a stale `version`).

    Without an explicit `occupation_unit`, the typed occupation is classified when it is new or changed, and the
    unit group kept only when the classifier is sure (else it waits on the employers page for a worker).
    """
    if opening is not None:
        require_writer(actor, opening.employer.center)
        check_version(opening, version, fields)
    opening = opening or JobOpening()
    previous_text = opening.occupation
    _set(opening, fields)
    if "occupation_unit" not in fields and (opening.occupation_unit_id is None or opening.occupation != previous_text):
        opening.occupation_unit = recognised_unit(opening.occupation)
    if not opening.opened_on:
        opening.opened_on = timezone.localdate()
    require_writer(actor, opening.employer.center if opening.employer_id else None)
    _check_opening(opening)
    return _save(opening)


@transaction.atomic
def save_candidate_profile(*, actor, participant, version=None, **fields):
    """Records what matching needs to know about a participant (readiness, wishes, constraints).

    Without an explicit `desired_occupation_unit`, the first desired occupation the classifier recognises gives it;
    a stale `version` is refused.
    """
    require_writer(actor, participant.center)
    profile = (CandidateProfile.objects.filter(participant=participant).first()
               or CandidateProfile(participant=participant))
    check_version(profile, version, fields)
    previous = list(profile.desired_occupations or [])
    _set(profile, fields)
    if "desired_occupation_unit" not in fields and (
            profile.desired_occupation_unit_id is None or list(profile.desired_occupations or []) != previous):
        profile.desired_occupation_unit = _first_recognised_unit(profile.desired_occupations)
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
    profile = (CandidateProfile.objects.filter(participant=participant)
               .select_related("participant__city", "desired_occupation_unit").first())
    points = matching.score(matching.with_occupation_groups(opening), profile).score if profile else 0
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
    # An interview is scheduled ahead; every other step records what already happened.
    if on > timezone.localdate() and to_stage != Stage.INTERVIEW:
        raise ValidationError({"on": _("A pipeline step cannot be dated in the future.")})
    if on < candidacy.recommended_on:
        raise ValidationError({"on": _("A pipeline step cannot be dated before the recommendation.")})


@transaction.atomic
def move_candidacy(*, actor, candidacy, stage, on=None, priority=None, reason="", note="", version=None):
    """Moves a candidate along recommended → CV sent → interview → rejected | withdrawn.

    A rejection needs its reason; an interview may be scheduled for a future day. Hiring goes through the placements
    app (`placements.services.hire`), so that every hire comes with its placement.
    """
    require_writer(actor, candidacy.opening.employer.center)
    check_version(candidacy, version, {"stage": stage})
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


def classify_free_text_occupations(*, opening_model=JobOpening, profile_model=CandidateProfile,
                                   occupation_model=Occupation):
    """Gives openings and profiles that have occupation words but no unit group the one the classifier recognises
    (score at least its threshold); the others stay without a code, listed for a worker to confirm.

    Takes the models so that a data migration can pass its historical ones. Returns the counts.
    """
    units = dict(occupation_model.objects.filter(level="unit").values_list("code", "pk"))
    known = {}

    def unit_id(title):
        title = str(title).strip()
        if title not in known:
            known[title] = units.get(classify(title).code) if title else None
        return known[title]

    counts = {"openings": 0, "profiles": 0, "unrecognised_openings": 0, "unrecognised_profiles": 0}

    def give_units(model, field, rows, kind):
        """Sets `field` of each row to its recognised unit (one UPDATE per unit), counting under `kind`."""
        by_unit = {}
        for pk, unit in rows:
            if unit:
                by_unit.setdefault(unit, []).append(pk)
                counts[kind] += 1
            else:
                counts[f"unrecognised_{kind}"] += 1
        for unit, pks in by_unit.items():
            model.objects.filter(pk__in=pks).update(**{field: unit})

    openings = (opening_model.objects.filter(occupation_unit__isnull=True).exclude(occupation="")
                .values_list("pk", "occupation"))
    give_units(opening_model, "occupation_unit_id", ((pk, unit_id(text)) for pk, text in openings), "openings")
    profiles = (profile_model.objects.filter(desired_occupation_unit__isnull=True)
                .values_list("pk", "desired_occupations"))
    wishes = ((pk, [t for t in titles or [] if str(t).strip()]) for pk, titles in profiles)
    first_units = ((pk, next((u for u in map(unit_id, titles) if u), None)) for pk, titles in wishes if titles)
    give_units(profile_model, "desired_occupation_unit_id", first_units, "profiles")
    return counts
