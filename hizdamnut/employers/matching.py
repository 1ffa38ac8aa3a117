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
from django.utils.translation import gettext

from hizdamnut.intake.models import IntakeMeeting
from hizdamnut.occupations.models import Occupation
from hizdamnut.occupations.normalize import title_key
from hizdamnut.participants.models import JourneyStatus, Language, Participant
from hizdamnut.plans.models import SKILL_FIELDS, SkillAssessment, SkillField, SkillScore

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


@functools.lru_cache(maxsize=8192)
def _translated(language, message):
    """gettext of `message`, remembered per language: ranking thousands of candidates asks for the same few
    dozen sentences, and each gettext call costs more than the scoring itself."""
    return gettext(message)


def _translator(language=None):
    """A `_` for one ranking: the active language read once, every message translated once per process."""
    language = language or translation.get_language()
    return functools.partial(_translated, language)


@functools.lru_cache(maxsize=8192)
def _key(title):
    return title_key(title)


@functools.lru_cache(maxsize=64)
def _labels(language, choices_class):
    return {value: str(label) for value, label in choices_class.choices}


def _norm(values):
    return {str(v).strip().casefold() for v in values or [] if str(v).strip()}


def _language_names(codes, language):
    labels = _labels(language, Language)
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
    """The Context of each participant (a list of ids): three plain queries, a few rows per participant.

    The latest intake meeting gives barriers, disability and languages; the latest skills assessment gives the mean
    level in each field (soft, core, professional). Plain ordered reads picked over in Python cost less here than
    "latest per participant" subqueries.
    """
    found = {}
    intakes = (IntakeMeeting.objects.filter(participant_id__in=participants)
               .order_by("participant_id", "-held_on", "-pk")
               .values_list("participant_id", "barriers", "disability_percent", "languages"))
    for participant_id, barriers, disability, languages in intakes:
        if participant_id not in found:
            found[participant_id] = {"barriers": frozenset(barriers or ()), "disability_percent": disability,
                                     "intake_languages": tuple(languages or ())}
    latest = {}
    assessments = (SkillAssessment.objects.filter(participant_id__in=participants)
                   .order_by("participant_id", "-assessed_on", "-pk")
                   .values_list("participant_id", "pk", "assessed_on"))
    for participant_id, assessment_id, assessed_on in assessments:
        latest.setdefault(participant_id, (assessment_id, assessed_on))
    owner = {assessment_id: participant_id for participant_id, (assessment_id, _on) in latest.items()}
    levels = {}
    for assessment_id, skill, level in SkillScore.objects.filter(assessment_id__in=list(owner)).values_list(
            "assessment_id", "skill", "level"):
        skill_field = SKILL_FIELDS.get(skill)
        if skill_field:
            levels.setdefault(owner[assessment_id], {}).setdefault(str(skill_field), []).append(level)
    for participant_id, by_field in levels.items():
        context = found.setdefault(participant_id, {})
        context["assessed_on"] = latest[participant_id][1]
        context["skill_levels"] = {f: sum(values) / len(values) for f, values in by_field.items()}
    return {participant_id: Context(**fields) for participant_id, fields in found.items()}


def _title(occupation, language):
    return occupation.title_en if language == "en" else occupation.title_he


def _occupation_part(opening, profile, w, _, language):
    """Full points for the same unit group, less for the same minor group, less again for the same sub-major group;
    typed words that name the same occupation also count as the same."""
    wo = w["occupation"]
    unit, wanted = opening.occupation_unit, profile.desired_occupation_unit
    best = None
    if unit is not None and wanted is not None:
        if unit.code == wanted.code:
            best = (wo["unit"], _("wants to work as %(occ)s, the same occupation") % {"occ": _title(unit, language)})
        elif unit.code[:3] == wanted.code[:3]:
            best = (wo["minor"], _("wants %(want)s: the same minor group as %(occ)s (%(group)s)") % {
                "want": _title(wanted, language), "occ": _title(unit, language),
                "group": _title(unit.parent, language)})
        elif unit.code[:2] == wanted.code[:2]:
            best = (wo["sub_major"], _("wants %(want)s: the same sub-major group as %(occ)s (%(group)s)") % {
                "want": _title(wanted, language), "occ": _title(unit, language),
                "group": _title(unit.parent.parent, language)})
    typed = _key(opening.occupation)
    if typed and typed in {_key(str(t)) for t in profile.desired_occupations or []}:
        if best is None or best[0] < wo["desired"]:
            best = (wo["desired"], _("%(occ)s is among the occupations they want") % {"occ": opening.occupation})
    if best is None:
        if wanted is not None and unit is not None:
            reason = _("wants %(want)s, a different occupation group from %(occ)s") % {
                "want": _title(wanted, language), "occ": _title(unit, language)}
        else:
            reason = _("%(occ)s is not among the occupations they named") % {"occ": opening.occupation}
        best = (wo["not_desired"], reason)
    return Part("occupation", _("Occupation"), best[0], best[1])


def score(opening, profile, weights=None, context=None, language=None):
    """The match of one participant (through their candidate profile) with one opening, part by part.

    `context` is what intake and the plan know (see `contexts_for`); without it, it is read for this participant.
    `language` is the active one, when the caller already knows it (ranking many at once).
    """
    language = language or translation.get_language()
    _ = _translator(language)
    w = weights or load_weights()
    participant = profile.participant
    if context is None:
        context = contexts_for([participant.pk]).get(participant.pk, NO_CONTEXT)
    parts = []

    # Occupation: the participant's stated wishes come first (seed: an optimal placement fits their desire).
    parts.append(_occupation_part(opening, profile, w, _, language))

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
    need_level, have_level = opening.education_required, profile.education_level
    levels = _labels(language, EducationLevel)
    if have_level >= need_level:
        parts.append(Part("education", _("Education"), w["education"]["meets"],
                          _("%(have)s meets %(need)s") % {"have": levels[have_level], "need": levels[need_level]}))
    else:
        flexed = opening.flexes(Threshold.EDUCATION)
        reason = _("%(have)s, below %(need)s") % {"have": levels[have_level], "need": levels[need_level]}
        if flexed:
            reason += " " + _("(the employer agreed to flex)")
        parts.append(Part("education", _("Education"), w["education"]["flexed" if flexed else "short"], reason))

    # Languages.
    spoken = participant.languages or context.intake_languages
    missing_languages = [code for code in opening.languages_required or [] if code not in (spoken or [])]
    if not missing_languages:
        reason = (_("speaks %(langs)s") % {"langs": _language_names(opening.languages_required, language)}
                  if opening.languages_required else _("no language required"))
        parts.append(Part("languages", _("Languages"), w["languages"]["meets"], reason))
    else:
        flexed = opening.flexes(Threshold.LANGUAGES)
        reason = _("does not speak %(langs)s") % {"langs": _language_names(missing_languages, language)}
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
    shift_label = _labels(language, Shift)[opening.shift]
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
        labels = _labels(language, SkillField)
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


class RankedPerson:
    """A participant as one ranking reads them: the few fields scoring and the list use, from one row rather than
    the whole record. Equal to (and hashed like) the Participant of the same id; `with_participants` swaps in the
    full records for the rows actually shown."""

    __slots__ = ("pk", "first_name", "last_name", "center_id", "languages", "city")

    def __init__(self, pk, first_name, last_name, center_id, languages, city):
        self.pk, self.first_name, self.last_name, self.center_id = pk, first_name, last_name, center_id
        self.languages, self.city = languages, city

    @property
    def id(self):
        return self.pk

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def __str__(self):
        return self.full_name

    def __eq__(self, other):
        return isinstance(other, (RankedPerson, Participant)) and other.pk == self.pk

    def __hash__(self):
        return hash(self.pk)


class RankedProfile:
    """A candidate profile as one ranking reads it (see RankedPerson)."""

    FIELDS = ("desired_occupations", "skills", "education_level", "experience_years", "licences",
              "preferred_hours_per_week", "available_shifts", "childcare_constraint", "max_commute_km", "has_vehicle",
              "expected_hourly_wage")
    __slots__ = ("participant", "participant_id", "desired_occupation_unit", *FIELDS)

    def __init__(self, participant, desired_occupation_unit, values):
        self.participant, self.participant_id = participant, participant.pk
        self.desired_occupation_unit = desired_occupation_unit
        for name, value in zip(self.FIELDS, values, strict=True):
            setattr(self, name, value)


@dataclass(frozen=True)
class RankedOccupation:
    code: str
    title_he: str
    title_en: str


def _ranked_profiles(center, status, bound):
    """The bounded set one ranking scores: the `bound` most recently updated ready profiles, as rows (one query)."""
    person = ("participant_id", "participant__first_name", "participant__last_name", "participant__center_id",
              "participant__languages", "participant__city__name_he")
    unit = ("desired_occupation_unit__code", "desired_occupation_unit__title_he", "desired_occupation_unit__title_en")
    rows = (CandidateProfile.objects.filter(participant__center=center, ready_for_work=True, participant__status=status)
            .order_by("-updated_at", "-pk").values_list(*person, *unit, *RankedProfile.FIELDS)[:bound])
    units = {}
    profiles = []
    for row in rows:
        code = row[6]
        if code and code not in units:
            units[code] = RankedOccupation(*row[6:9])
        profiles.append(RankedProfile(RankedPerson(*row[:6]), units.get(code), row[9:]))
    return profiles


def with_participants(matches):
    """The matches with the full Participant records in place of the ranking's rows (one query, for those shown)."""
    matches = list(matches)
    records = Participant.objects.select_related("city").in_bulk([m.participant.pk for m in matches])
    for match in matches:
        match.participant = records.get(match.participant.pk, match.participant)
    return matches


def with_occupation_groups(opening):
    """The opening with its unit group's minor and sub-major groups loaded (their titles explain a partial fit)."""
    if opening.occupation_unit_id:
        opening.occupation_unit = Occupation.objects.select_related("parent__parent").get(pk=opening.occupation_unit_id)
    return opening


def candidates_for(opening, *, exclude_ids=(), limit=None, center=None, status=JourneyStatus.ACTIVE, max_km=None,
                   must_haves=()):
    """Participants ready for work at the opening's center (or `center`), best match first (ties by name, then id).

    The set scored is bounded (the `ranking.max_candidates` most recently updated profiles) and read in a fixed
    number of queries whatever its size: the profiles as rows, then the intake and assessment context of all of
    them. Each match carries a RankedPerson; with `limit`, the full Participant records (one more query) — else
    call `with_participants` on the rows shown.
    """
    weights = load_weights()
    opening = with_occupation_groups(opening)
    excluded = set(exclude_ids)
    profiles = [p for p in _ranked_profiles(getattr(center, "pk", center) or opening.employer.center_id, status,
                                            weights["ranking"]["max_candidates"])
                if p.participant_id not in excluded]
    contexts = contexts_for([p.participant_id for p in profiles]) if profiles else {}
    language = translation.get_language()
    matches = [score(opening, p, weights, contexts.get(p.participant_id, NO_CONTEXT), language) for p in profiles]
    ranked = _rank(_kept(matches, max_km=max_km, must_haves=must_haves))
    return with_participants(ranked[:limit]) if limit else ranked


def openings_for(profile, *, limit=None, center=None, status=None, max_km=None, must_haves=()):
    """Positions (open ones unless `status` says) at the participant's center (or `center`), best match first."""
    weights = load_weights()
    openings = (JobOpening.objects.filter(employer__center=center or profile.participant.center_id,
                                          status=status or JobOpening.Status.OPEN)
                .select_related("employer", "city", "occupation_unit__parent__parent"))
    context = contexts_for([profile.participant_id]).get(profile.participant_id, NO_CONTEXT)
    language = translation.get_language()
    matches = [score(opening, profile, weights, context, language) for opening in openings]
    ranked = _rank(_kept(matches, max_km=max_km, must_haves=must_haves))
    return ranked[:limit] if limit else ranked
