"""Deterministic, explainable matching between job openings and participants ready for work.

A score is the plain sum of named parts; each part carries its points and the reason in words, so the
page can show exactly why a person ranks where they do. The points live in `data/matching_weights.json`
(versioned data a center may change), never in this code.
"""

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from hizdamnut.participants.models import JourneyStatus, Language

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

    @property
    def score(self):
        return sum(part.points for part in self.parts)

    @property
    def reasons_for(self):
        return [part for part in self.parts if part.is_for]

    @property
    def reasons_against(self):
        return [part for part in self.parts if part.is_against]

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


def score(opening, profile, weights=None):
    """The match of one participant (through their candidate profile) with one opening, part by part."""
    w = weights or load_weights()
    participant = profile.participant
    parts = []

    # Occupation: the participant's stated wishes come first (seed: an optimal placement fits their desire).
    if opening.occupation.strip().casefold() in _norm(profile.desired_occupations):
        parts.append(Part("occupation", _("Occupation"), w["occupation"]["desired"],
                          _("%(occ)s is among the occupations they want") % {"occ": opening.occupation}))
    else:
        parts.append(Part("occupation", _("Occupation"), w["occupation"]["not_desired"],
                          _("%(occ)s is not among the occupations they named") % {"occ": opening.occupation}))

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
    missing_languages = [code for code in opening.languages_required or [] if code not in (participant.languages or [])]
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

    # Shift pattern against constraints such as childcare.
    shift_label = Shift(opening.shift).label
    if profile.childcare_constraint and opening.shift in CHILDCARE_HARD_SHIFTS:
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

    return Match(opening=opening, participant=participant, parts=parts, weights_version=w.get("version", ""))


def _rank(matches):
    return sorted(matches, key=lambda m: (-m.score, m.participant.last_name, m.participant.first_name,
                                          m.participant.pk, m.opening.pk))


def ready_profiles(center):
    """Candidate profiles of the center's participants who are in active accompaniment and ready for work."""
    return (CandidateProfile.objects.filter(participant__center=center, ready_for_work=True,
                                            participant__status=JourneyStatus.ACTIVE)
            .select_related("participant__city"))


def candidates_for(opening, *, exclude_ids=(), limit=None):
    """Participants ready for work at the opening's center, best match first (ties by name, then id)."""
    matches = [score(opening, profile) for profile in ready_profiles(opening.employer.center)
               if profile.participant_id not in set(exclude_ids)]
    ranked = _rank(matches)
    return ranked[:limit] if limit else ranked


def openings_for(profile, *, limit=None):
    """Open positions at the participant's center, best match first."""
    openings = (JobOpening.objects.filter(employer__center=profile.participant.center_id, status=JobOpening.Status.OPEN)
                .select_related("employer", "city"))
    ranked = _rank([score(opening, profile) for opening in openings])
    return ranked[:limit] if limit else ranked
