"""Deterministic, explainable matching between job openings and participants ready for work.

A score is the plain sum of named parts; each part carries its points and the reason in words, so the
page can show exactly why a person ranks where they do. The points live in `data/matching_weights.json`
(versioned data a center may change), never in this code.
"""

import contextlib
import dataclasses
import functools
import gc
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext

from hizdamnut.intake.models import IntakeMeeting
from hizdamnut.occupations.models import Occupation
from hizdamnut.occupations.normalize import title_key
from hizdamnut.participants.models import JourneyStatus, Language, Participant
from hizdamnut.plans.models import SKILL_FIELDS, SkillAssessment, SkillField

from . import qualifications
from .models import CandidateProfile, EducationLevel, JobOpening, Shift, Threshold
from .profiles import licences_from_text
from .qualifications import education_from_text

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


@dataclass(frozen=True, slots=True)
class Part:
    """One named part of a score. Immutable: one ranking shares a part among every participant it fits."""

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


@dataclass(slots=True)
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


@dataclass(frozen=True, slots=True)
class Context:
    """What the intake and the plan know about one participant that matching uses."""

    barriers: frozenset = frozenset()
    disability_percent: int | None = None
    intake_languages: tuple = ()
    assessed_on: object = None
    skill_levels: dict = field(default_factory=dict)  # skill field (soft/core/professional) → mean level
    intake_licences: tuple = ()  # as the intake wrote them, one a licence
    intake_education: int | None = None  # the EducationLevel the intake's words describe


NO_CONTEXT = Context()


@functools.lru_cache(maxsize=8192)
def _json_tuple(text):
    """A JSON list read as text, as a tuple. A ranking reads list columns as text because the same few lists
    ('["he"]', '["childcare"]') recur for thousands of participants: each is decoded once, not once a row."""
    value = json.loads(text) if text else None
    return tuple(value) if isinstance(value, list) else ()


@functools.lru_cache(maxsize=1024)
def _json_set(text):
    return frozenset(_json_tuple(text))


@functools.lru_cache(maxsize=4096)
def _intake_licences(text):
    return tuple(licences_from_text(text))


def _as_text(*names):
    """Columns read as text (see `_json_tuple`)."""
    return {f"{name}_text": Cast(name, TextField()) for name in names}


class AmongIds(Func):
    """`column IN (subquery)`, written `column = ANY(ARRAY(subquery))` on PostgreSQL: the planner then reads the
    subquery's few thousand ids first and looks each row up by index, where a join (or IN) over a national table
    chose to scan every candidate profile in the country (200 ms a query at 1M participants)."""

    output_field = BooleanField()

    def __init__(self, column, queryset):
        super().__init__(F(column), Subquery(queryset.order_by().values("pk")))

    def as_sql(self, compiler, connection, **extra_context):
        column, subquery = self.source_expressions
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)
        template = "%s = ANY(ARRAY%s)" if connection.vendor == "postgresql" else "%s IN %s"
        return template % (column_sql, subquery_sql), (*column_params, *subquery_params)


def _of(participants):
    """The filter on `participant_id` for a list of ids or a Participant queryset."""
    if isinstance(participants, QuerySet):
        return AmongIds("participant_id", participants)
    return Q(participant_id__in=participants)


def contexts_for(participants):
    """The Context of each participant (ids, or a Participant queryset): two plain queries, a few rows each.

    The latest intake meeting gives barriers, disability, languages, licences and education; the latest skills
    assessment gives the mean level in each field (soft, core, professional). Plain ordered reads picked over in
    Python cost less here than "latest per participant" subqueries; a queryset (rather than thousands of ids) keeps
    the statements short.
    """
    found = {}
    intakes = (IntakeMeeting.objects.filter(_of(participants))
               .annotate(**_as_text("barriers", "languages")).order_by("participant_id", "-held_on", "-pk")
               .values_list("participant_id", "disability_percent", "barriers_text", "languages_text", "licences",
                            "education"))
    for participant_id, disability, barriers, languages, licences, education in intakes:
        if participant_id not in found:
            found[participant_id] = Context(
                _json_set(barriers), disability, _json_tuple(languages), intake_licences=_intake_licences(licences),
                intake_education=education_from_text(education))
    latest, levels = {}, {}
    scores = (SkillAssessment.objects.filter(_of(participants))
              .order_by("participant_id", "-assessed_on", "-pk")
              .values_list("participant_id", "pk", "assessed_on", "scores__skill", "scores__level"))
    for participant_id, assessment_id, assessed_on, skill, level in scores:
        if latest.setdefault(participant_id, (assessment_id, assessed_on))[0] != assessment_id:
            continue  # an earlier assessment
        skill_field = SKILL_FIELDS.get(skill)
        if skill_field:
            levels.setdefault(participant_id, {}).setdefault(str(skill_field), []).append(level)
    for participant_id, by_field in levels.items():
        found[participant_id] = dataclasses.replace(
            found.get(participant_id, NO_CONTEXT), assessed_on=latest[participant_id][1],
            skill_levels={f: sum(values) / len(values) for f, values in by_field.items()})
    return found


def _title(occupation, language):
    return occupation.title_en if language == "en" else occupation.title_he


def _city_name(city):
    return getattr(city, "name_he", city)


class Scorer:
    """Scores participants against one opening, part by part.

    Each part depends on the opening and on a few facts about the participant (the skills they list, their city and
    commute limit, the hours they want…). A scorer works a part out once for each distinct set of those facts and
    shares it among everyone who has them, so ranking thousands of participants costs a look-up per part rather than
    sentences built and translated for each person — and the explanation is the one scoring a person alone gives.
    """

    def __init__(self, opening, weights=None, language=None):
        self.opening = opening
        self.w = weights or load_weights()
        self.language = language or translation.get_language()
        self._ = _translator(self.language)
        self.version = self.w.get("version", "")
        self.city = _city_name(opening.city)
        self.memo = {}

    def _part(self, build, *facts):
        memo = self.memo.get(build)
        if memo is None:
            memo = self.memo[build] = {}
        try:
            return memo[facts]
        except KeyError:
            made = memo[facts] = build(self, *facts)
            return made

    def match(self, profile, context=NO_CONTEXT):
        """The match of one participant (their candidate profile, with `participant`) given their context."""
        part, w = self._part, self.w
        participant = profile.participant
        unit = profile.desired_occupation_unit
        childcare = profile.childcare_constraint or "childcare" in context.barriers
        limit = profile.max_commute_km
        km = part(Scorer.distance, _city_name(participant.city))
        parts = [
            # The participant's stated wishes come first (seed: an optimal placement fits their desire).
            part(Scorer.occupation, unit and unit.code, unit and _title(unit, self.language),
                 tuple(profile.desired_occupations or ())),
            part(Scorer.skills, tuple(profile.skills or ())),
            part(Scorer.experience, profile.experience_years),
            part(Scorer.education, *_education(profile, context)),
            part(Scorer.languages, tuple(participant.languages or context.intake_languages or ())),
            part(Scorer.licences, *_licences(profile, context)),
            part(Scorer.hours, profile.preferred_hours_per_week, childcare),
            part(Scorer.shift, childcare, tuple(profile.available_shifts or ())),
            part(Scorer.commute, km, limit),
        ]
        if self.opening.vehicle_required:
            parts.append(part(Scorer.vehicle, bool(profile.has_vehicle)))
        if "transport" in context.barriers or profile.has_vehicle:
            far = km is not None and km > limit * w["commute"]["near_share"]
            parts.append(part(Scorer.transport, profile.has_vehicle, far))
        if profile.expected_hourly_wage and self.opening.hourly_wage:
            parts.append(part(Scorer.wage, profile.expected_hourly_wage))
        if ("disability" in context.barriers
                or (context.disability_percent or 0) >= w["accessibility"]["from_disability_percent"]):
            parts.append(part(Scorer.accessibility))
        if context.skill_levels:
            parts.append(part(Scorer.assessment, context.assessed_on, tuple(sorted(context.skill_levels.items()))))
        return Match(opening=self.opening, participant=participant, parts=parts, weights_version=self.version, km=km)

    # ---------------------------------------------------------------- the parts, each from the facts it reads
    def distance(self, city):
        return distance_km(city, self.city)

    def _flex_note(self, threshold, reason):
        if self.opening.flexes(threshold):
            return reason + " " + self._("(the employer agreed to flex)")
        return reason

    def occupation(self, code, title, desired):
        """Full points for the same unit group, less for the same minor group, less again for the same sub-major
        group; typed words that name the same occupation also count as the same."""
        opening, wo, _, language = self.opening, self.w["occupation"], self._, self.language
        unit = opening.occupation_unit
        best = None
        if unit is not None and code is not None:
            if unit.code == code:
                best = (wo["unit"], _("wants to work as %(occ)s, the same occupation") % {
                    "occ": _title(unit, language)})
            elif unit.code[:3] == code[:3]:
                best = (wo["minor"], _("wants %(want)s: the same minor group as %(occ)s (%(group)s)") % {
                    "want": title, "occ": _title(unit, language), "group": _title(unit.parent, language)})
            elif unit.code[:2] == code[:2]:
                best = (wo["sub_major"], _("wants %(want)s: the same sub-major group as %(occ)s (%(group)s)") % {
                    "want": title, "occ": _title(unit, language), "group": _title(unit.parent.parent, language)})
        typed = _key(opening.occupation)
        if typed and typed in {_key(str(t)) for t in desired}:
            if best is None or best[0] < wo["desired"]:
                best = (wo["desired"], _("%(occ)s is among the occupations they want") % {"occ": opening.occupation})
        if best is None:
            if code is not None and unit is not None:
                reason = _("wants %(want)s, a different occupation group from %(occ)s") % {
                    "want": title, "occ": _title(unit, language)}
            else:
                reason = _("%(occ)s is not among the occupations they named") % {"occ": opening.occupation}
            best = (wo["not_desired"], reason)
        return Part("occupation", _("Occupation"), best[0], best[1])

    def skills(self, skills):
        _, ws = self._, self.w["skills"]
        required = _norm(self.opening.skills_required)
        missing = sorted(required - _norm(skills))
        if not required:
            return Part("skills", _("Skills"), ws["all"], _("no particular skills required"))
        if not missing:
            return Part("skills", _("Skills"), ws["all"], _("has every skill required"))
        per = ws["flexed_missing" if self.opening.flexes(Threshold.SKILLS) else "per_missing"]
        reason = self._flex_note(Threshold.SKILLS, _("missing: %(skills)s") % {"skills": ", ".join(missing)})
        return Part("skills", _("Skills"), per * len(missing), reason)

    def experience(self, have):
        _, we = self._, self.w["experience"]
        need = self.opening.experience_years_required
        if have >= need:
            return Part("experience", _("Experience"), we["meets"],
                        _("%(have)s years of experience (required %(need)s)") % {"have": have, "need": need})
        if self.opening.flexes(Threshold.EXPERIENCE):
            return Part("experience", _("Experience"), we["flexed"],
                        _("%(have)s of %(need)s years required; the employer agreed to flex") %
                        {"have": have, "need": need})
        return Part("experience", _("Experience"), we["short"],
                    _("%(have)s of %(need)s years required") % {"have": have, "need": need})

    def education(self, have, from_intake):
        _, we = self._, self.w["education"]
        need = self.opening.education_required
        levels = _labels(self.language, EducationLevel)
        source = " " + _("(as the intake recorded it)") if from_intake else ""
        if have >= need:
            return Part("education", _("Education"), we["meets"],
                        _("%(have)s meets %(need)s") % {"have": levels[have], "need": levels[need]} + source)
        reason = self._flex_note(Threshold.EDUCATION,
                                 _("%(have)s, below %(need)s") % {"have": levels[have], "need": levels[need]} + source)
        return Part("education", _("Education"), we["flexed" if self.opening.flexes(Threshold.EDUCATION) else "short"],
                    reason)

    def languages(self, spoken):
        _, wl, required = self._, self.w["languages"], self.opening.languages_required or []
        missing = [code for code in required if code not in spoken]
        if not missing:
            reason = (_("speaks %(langs)s") % {"langs": _language_names(required, self.language)}
                      if required else _("no language required"))
            return Part("languages", _("Languages"), wl["meets"], reason)
        reason = self._flex_note(Threshold.LANGUAGES, _("does not speak %(langs)s") % {
            "langs": _language_names(missing, self.language)})
        points = wl["flexed" if self.opening.flexes(Threshold.LANGUAGES) else "missing"]
        return Part("languages", _("Languages"), points, reason)

    def licences(self, licences, from_intake):
        """Each licence the opening requires, against those held and those they include (data/licences.json):
        C includes C1 and B; a licence the table does not know is compared by its words."""
        _, wl, required = self._, self.w["licences"], self.opening.licences_required or []
        held = qualifications.held_licences(licences)
        missing = [item for item in required if not qualifications.holds(qualifications.read_licence(item), held)]
        source = " " + _("(as the intake recorded it)") if from_intake and licences else ""
        if not missing:
            reason = (_("holds %(lic)s") % {"lic": ", ".join(required)} if required else _("no licence required"))
            return Part("licences", _("Licences"), wl["meets"], reason + source)
        reason = self._flex_note(Threshold.LICENCES, _("lacks %(lic)s") % {"lic": ", ".join(missing)} + source)
        return Part("licences", _("Licences"), wl["flexed" if self.opening.flexes(Threshold.LICENCES) else "missing"],
                    reason)

    def hours(self, wanted, childcare):
        _, wh, hours = self._, self.w["hours"], self.opening.hours_per_week
        if wanted is None or abs(hours - wanted) <= wh["tolerance_hours"]:
            reason = (_("%(h)s hours a week, close to the %(want)s they want") % {"h": hours, "want": wanted}
                      if wanted is not None else _("no preference on hours"))
            points = wh["fits"]
        else:
            reason = self._flex_note(Threshold.HOURS, _("%(h)s hours a week; they want %(want)s") % {
                "h": hours, "want": wanted})
            points = wh["flexed" if self.opening.flexes(Threshold.HOURS) else "mismatch"]
        if childcare and hours > wh["childcare_max_hours"]:
            points += wh["childcare_long"]
            reason += "; " + _("long hours for someone caring for children")
        return Part("hours", _("Hours"), points, reason)

    def shift(self, childcare, available):
        """Evening, night and rotating shifts clash with childcare; otherwise the shifts they can work."""
        _, ws, shift = self._, self.w["shift"], self.opening.shift
        label = _labels(self.language, Shift)[shift]
        if childcare and shift in CHILDCARE_HARD_SHIFTS:
            return Part("shift", _("Shifts"), ws["childcare_conflict"],
                        _("%(shift)s clash with childcare") % {"shift": label})
        if available and shift != Shift.FLEXIBLE and shift not in available:
            return Part("shift", _("Shifts"), ws["not_available"], _("not available for %(shift)s") % {"shift": label})
        return Part("shift", _("Shifts"), ws["fits"], _("%(shift)s suit them") % {"shift": label})

    def commute(self, km, limit):
        _, wc = self._, self.w["commute"]
        if km is None:
            return Part("commute", _("Commute"), 0, _("distance unknown"))
        values = {"km": round(km), "limit": limit}
        if km <= limit * wc["near_share"]:
            return Part("commute", _("Commute"), wc["near"], _("%(km)s km from home (limit %(limit)s)") % values)
        if km <= limit:
            return Part("commute", _("Commute"), wc["within"], _("%(km)s km from home (limit %(limit)s)") % values)
        return Part("commute", _("Commute"), wc["too_far"],
                    _("%(km)s km from home, beyond their %(limit)s km") % values)

    def vehicle(self, has_vehicle):
        """Asked only of an opening that requires a vehicle of one's own."""
        _, wv = self._, self.w["vehicle"]
        if has_vehicle:
            return Part("vehicle", _("Vehicle"), wv["has"], _("the job requires a vehicle; they have one"))
        return Part("vehicle", _("Vehicle"), wv["missing"],
                    _("the job requires a vehicle of one's own; they have none"))

    def transport(self, has_vehicle, far):
        """Getting there without a car, where the intake recorded transport as a barrier."""
        _, wt = self._, self.w["transport"]
        if has_vehicle:
            return Part("transport", _("Transport"), wt["has_vehicle"], _("has a vehicle of their own"))
        if far:
            return Part("transport", _("Transport"), wt["far_without_vehicle"],
                        _("no vehicle, and transport is a barrier at this distance"))
        return Part("transport", _("Transport"), wt["near_without_vehicle"],
                    _("no vehicle, but close enough without one"))

    def wage(self, expected):
        _, ww, offered = self._, self.w["wage"], self.opening.hourly_wage
        values = {"offer": offered, "want": expected}
        if offered >= expected:
            return Part("wage", _("Wage"), ww["meets"], _("₪%(offer)s an hour; they expect ₪%(want)s") % values)
        if offered >= expected * Decimal(str(ww["close_share"])):
            return Part("wage", _("Wage"), ww["close"],
                        _("₪%(offer)s an hour, a little below the ₪%(want)s they expect") % values)
        return Part("wage", _("Wage"), ww["below"], _("₪%(offer)s an hour, below the ₪%(want)s they expect") % values)

    def accessibility(self):
        """Asked only where the intake recorded a disability."""
        _, wa = self._, self.w["accessibility"]
        if self.opening.accessible:
            return Part("accessibility", _("Accessibility"), wa["accessible"], _("the workplace is accessible"))
        return Part("accessibility", _("Accessibility"), wa["not_accessible"],
                    _("needs an accessible workplace; this one is not marked accessible"))

    def assessment(self, assessed_on, skill_levels):
        """The latest skills assessment in the plan: soft, core and professional skills."""
        _, ws = self._, self.w["assessment"]
        ready = [f for f, level in skill_levels if level >= ws["ready_level"]]
        short = [f for f, level in skill_levels if level < ws["ready_level"]]
        labels = _labels(self.language, SkillField)
        levels = ", ".join(f"{labels.get(f, f)} {level:.1f}" for f, level in skill_levels)
        return Part("assessment", _("Skills assessment"), ws["ready"] * len(ready) + ws["short"] * len(short),
                    _("assessed %(on)s: %(levels)s (ready from %(ready)s)") % {
                        "on": assessed_on.strftime("%d/%m/%Y"), "levels": levels, "ready": ws["ready_level"]})


EDUCATION_NOT_STATED = CandidateProfile._meta.get_field("education_level").default


def _education(profile, context):
    """The profile's education level, or the intake's where the profile still holds the default (the same rule that
    prefills a profile from the intake): (level, whether it came from the intake)."""
    level = profile.education_level
    if level == EDUCATION_NOT_STATED and context.intake_education not in (None, level):
        return context.intake_education, True
    return level, False


def _licences(profile, context):
    """The profile's licences, or those the intake wrote when the profile lists none: (licences, from the intake)."""
    if profile.licences:
        return tuple(profile.licences), False
    return context.intake_licences, bool(context.intake_licences)


def score(opening, profile, weights=None, context=None, language=None):
    """The match of one participant (through their candidate profile) with one opening, part by part.

    `context` is what intake and the plan know (see `contexts_for`); without it, it is read for this participant.
    To score many participants against one opening, use one `Scorer`.
    """
    if context is None:
        context = contexts_for([profile.participant_id]).get(profile.participant_id, NO_CONTEXT)
    return Scorer(opening, weights, language).match(profile, context)


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


class RankedProfile(NamedTuple):
    """A candidate profile as one ranking reads it (see RankedPerson): the fields scoring reads, lists as tuples."""

    participant: RankedPerson
    desired_occupation_unit: object
    desired_occupations: tuple
    skills: tuple
    education_level: int
    experience_years: int
    licences: tuple
    preferred_hours_per_week: int | None
    available_shifts: tuple
    childcare_constraint: bool
    max_commute_km: int
    has_vehicle: bool
    expected_hourly_wage: Decimal | None

    @property
    def participant_id(self):
        return self.participant.pk


@dataclass(frozen=True)
class RankedOccupation:
    code: str
    title_he: str
    title_en: str


def _in_center(center, status):
    """The participants of one center in one journey status (read by the center's index alone, see AmongIds)."""
    return Participant.objects.filter(center=center, status=status)


def _ranked_profiles(center, status, bound):
    """The bounded set one ranking scores: the `bound` most recently updated ready profiles, as rows (one query)."""
    lists = ("desired_occupations", "skills", "licences", "available_shifts")
    rows = (CandidateProfile.objects.filter(AmongIds("participant_id", _in_center(center, status)), ready_for_work=True)
            .annotate(languages_text=Cast("participant__languages", TextField()), **_as_text(*lists))
            .order_by("-updated_at", "-pk").values_list(
                "participant_id", "participant__first_name", "participant__last_name", "participant__center_id",
                "languages_text", "participant__city__name_he", "desired_occupation_unit__code",
                "desired_occupation_unit__title_he", "desired_occupation_unit__title_en", "desired_occupations_text",
                "skills_text", "education_level", "experience_years", "licences_text", "preferred_hours_per_week",
                "available_shifts_text", "childcare_constraint", "max_commute_km", "has_vehicle",
                "expected_hourly_wage")[:bound])
    units = {}
    profiles = []
    for (pk, first_name, last_name, center_id, languages, city, code, title_he, title_en, desired, skills, education,
         experience, licences, hours, shifts, childcare, commute, vehicle, wage) in rows:
        if code and code not in units:
            units[code] = RankedOccupation(code, title_he, title_en)
        person = RankedPerson(pk, first_name, last_name, center_id, _json_tuple(languages), city)
        profiles.append(RankedProfile(person, units.get(code), _json_tuple(desired), _json_tuple(skills), education,
                                      experience, _json_tuple(licences), hours, _json_tuple(shifts), childcare,
                                      commute, vehicle, wage))
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
    them; one Scorer works each part out once per distinct set of facts. Each match carries a RankedPerson; with
    `limit`, the full Participant records (one more query) — else call `with_participants` on the rows shown.
    """
    weights = load_weights()
    opening = with_occupation_groups(opening)
    center = getattr(center, "pk", center) or opening.employer.center_id
    excluded = set(exclude_ids)
    with _no_cycle_collection():
        profiles = [p for p in _ranked_profiles(center, status, weights["ranking"]["max_candidates"])
                    if p.participant_id not in excluded]
        contexts = contexts_for(_in_center(center, status)) if profiles else {}
        scorer = Scorer(opening, weights)
        matches = [scorer.match(p, contexts.get(p.participant_id, NO_CONTEXT)) for p in profiles]
        ranked = _rank(_kept(matches, max_km=max_km, must_haves=must_haves))
    return with_participants(ranked[:limit]) if limit else ranked


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while one ranking builds its rows. A ranking of thousands allocates tens of
    thousands of objects, none in a reference cycle, and that many would set off a collection of the whole heap
    about one ranking in three (50–90 ms). Reference counting still frees everything as usual."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def openings_for(profile, *, limit=None, center=None, status=None, max_km=None, must_haves=()):
    """Positions (open ones unless `status` says) at the participant's center (or `center`), best match first."""
    weights = load_weights()
    openings = (JobOpening.objects.filter(employer__center=center or profile.participant.center_id,
                                          status=status or JobOpening.Status.OPEN)
                .select_related("employer", "city", "occupation_unit__parent__parent"))
    context = contexts_for([profile.participant_id]).get(profile.participant_id, NO_CONTEXT)
    language = translation.get_language()
    matches = [Scorer(opening, weights, language).match(profile, context) for opening in openings]
    ranked = _rank(_kept(matches, max_km=max_km, must_haves=must_haves))
    return ranked[:limit] if limit else ranked
