"""Deterministic, explainable matching between job openings and participants ready for work.

A score is the plain sum of named parts; each part carries its points and the reason in words, so the
page can show exactly why a person ranks where they do. The points live in `data/matching_weights.json`
(versioned data a center may change), never in this code.
"""

import functools
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from hizdamnut.intake.models import IntakeMeeting
from hizdamnut.occupations.models import Occupation
from hizdamnut.occupations.normalize import title_key
from hizdamnut.participants.models import JourneyStatus, Language
from hizdamnut.plans.models import SKILL_FIELDS, SkillField, SkillScore

from .models import CandidateProfile, EducationLevel, JobOpening, Shift, Threshold

DATA = Path(__file__).resolve().parent / "data"
CHILDCARE_HARD_SHIFTS = {Shift.EVENING, Shift.NIGHT, Shift.ROTATING}


@functools.cache
def load_weights(path=None):
    with open(path or DATA / "matching_weights.json", encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def city_coordinates():
    with open(DATA / "city_coordinates.json", encoding="utf-8") as handle:
        return {name: tuple(point) for name, point in json.load(handle).items() if not name.startswith("_")}


def distance_km(city_a, city_b):
    """Straight-line (great-circle) distance between two cities, or None when one has no coordinates."""
    if city_a == city_b:
        return 0.0
    points = city_coordinates()
    a, b = points.get(getattr(city_a, "name_he", city_a)), points.get(getattr(city_b, "name_he", city_b))
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@dataclass
class Part:
    code: str
    label: str
    points: int
    reason: str

    @property
    def is_for(self):
        return self.points > 0

    @property
    def is_against(self):
        return self.points < 0


@dataclass
class Match:
    opening: JobOpening
    participant: object
    parts: list = field(default_factory=list)
    weights_version: str = ""
    km: float | None = None

    @property
    def score(self):
        return sum(part.points for part in self.parts)

    @property
    def reasons_for(self):
        return [part for part in self.parts if part.is_for]

    @property
    def reasons_against(self):
        return [part for part in self.parts if part.is_against]

    @property
    def main_reasons(self):
        """Three parts to show first: the occupation (what the job is), then what counts most against, then what
        counts most for. The full list is the explanation."""
        occupation = [part for part in self.parts if part.code == "occupation"]
        against = sorted(self.reasons_against, key=lambda part: part.points)
        for_ = sorted((p for p in self.reasons_for if p.code != "occupation"), key=lambda part: -part.points)
        return (occupation + [p for p in against if p.code != "occupation"] + for_)[:3]

    def fails(self, must_haves):
        """The must-have parts this match does not meet (occupation must be a positive fit; others not against)."""
        failed = []
        for part in self.parts:
            if part.code in must_haves and (part.points <= 0 if part.code == "occupation" else part.points < 0):
                failed.append(part.code)
        return failed

    def as_dict(self):
        return {
            "opening": self.opening.pk, "participant": self.participant.pk, "score": self.score,
            "weights_version": self.weights_version,
            "parts": [{"code": p.code, "label": p.label, "points": p.points, "reason": p.reason} for p in self.parts],
        }


def _norm(values):
    return {str(v).strip().casefold() for v in values or [] if str(v).strip()}


def _language_names(codes):
    labels = dict(Language.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


@dataclass(frozen=True)
class Context:
    """What the intake and the plan know about one participant that matching uses."""

    barriers: frozenset = frozenset()
    disability_percent: int | None = None
    intake_languages: tuple = ()
    assessed_on: object = None
    skill_levels: dict = field(default_factory=dict)  # skill field (soft/core/professional) → mean level


NO_CONTEXT = Context()


def contexts_for(participants):
    """The Context of each participant (ids, or a queryset of Participant used as a subquery): two queries.

    The latest intake meeting gives barriers, disability and languages; the latest skills assessment gives
    the mean level in each field (soft, core, professional).
    """
    intakes = (IntakeMeeting.objects.filter(participant__in=participants)
               .order_by("participant_id", "-held_on", "-pk")
               .values_list("participant_id", "barriers", "disability_percent", "languages"))
    latest_intake = {}
    for participant_id, barriers, disability, languages in intakes:
        latest_intake.setdefault(participant_id, (barriers, disability, languages))
    scores = (SkillScore.objects.filter(assessment__participant__in=participants)
              .order_by("assessment__participant_id", "-assessment__assessed_on", "-assessment_id")
              .values_list("assessment__participant_id", "assessment_id", "assessment__assessed_on", "skill", "level"))
    latest_assessment = {}
    for participant_id, assessment_id, assessed_on, skill, level in scores:
        chosen = latest_assessment.setdefault(participant_id, (assessment_id, assessed_on, {}))
        if chosen[0] == assessment_id:
            chosen[2].setdefault(SKILL_FIELDS.get(skill, ""), []).append(level)
    contexts = {}
    for participant_id in set(latest_intake) | set(latest_assessment):
        barriers, disability, languages = latest_intake.get(participant_id, ((), None, ()))
        _id, assessed_on, levels = latest_assessment.get(participant_id, (None, None, {}))
        contexts[participant_id] = Context(
            barriers=frozenset(barriers or ()), disability_percent=disability, intake_languages=tuple(languages or ()),
            assessed_on=assessed_on,
            skill_levels={str(f): sum(v) / len(v) for f, v in levels.items() if f},
        )
    return contexts


def _title(occupation):
    return occupation.title_en if translation.get_language() == "en" else occupation.title_he


def _occupation_part(opening, profile, w):
    """Full points for the same unit group, less for the same minor group, less again for the same sub-major group;
    typed words that name the same occupation also count as the same."""
    wo = w["occupation"]
    unit, wanted = opening.occupation_unit, profile.desired_occupation_unit
    best = None
    if unit is not None and wanted is not None:
        if unit.code == wanted.code:
            best = (wo["unit"], _("wants to work as %(occ)s, the same occupation") % {"occ": _title(unit)})
        elif unit.code[:3] == wanted.code[:3]:
            best = (wo["minor"], _("wants %(want)s: the same minor group as %(occ)s (%(group)s)") % {
                "want": _title(wanted), "occ": _title(unit), "group": _title(unit.parent)})
        elif unit.code[:2] == wanted.code[:2]:
            best = (wo["sub_major"], _("wants %(want)s: the same sub-major group as %(occ)s (%(group)s)") % {
                "want": _title(wanted), "occ": _title(unit), "group": _title(unit.parent.parent)})
    typed = title_key(opening.occupation)
    if typed and typed in {title_key(str(t)) for t in profile.desired_occupations or []}:
        if best is None or best[0] < wo["desired"]:
            best = (wo["desired"], _("%(occ)s is among the occupations they want") % {"occ": opening.occupation})
    if best is None:
        if wanted is not None and unit is not None:
            reason = _("wants %(want)s, a different occupation group from %(occ)s") % {
                "want": _title(wanted), "occ": _title(unit)}
        else:
            reason = _("%(occ)s is not among the occupations they named") % {"occ": opening.occupation}
        best = (wo["not_desired"], reason)
    return Part("occupation", _("Occupation"), best[0], best[1])


def score(opening, profile, weights=None, context=None):
    """The match of one participant (through their candidate profile) with one opening, part by part.

    `context` is what intake and the plan know (see `contexts_for`); without it, it is read for this participant.
    """
    w = weights or load_weights()
    participant = profile.participant
    if context is None:
        context = contexts_for([participant.pk]).get(participant.pk, NO_CONTEXT)
    parts = []

    # Occupation: the participant's stated wishes come first (seed: an optimal placement fits their desire).
    parts.append(_occupation_part(opening, profile, w))

    # Skills.
    required = _norm(opening.skills_required)
    missing = sorted(required - _norm(profile.skills))
    if not required:
        parts.append(Part("skills", _("Skills"), w["skills"]["all"], _("no particular skills required")))
    elif not missing:
        parts.append(Part("skills", _("Skills"), w["skills"]["all"], _("has every skill required")))
    else:
        flexed = opening.flexes(Threshold.SKILLS)
        per = w["skills"]["flexed_missing" if flexed else "per_missing"]
        reason = _("missing: %(skills)s") % {"skills": ", ".join(missing)}
        if flexed:
            reason += " " + _("(the employer agreed to flex)")
        parts.append(Part("skills", _("Skills"), per * len(missing), reason))

    # Experience.
    need, have = opening.experience_years_required, profile.experience_years
    if have >= need:
        parts.append(Part("experience", _("Experience"), w["experience"]["meets"],
                          _("%(have)s years of experience (required %(need)s)") % {"have": have, "need": need}))
    elif opening.flexes(Threshold.EXPERIENCE):
        parts.append(Part("experience", _("Experience"), w["experience"]["flexed"],
                          _("%(have)s of %(need)s years required; the employer agreed to flex") %
                          {"have": have, "need": need}))
    else:
        parts.append(Part("experience", _("Experience"), w["experience"]["short"],
                          _("%(have)s of %(need)s years required") % {"have": have, "need": need}))

    # Education.
    need_level = EducationLevel(opening.education_required)
    have_level = EducationLevel(profile.education_level)
    if have_level >= need_level:
        parts.append(Part("education", _("Education"), w["education"]["meets"],
                          _("%(have)s meets %(need)s") % {"have": have_level.label, "need": need_level.label}))
    else:
        flexed = opening.flexes(Threshold.EDUCATION)
        reason = _("%(have)s, below %(need)s") % {"have": have_level.label, "need": need_level.label}
        if flexed:
            reason += " " + _("(the employer agreed to flex)")
        parts.append(Part("education", _("Education"), w["education"]["flexed" if flexed else "short"], reason))

    # Languages.
    spoken = participant.languages or context.intake_languages
    missing_languages = [code for code in opening.languages_required or [] if code not in (spoken or [])]
    if not missing_languages:
        reason = (_("speaks %(langs)s") % {"langs": _language_names(opening.languages_required)}
                  if opening.languages_required else _("no language required"))
        parts.append(Part("languages", _("Languages"), w["languages"]["meets"], reason))
    else:
        flexed = opening.flexes(Threshold.LANGUAGES)
        reason = _("does not speak %(langs)s") % {"langs": _language_names(missing_languages)}
        if flexed:
            reason += " " + _("(the employer agreed to flex)")
        parts.append(Part("languages", _("Languages"), w["languages"]["flexed" if flexed else "missing"], reason))

    # Licences.
    missing_licences = sorted(_norm(opening.licences_required) - _norm(profile.licences))
    if not missing_licences:
        reason = (_("holds %(lic)s") % {"lic": ", ".join(opening.licences_required)}
                  if opening.licences_required else _("no licence required"))
        parts.append(Part("licences", _("Licences"), w["licences"]["meets"], reason))
    else:
        flexed = opening.flexes(Threshold.LICENCES)
        reason = _("lacks %(lic)s") % {"lic": ", ".join(missing_licences)}
        if flexed:
            reason += " " + _("(the employer agreed to flex)")
        parts.append(Part("licences", _("Licences"), w["licences"]["flexed" if flexed else "missing"], reason))

    childcare = profile.childcare_constraint or "childcare" in context.barriers

    # Hours a week against the hours they want.
    wanted = profile.preferred_hours_per_week
    if wanted is None or abs(opening.hours_per_week - wanted) <= w["hours"]["tolerance_hours"]:
        reason = (_("%(h)s hours a week, close to the %(want)s they want") %
                  {"h": opening.hours_per_week, "want": wanted}
                  if wanted is not None else _("no preference on hours"))
        parts.append(Part("hours", _("Hours"), w["hours"]["fits"], reason))
    else:
        flexed = opening.flexes(Threshold.HOURS)
        reason = _("%(h)s hours a week; they want %(want)s") % {"h": opening.hours_per_week, "want": wanted}
        if flexed:
            reason += " " + _("(the employer agreed to flex)")
        parts.append(Part("hours", _("Hours"), w["hours"]["flexed" if flexed else "mismatch"], reason))
    if childcare and opening.hours_per_week > w["hours"]["childcare_max_hours"]:
        parts[-1].points += w["hours"]["childcare_long"]
        parts[-1].reason += "; " + _("long hours for someone caring for children")

    # Shift pattern against constraints such as childcare.
    shift_label = Shift(opening.shift).label
    if childcare and opening.shift in CHILDCARE_HARD_SHIFTS:
        parts.append(Part("shift", _("Shifts"), w["shift"]["childcare_conflict"],
                          _("%(shift)s clash with childcare") % {"shift": shift_label}))
    elif profile.available_shifts and opening.shift != Shift.FLEXIBLE and opening.shift not in profile.available_shifts:
        parts.append(Part("shift", _("Shifts"), w["shift"]["not_available"],
                          _("not available for %(shift)s") % {"shift": shift_label}))
    else:
        parts.append(Part("shift", _("Shifts"), w["shift"]["fits"],
                          _("%(shift)s suit them") % {"shift": shift_label}))

    # Commute from the home city.
    km = distance_km(participant.city, opening.city)
    limit = profile.max_commute_km
    if km is None:
        parts.append(Part("commute", _("Commute"), 0, _("distance unknown")))
    elif km <= limit * w["commute"]["near_share"]:
        parts.append(Part("commute", _("Commute"), w["commute"]["near"],
                          _("%(km)s km from home (limit %(limit)s)") % {"km": round(km), "limit": limit}))
    elif km <= limit:
        parts.append(Part("commute", _("Commute"), w["commute"]["within"],
                          _("%(km)s km from home (limit %(limit)s)") % {"km": round(km), "limit": limit}))
    else:
        parts.append(Part("commute", _("Commute"), w["commute"]["too_far"],
                          _("%(km)s km from home, beyond their %(limit)s km") % {"km": round(km), "limit": limit}))

    # Getting there without a car, where the intake recorded transport as a barrier.
    if "transport" in context.barriers or profile.has_vehicle:
        wt = w["transport"]
        if profile.has_vehicle:
            parts.append(Part("transport", _("Transport"), wt["has_vehicle"], _("has a vehicle of their own")))
        elif km is not None and km > limit * w["commute"]["near_share"]:
            parts.append(Part("transport", _("Transport"), wt["far_without_vehicle"],
                              _("no vehicle, and transport is a barrier at this distance")))
        else:
            parts.append(Part("transport", _("Transport"), wt["near_without_vehicle"],
                              _("no vehicle, but close enough without one")))

    # Wage offered against the wage they expect.
    expected, offered = profile.expected_hourly_wage, opening.hourly_wage
    if expected and offered:
        ww = w["wage"]
        values = {"offer": offered, "want": expected}
        if offered >= expected:
            parts.append(Part("wage", _("Wage"), ww["meets"], _("₪%(offer)s an hour; they expect ₪%(want)s") % values))
        elif offered >= expected * Decimal(str(ww["close_share"])):
            parts.append(Part("wage", _("Wage"), ww["close"],
                              _("₪%(offer)s an hour, a little below the ₪%(want)s they expect") % values))
        else:
            parts.append(Part("wage", _("Wage"), ww["below"],
                              _("₪%(offer)s an hour, below the ₪%(want)s they expect") % values))

    # Accessibility, where the intake recorded a disability.
    wa = w["accessibility"]
    if "disability" in context.barriers or (context.disability_percent or 0) >= wa["from_disability_percent"]:
        if opening.accessible:
            parts.append(Part("accessibility", _("Accessibility"), wa["accessible"],
                              _("the workplace is accessible")))
        else:
            parts.append(Part("accessibility", _("Accessibility"), wa["not_accessible"],
                              _("needs an accessible workplace; this one is not marked accessible")))

    # The latest skills assessment in the plan: soft, core and professional skills.
    if context.skill_levels:
        ws = w["assessment"]
        ready = [f for f, level in context.skill_levels.items() if level >= ws["ready_level"]]
        short = [f for f, level in context.skill_levels.items() if level < ws["ready_level"]]
        labels = dict(SkillField.choices)
        levels = ", ".join(f"{labels.get(f, f)} {context.skill_levels[f]:.1f}" for f in sorted(context.skill_levels))
        points = ws["ready"] * len(ready) + ws["short"] * len(short)
        parts.append(Part("assessment", _("Skills assessment"), points,
                          _("assessed %(on)s: %(levels)s (ready from %(ready)s)") % {
                              "on": context.assessed_on.strftime("%d/%m/%Y"), "levels": levels,
                              "ready": ws["ready_level"]}))

    return Match(opening=opening, participant=participant, parts=parts, weights_version=w.get("version", ""), km=km)


def _rank(matches):
    return sorted(matches, key=lambda m: (-m.score, m.participant.last_name, m.participant.first_name,
                                          m.participant.pk, m.opening.pk))


def _kept(matches, *, max_km=None, must_haves=()):
    """The matches within `max_km` (a known distance) that meet every must-have part."""
    return [m for m in matches
            if (max_km is None or (m.km is not None and m.km <= max_km)) and not m.fails(must_haves)]


def ready_profiles(center, *, status=JourneyStatus.ACTIVE):
    """Candidate profiles of the center's participants who are in active accompaniment and ready for work."""
    return (CandidateProfile.objects.filter(participant__center=center, ready_for_work=True,
                                            participant__status=status)
            .select_related("participant__city", "desired_occupation_unit"))


def with_occupation_groups(opening):
    """The opening with its unit group's minor and sub-major groups loaded (their titles explain a partial fit)."""
    if opening.occupation_unit_id:
        opening.occupation_unit = Occupation.objects.select_related("parent__parent").get(pk=opening.occupation_unit_id)
    return opening


def candidates_for(opening, *, exclude_ids=(), limit=None, center=None, status=JourneyStatus.ACTIVE, max_km=None,
                   must_haves=()):
    """Participants ready for work at the opening's center (or `center`), best match first (ties by name, then id).

    The set scored is bounded (the `ranking.max_candidates` most recently updated profiles) and read in a fixed
    number of queries whatever its size: the profiles, then the intake and assessment context of all of them.
    """
    weights = load_weights()
    opening = with_occupation_groups(opening)
    excluded = set(exclude_ids)
    profiles = [p for p in ready_profiles(center or opening.employer.center_id, status=status)
                .order_by("-updated_at", "-pk")[:weights["ranking"]["max_candidates"]]
                if p.participant_id not in excluded]
    contexts = contexts_for([p.participant_id for p in profiles]) if profiles else {}
    matches = [score(opening, p, weights, contexts.get(p.participant_id, NO_CONTEXT)) for p in profiles]
    ranked = _rank(_kept(matches, max_km=max_km, must_haves=must_haves))
    return ranked[:limit] if limit else ranked


def openings_for(profile, *, limit=None, center=None, status=None, max_km=None, must_haves=()):
    """Positions (open ones unless `status` says) at the participant's center (or `center`), best match first."""
    weights = load_weights()
    openings = (JobOpening.objects.filter(employer__center=center or profile.participant.center_id,
                                          status=status or JobOpening.Status.OPEN)
                .select_related("employer", "city", "occupation_unit__parent__parent"))
    context = contexts_for([profile.participant_id]).get(profile.participant_id, NO_CONTEXT)
    matches = [score(opening, profile, weights, context) for opening in openings]
    ranked = _rank(_kept(matches, max_km=max_km, must_haves=must_haves))
    return ranked[:limit] if limit else ranked
