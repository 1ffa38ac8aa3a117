"""Matching on the ISCO-08 hierarchy, and the parts that intake and the plan feed."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from hizdamnut.centers.models import City
from hizdamnut.employers import matching, services
from hizdamnut.employers.models import CandidateProfile, JobOpening
from hizdamnut.employers.tests.factories import CandidateProfileFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.occupations.models import Occupation
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import SkillAssessment, SkillScore

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def unit(code):
    return Occupation.objects.get(code=code)


def opening_for(center, code, **fields):
    fields.setdefault("occupation", "נהג משאית")
    return matching.with_occupation_groups(JobOpeningFactory(
        employer=EmployerFactory(center=center), occupation_unit=unit(code) if code else None, **fields))


def profile(center, code=None, desired=("something else",), city="נתניה", **fields):
    participant = ParticipantFactory(center=center, status="active", city=City.objects.get(name_he=city),
                                     languages=["he"])
    return CandidateProfileFactory(participant=participant, desired_occupations=list(desired),
                                   desired_occupation_unit=unit(code) if code else None, **fields)


def occupation_part(match):
    return next(p for p in match.parts if p.code == "occupation")


@pytest.mark.parametrize(("wanted", "points", "words"), [
    ("8332", 25, "the same occupation"),  # heavy truck driver for a heavy truck driver
    ("8331", 15, "the same minor group"),  # bus driver: minor group 833, heavy truck and bus drivers
    ("8322", 8, "the same sub-major group"),  # car driver: sub-major group 83, drivers and mobile plant operators
    ("5230", 0, "a different occupation group"),  # cashier
])
def test_occupation_points_follow_the_isco_hierarchy(center, wanted, points, words):
    match = matching.score(opening_for(center, "8332"), profile(center, wanted))
    part = occupation_part(match)
    assert part.points == points
    assert words in part.reason


def test_a_partial_fit_names_the_group_it_shares(center):
    part = occupation_part(matching.score(opening_for(center, "8332"), profile(center, "8331")))
    assert unit("833").title_en in part.reason


def test_the_reason_is_in_hebrew_for_a_hebrew_user(center):
    with translation.override("he"):
        part = occupation_part(matching.score(opening_for(center, "8332"), profile(center, "8331")))
    assert unit("833").title_he in part.reason
    assert "minor group" not in part.reason


def test_words_that_name_the_same_occupation_match_without_codes(center):
    # "קופאות" (plural) against "קופאית" (feminine) used to score 0: the normalised keys agree.
    opening = opening_for(center, None, occupation="קופאות")
    part = occupation_part(matching.score(opening, profile(center, desired=["קופאית"])))
    assert part.points == 25


def test_without_codes_or_matching_words_the_occupation_earns_nothing(center):
    part = occupation_part(matching.score(opening_for(center, None, occupation="טבח"), profile(center)))
    assert part.points == 0 and "not among" in part.reason


def test_contrasting_candidates_rank_the_fitting_one_first(center):
    opening = opening_for(center, "5230", occupation="קופאית", hourly_wage=Decimal("40"), hours_per_week=30)
    fits = profile(center, "5230", desired=["קופאית"], expected_hourly_wage=Decimal("38"),
                   preferred_hours_per_week=30)
    same_group = profile(center, "5223", desired=["מוכרת"])
    elsewhere = profile(center, "8332", desired=["נהג משאית"], city="באר שבע", expected_hourly_wage=Decimal("60"),
                        childcare_constraint=True)
    ranked = matching.candidates_for(opening)
    assert [m.participant for m in ranked] == [fits.participant, same_group.participant, elsewhere.participant]
    assert ranked[0].main_reasons[0].code == "occupation"
    assert {p.code for p in ranked[2].reasons_against} >= {"commute", "wage"}


def test_wage_below_the_expectation_counts_against(center):
    opening = opening_for(center, "5230", hourly_wage=Decimal("35"))
    parts = {p.code: p.points for p in matching.score(opening, profile(
        center, "5230", expected_hourly_wage=Decimal("45"))).parts}
    assert parts["wage"] == -10
    close = {p.code: p.points for p in matching.score(opening, profile(
        center, "5230", expected_hourly_wage=Decimal("37"))).parts}
    assert close["wage"] == 2


def test_parts_without_data_are_left_out(center):
    codes = {p.code for p in matching.score(opening_for(center, "5230"), profile(center, "5230")).parts}
    assert not codes & {"wage", "accessibility", "assessment", "transport"}


def test_a_disability_recorded_at_intake_asks_for_an_accessible_workplace(center):
    candidate = profile(center, "5230")
    IntakeMeetingFactory(participant=candidate.participant, barriers=["disability"])
    not_accessible = matching.score(opening_for(center, "5230", accessible=False), candidate)
    accessible = matching.score(opening_for(center, "5230", accessible=True), candidate)
    assert {p.code: p.points for p in not_accessible.parts}["accessibility"] == -15
    assert {p.code: p.points for p in accessible.parts}["accessibility"] == 10


def test_childcare_recorded_at_intake_counts_against_night_shifts(center):
    candidate = profile(center, "5230")
    IntakeMeetingFactory(participant=candidate.participant, barriers=["childcare"])
    match = matching.score(opening_for(center, "5230", shift="night"), candidate)
    assert {p.code: p.points for p in match.parts}["shift"] == -20


def test_transport_barrier_without_a_vehicle_counts_against_a_far_opening(center):
    far = profile(center, "5230", city="כפר סבא", max_commute_km=25)
    IntakeMeetingFactory(participant=far.participant, barriers=["transport"])
    parts = {p.code: p.points for p in matching.score(opening_for(center, "5230"), far).parts}
    assert parts["transport"] == -10
    far.has_vehicle = True
    assert {p.code: p.points for p in matching.score(opening_for(center, "5230"), far).parts}["transport"] == 5


def test_the_latest_skills_assessment_counts_by_field(center):
    candidate = profile(center, "5230")
    old = SkillAssessment.objects.create(participant=candidate.participant,
                                         assessed_on=datetime.date.today() - datetime.timedelta(days=90))
    SkillScore.objects.create(assessment=old, skill="teamwork", level=1)
    latest = SkillAssessment.objects.create(participant=candidate.participant, assessed_on=datetime.date.today())
    SkillScore.objects.create(assessment=latest, skill="teamwork", level=4)  # soft
    SkillScore.objects.create(assessment=latest, skill="listening", level=4)  # soft
    SkillScore.objects.create(assessment=latest, skill="digital", level=2)  # core
    part = next(p for p in matching.score(opening_for(center, "5230"), candidate).parts if p.code == "assessment")
    assert part.points == 4 - 3  # soft ready, core short
    assert "Soft skills 4.0" in part.reason


def test_intake_languages_stand_in_when_the_participant_has_none_recorded(center):
    candidate = profile(center, "5230")
    candidate.participant.languages = []
    IntakeMeetingFactory(participant=candidate.participant, languages=["he"])
    match = matching.score(opening_for(center, "5230", languages_required=["he"]), candidate)
    assert {p.code: p.points for p in match.parts}["languages"] == 10


def test_weights_file_is_versioned_with_the_hierarchy():
    weights = matching.load_weights()
    assert weights["version"] == "2026-3"
    assert weights["occupation"]["unit"] > weights["occupation"]["minor"] > weights["occupation"]["sub_major"] > 0


# Codes on save, and the data migration's function.

def test_saving_an_opening_classifies_its_words(center, staff):
    from hizdamnut.centers.roles import Role

    lead = staff(Role.EMPLOYER_LEAD)
    employer = EmployerFactory(center=center)
    opening = services.save_opening(actor=lead, employer=employer, title="קופאיות", occupation="קופאיות",
                                    hours_per_week=30, city=center.city)
    assert opening.occupation_unit.code == "5230"
    chosen = services.save_opening(actor=lead, employer=employer, title="x", occupation="קופאיות",
                                   occupation_unit=unit("5223"), hours_per_week=30, city=center.city)
    assert chosen.occupation_unit.code == "5223"
    unknown = services.save_opening(actor=lead, employer=employer, title="x", occupation="זפזפון גלקטי",
                                    hours_per_week=30, city=center.city)
    assert unknown.occupation_unit is None and unknown.occupation == "זפזפון גלקטי"


def test_saving_a_profile_classifies_the_first_recognised_desire(center, staff):
    from hizdamnut.centers.roles import Role

    participant = ParticipantFactory(center=center, status="active")
    saved = services.save_candidate_profile(actor=staff(Role.EMPLOYER_LEAD), participant=participant,
                                            desired_occupations=["זפזפון גלקטי", "מלקטת"])
    assert saved.desired_occupation_unit.code == "4321"
    assert saved.desired_occupations == ["זפזפון גלקטי", "מלקטת"]


def test_existing_free_text_is_classified_and_the_unrecognised_left_for_a_worker(center):
    cashier = JobOpeningFactory(employer=EmployerFactory(center=center), occupation="קופאית")
    strange = JobOpeningFactory(employer=EmployerFactory(center=center), occupation="זפזפון גלקטי")
    chosen = JobOpeningFactory(employer=EmployerFactory(center=center), occupation="קופאית",
                               occupation_unit=unit("5223"))
    picker = CandidateProfileFactory(participant=ParticipantFactory(center=center), desired_occupations=["מלקט"])
    silent = CandidateProfileFactory(participant=ParticipantFactory(center=center), desired_occupations=[])
    counts = services.classify_free_text_occupations()
    assert counts == {"openings": 1, "profiles": 1, "unrecognised_openings": 1, "unrecognised_profiles": 0}
    assert JobOpening.objects.get(pk=cashier.pk).occupation_unit.code == "5230"
    assert JobOpening.objects.get(pk=strange.pk).occupation_unit is None
    assert JobOpening.objects.get(pk=chosen.pk).occupation_unit.code == "5223"  # a worker's choice is kept
    assert CandidateProfile.objects.get(pk=picker.pk).desired_occupation_unit.code == "4321"
    assert CandidateProfile.objects.get(pk=silent.pk).desired_occupation_unit is None


def test_the_data_migration_uses_the_historical_models(center):
    from importlib import import_module

    from django.apps import apps as current_apps

    JobOpeningFactory(employer=EmployerFactory(center=center), occupation="מחסנאי")
    migration = import_module("hizdamnut.employers.migrations.0003_classify_occupations")
    migration.classify(current_apps, None)
    assert JobOpening.objects.get().occupation_unit.code == "4321"
