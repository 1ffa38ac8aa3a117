"""The ranking's fast path (rows, shared parts) ranks and explains exactly as scoring each participant alone."""

import datetime
import gc
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hizdamnut.centers.models import City
from hizdamnut.employers import matching
from hizdamnut.employers.models import CandidateProfile, EducationLevel, JobOpening, Shift, Threshold
from hizdamnut.employers.tests.factories import CandidateProfileFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.occupations.models import Occupation
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import Skill, SkillAssessment, SkillScore

pytestmark = pytest.mark.django_db

CODES = [None, "5230", "5223", "5211", "8332", "8331", "8322"]
WORDS = ["קופאית", "קופאות", "cashier", "מחסנאי", "נהג משאית"]
SKILLS = ["Excel", "excel ", "שירות לקוחות", "עבודת צוות"]
LICENCES = ["B", "b", "מלגזה", "C1", "רישיון נהיגה ג", "ספנות"]
LANGUAGES = ["he", "ar", "ru", "en"]
CITIES = ["נתניה", "חיפה", "טבריה", "נצרת"]
NAMES = ["דנה", "נועה", "אחמד"]


def some(values, size=2):
    return st.lists(st.sampled_from(values), max_size=size, unique=True)


CANDIDATE = st.fixed_dictionaries({
    "code": st.sampled_from(CODES), "desired": some(WORDS), "skills": some(SKILLS, 3),
    "education": st.sampled_from(EducationLevel.values), "experience": st.integers(0, 6),
    "licences": some(LICENCES), "languages": some(LANGUAGES), "intake_languages": some(LANGUAGES),
    "hours": st.one_of(st.none(), st.integers(10, 45)), "shifts": some(Shift.values, 3), "childcare": st.booleans(),
    "city": st.sampled_from(CITIES), "commute": st.sampled_from([5, 25, 60, 200]), "vehicle": st.booleans(),
    "wage": st.sampled_from([None, "30.00", "35.50", "45.00"]),
    "intake": st.booleans(), "barriers": some(["childcare", "transport", "disability", "health"], 3),
    "disability": st.sampled_from([None, 10, 25]),
    "intake_licences": st.sampled_from(["", "רישיון נהיגה ג׳", "B ומלגזה", "רישיון ספנות"]),
    "intake_education": st.sampled_from(["", "תואר ראשון", "8 שנות לימוד", "לא סיים תיכון"]),
    "assessments": st.lists(some(Skill.values, 4), max_size=2), "level": st.integers(1, 5),
    "first_name": st.sampled_from(NAMES), "last_name": st.sampled_from(NAMES),
})
OPENING = st.fixed_dictionaries({
    "code": st.sampled_from(CODES), "occupation": st.sampled_from(WORDS), "skills": some(SKILLS),
    "licences": some(LICENCES), "languages": some(LANGUAGES), "education": st.sampled_from(EducationLevel.values),
    "experience": st.integers(0, 4), "hours": st.integers(15, 45), "shift": st.sampled_from(Shift.values),
    "wage": st.sampled_from([None, "32.00", "40.00"]), "accessible": st.booleans(), "city": st.sampled_from(CITIES),
    "flex": some(Threshold.values, 3), "vehicle": st.booleans(),
})


def unit(code):
    return Occupation.objects.get(code=code) if code else None


def build_opening(center, spec):
    return JobOpeningFactory(
        employer=EmployerFactory(center=center), occupation_unit=unit(spec["code"]), occupation=spec["occupation"],
        skills_required=spec["skills"], licences_required=spec["licences"], languages_required=spec["languages"],
        education_required=spec["education"], experience_years_required=spec["experience"],
        hours_per_week=spec["hours"], shift=spec["shift"], hourly_wage=spec["wage"], accessible=spec["accessible"],
        city=City.objects.get(name_he=spec["city"]), flexible_thresholds=spec["flex"],
        vehicle_required=spec["vehicle"])


def build_candidate(center, spec, day):
    participant = ParticipantFactory(center=center, status="active", city=City.objects.get(name_he=spec["city"]),
                                     languages=spec["languages"], first_name=spec["first_name"],
                                     last_name=spec["last_name"])
    CandidateProfileFactory(
        participant=participant, desired_occupation_unit=unit(spec["code"]), desired_occupations=spec["desired"],
        skills=spec["skills"], education_level=spec["education"], experience_years=spec["experience"],
        licences=spec["licences"], preferred_hours_per_week=spec["hours"], available_shifts=spec["shifts"],
        childcare_constraint=spec["childcare"], max_commute_km=spec["commute"], has_vehicle=spec["vehicle"],
        expected_hourly_wage=Decimal(spec["wage"]) if spec["wage"] else None)
    if spec["intake"]:
        IntakeMeetingFactory(participant=participant, barriers=spec["barriers"], languages=spec["intake_languages"],
                             disability_percent=spec["disability"], licences=spec["intake_licences"],
                             education=spec["intake_education"])
    for n, skills in enumerate(spec["assessments"]):  # the later one counts, even with no scores
        assessment = SkillAssessment.objects.create(participant=participant, assessed_on=day + datetime.timedelta(n))
        for skill in skills:
            SkillScore.objects.create(assessment=assessment, skill=skill, level=spec["level"])


def explained(match):
    return (match.participant.pk, match.score, match.km,
            [(part.code, part.label, part.points, part.reason) for part in match.parts])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opening_spec=OPENING, specs=st.lists(CANDIDATE, min_size=1, max_size=12),
       language=st.sampled_from(["he", "en"]))
def test_ranking_gives_each_participant_the_match_scoring_them_alone_gives(center, opening_spec, specs, language):
    with transaction.atomic(), translation.override(language):
        day = datetime.date(2026, 1, 5)
        opening = build_opening(center, opening_spec)
        for spec in specs:
            build_candidate(center, spec, day)
        fresh = JobOpening.objects.select_related("employer", "city").get(pk=opening.pk)
        fast = [explained(m) for m in matching.candidates_for(fresh)]

        one_by_one = []
        for profile in CandidateProfile.objects.select_related("participant__city", "desired_occupation_unit"):
            alone = JobOpening.objects.select_related("employer", "city").get(pk=opening.pk)
            one_by_one.append(matching.score(matching.with_occupation_groups(alone), profile))
        one_by_one.sort(key=lambda m: (-m.score, m.participant.last_name, m.participant.first_name, m.participant.pk))
        assert fast == [explained(m) for m in one_by_one]
        transaction.set_rollback(True)


def test_ranking_leaves_the_cycle_collector_as_it_found_it(center):
    opening = JobOpeningFactory(employer=EmployerFactory(center=center))
    CandidateProfileFactory(participant=ParticipantFactory(center=center, status="active"))
    assert gc.isenabled()
    assert len(matching.candidates_for(opening)) == 1
    assert gc.isenabled()
    gc.disable()
    try:
        matching.candidates_for(opening)
        assert not gc.isenabled()
    finally:
        gc.enable()
