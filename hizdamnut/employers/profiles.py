"""The candidate profile kept current from what the journey already knows, so nothing is typed twice.

A routing decision that makes the person ready for work opens their profile, prefilled from the intake meeting
(education, licences, languages, work experience); each skills assessment updates the profile's skills. Intake
and plans come before employers in the layer order, so they announce these events with signals
(intake.signals.participant_routed, plans.signals.skills_assessed) that `EmployersConfig.ready` connects here.
"""

import re

from django.conf import settings
from django.db import transaction
from django.utils import translation

from hizdamnut.intake.models import IntakeMeeting
from hizdamnut.plans.models import Level, Skill

from . import qualifications
from .models import CandidateProfile

_HEBREW_NUMBERS = {"שנה": 1, "שנתיים": 2, "שלוש": 3, "שלושה": 3, "ארבע": 4, "ארבעה": 4, "חמש": 5, "חמישה": 5,
                   "שש": 6, "שישה": 6, "שבע": 7, "שבעה": 7, "שמונה": 8, "תשע": 9, "תשעה": 9, "עשר": 10, "עשרה": 10}
_NO_EXPERIENCE = ("ללא ניסיון", "אין ניסיון", "לא עבד", "לא עבדה", "no experience")
_LICENCE_WORDS = re.compile(r"\b(?:רישיון|רשיון|רישיונות|נהיגה|licen[cs]e|driving)\b", re.IGNORECASE)
# A skill rated at least this (enough for work with support) counts as a skill the candidate has.
SKILL_HELD_FROM = Level.WORKING


def education_from_text(text):
    """The education level a free-text answer describes, or None when it does not say (data/education_levels.json)."""
    return qualifications.education_from_text(text or "")


def experience_years_from_text(text):
    """The years of work experience a work history states ("שלוש שנים", "5 years"), or None when it does not say."""
    text = (text or "").lower()
    if any(phrase in text for phrase in _NO_EXPERIENCE):
        return 0
    found = re.search(r"(\d{1,2})\s*(?:שנ|year)", text)
    if found:
        return int(found.group(1))
    words = re.findall(r"[\u05d0-\u05ea]+", text)
    for index, word in enumerate(words):
        if word in ("שנה", "שנתיים"):
            return _HEBREW_NUMBERS[word]
        if word in _HEBREW_NUMBERS and index + 1 < len(words) and words[index + 1].startswith("שנ"):
            return _HEBREW_NUMBERS[word]
    return None


def licences_from_text(text):
    """The licences an intake answer lists, as matching names them ("רישיון נהיגה B" → "B", "רישיון מלגזה" →
    "מלגזה")."""
    licences = []
    for part in re.split(r"[,;/\n]|\sו(?=רישיון|רשיון)", text or ""):
        name = " ".join(_LICENCE_WORDS.sub(" ", part).split())
        if not name and re.search("נהיגה|driving", part, re.IGNORECASE):
            name = "B"
        if name and name not in licences:
            licences.append(name)
    return licences


def prefill_from_intake(intake):
    """The profile fields an intake meeting answers (only those it does answer)."""
    fields = {}
    if (level := education_from_text(intake.education)) is not None:
        fields["education_level"] = level
    if (years := experience_years_from_text(intake.work_history)) is not None:
        fields["experience_years"] = years
    if licences := licences_from_text(intake.licences):
        fields["licences"] = licences
    return fields


def initial_from_intake(participant):
    """The profile form's starting values from the participant's latest intake meeting (empty without one)."""
    latest = IntakeMeeting.objects.filter(participant=participant).order_by("-held_on", "-pk").first()
    return prefill_from_intake(latest) if latest is not None else {}


@transaction.atomic
def open_profile_after_routing(*, decision, actor):
    """Opens (or marks ready) the candidate profile of a participant routing made ready for work, prefilled from
    the intake meeting; what a worker already wrote in an existing profile is kept. The intake's languages join
    the participant's."""
    participant = decision.participant
    profile = CandidateProfile.objects.filter(participant=participant).first()
    intake = decision.intake
    known = prefill_from_intake(intake) if intake is not None else {}
    if profile is None:
        profile = CandidateProfile(participant=participant, **known)
    else:
        defaults = {field.name: field.get_default() for field in CandidateProfile._meta.concrete_fields}
        for name, value in known.items():
            if getattr(profile, name) == defaults.get(name):
                setattr(profile, name, value)
    profile.ready_for_work = True
    profile.full_clean()
    profile.save()
    languages = list(participant.languages or [])
    new = [code for code in (intake.languages if intake is not None else []) or [] if code not in languages]
    if new:
        # The intake service checked the codes; the rest of the participant's record is not touched here.
        participant.languages = languages + new
        participant.save(update_fields=["languages", "updated_at"])
    return profile


@transaction.atomic
def update_skills_from_assessment(*, participant, levels):
    """Keeps the profile's skills current with the latest assessment: a skill rated at least "enough for work with
    support" is listed, one rated below is removed; other skills a worker typed stay. No profile, no change."""
    profile = CandidateProfile.objects.filter(participant=participant).first()
    if profile is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        names = {code: str(Skill(code).label) for code in levels}
    skills = [name for name in profile.skills or []
              if name not in {names[code] for code, level in levels.items() if level < SKILL_HELD_FROM}]
    skills += [names[code] for code, level in levels.items() if level >= SKILL_HELD_FROM and names[code] not in skills]
    if skills != list(profile.skills or []):
        profile.skills = skills
        profile.save(update_fields=["skills", "updated_at"])
    return profile


def on_participant_routed(sender, *, decision, job_ready, actor, **kwargs):
    if job_ready:
        open_profile_after_routing(decision=decision, actor=actor)


def on_skills_assessed(sender, *, assessment, levels, actor, **kwargs):
    update_skills_from_assessment(participant=assessment.participant, levels=levels)
