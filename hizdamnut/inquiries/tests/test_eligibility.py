"""Every eligibility rule and its boundary (rules/eligibility.json, version in force)."""

import datetime

import pytest

from hizdamnut.centers.models import City
from hizdamnut.inquiries.eligibility import (
    ELIGIBLE,
    NEEDS_APPROVAL,
    NOT_ELIGIBLE,
    Applicant,
    RegionLoad,
    reason_line,
    region_load,
    screen,
)
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.participants.tests.factories import ParticipantFactory

ON = datetime.date(2026, 6, 15)
EMPTY = RegionLoad(participants=0, region_residents=0)


def born_years_before(years, days=0):
    return ON.replace(year=ON.year - years) - datetime.timedelta(days=days)


def applicant(center, **overrides):
    """A city resident with a file active last month: eligible unless a test changes something."""
    fields = {"birth_date": born_years_before(40), "city": center.city,
              "welfare_file_last_active": ON - datetime.timedelta(days=30)}
    fields.update(overrides)
    return Applicant(**fields)


def decide(center, load=EMPTY, **overrides):
    return screen(applicant(center, **overrides), center=center, on=ON, load=load)


def rules_of(result, outcome):
    return [f["rule"] for f in result.reasons if f["outcome"] == outcome]


@pytest.mark.parametrize("age, decision", [(17, NOT_ELIGIBLE), (18, ELIGIBLE), (67, ELIGIBLE), (68, NOT_ELIGIBLE)])
def test_working_age_is_18_to_67_inclusive(center, age, decision):
    assert decide(center, birth_date=born_years_before(age)).decision == decision


def test_age_turns_18_on_the_birthday_itself(center):
    assert decide(center, birth_date=born_years_before(18)).decision == ELIGIBLE
    assert decide(center, birth_date=born_years_before(18) + datetime.timedelta(days=1)).decision == NOT_ELIGIBLE


def test_a_refusal_for_age_names_the_age_rule(center):
    result = decide(center, birth_date=born_years_before(68))
    assert rules_of(result, "fail") == ["age"]


def test_file_active_exactly_three_years_ago_counts(center):
    result = decide(center, welfare_file_last_active=ON.replace(year=ON.year - 3))
    assert result.decision == ELIGIBLE


def test_file_active_three_years_and_one_day_ago_does_not_count(center):
    result = decide(center, welfare_file_last_active=ON.replace(year=ON.year - 3) - datetime.timedelta(days=1))
    assert result.decision == NOT_ELIGIBLE
    assert "welfare_affiliation" in rules_of(result, "fail")


def test_file_active_three_years_less_a_day_ago_counts(center):
    result = decide(center, welfare_file_last_active=ON.replace(year=ON.year - 3) + datetime.timedelta(days=1))
    assert result.decision == ELIGIBLE


def test_no_file_and_no_profile_is_not_eligible(center):
    result = decide(center, welfare_file_last_active=None)
    assert result.decision == NOT_ELIGIBLE


@pytest.mark.parametrize("criterion", [
    "low_stability", "underemployed", "multiple_barriers", "acute_crisis", "long_unemployed", "excluded_population",
])
def test_any_one_welfare_profile_criterion_is_enough_without_a_file(center, criterion):
    assert decide(center, welfare_file_last_active=None, **{criterion: True}).decision == ELIGIBLE


def test_receiving_no_other_state_service_is_a_profile_criterion(center):
    assert decide(center, welfare_file_last_active=None, other_state_service=False).decision == ELIGIBLE


def test_receiving_another_state_service_does_not_meet_that_criterion(center):
    assert decide(center, welfare_file_last_active=None, other_state_service=True).decision == NOT_ELIGIBLE


def test_disability_of_20_percent_not_served_elsewhere_meets_the_profile(center):
    result = decide(center, welfare_file_last_active=None, disability_percent=20, disability_served_elsewhere=False)
    assert result.decision == ELIGIBLE


def test_disability_of_19_percent_does_not_meet_the_profile(center):
    result = decide(center, welfare_file_last_active=None, disability_percent=19, disability_served_elsewhere=False)
    assert result.decision == NOT_ELIGIBLE


def test_disability_served_elsewhere_does_not_meet_the_profile(center):
    result = decide(center, welfare_file_last_active=None, disability_percent=50, disability_served_elsewhere=True)
    assert result.decision == NOT_ELIGIBLE


def test_unknown_answers_never_satisfy_a_criterion(center):
    result = decide(center, welfare_file_last_active=None, low_stability=None, other_state_service=None,
                    disability_percent=30, disability_served_elsewhere=None)
    assert result.decision == NOT_ELIGIBLE


def test_unknown_answers_never_exclude(center):
    result = decide(center, low_stability=None, other_state_service=None, excluded_population=None)
    assert result.decision == ELIGIBLE


def region_city(center):
    return City.objects.filter(region=center.region).exclude(pk=center.city_id).first()


def test_region_resident_is_eligible_when_the_share_stays_at_exactly_30_percent(center):
    # 2 of 9 live in the region; with the applicant, 3 of 10 = 30.0%.
    result = decide(center, city=region_city(center), load=RegionLoad(participants=9, region_residents=2))
    assert result.decision == ELIGIBLE


def test_region_resident_past_the_30_percent_cap_needs_manager_approval(center):
    # 3 of 9 live in the region; with the applicant, 4 of 10 = 40%.
    result = decide(center, city=region_city(center), load=RegionLoad(participants=9, region_residents=3))
    assert result.decision == NEEDS_APPROVAL
    assert rules_of(result, "approval") == ["region_cap"]


def test_region_resident_just_past_30_percent_needs_approval(center):
    # 30 of 99 in the region; with the applicant, 31 of 100 = 31%.
    result = decide(center, city=region_city(center), load=RegionLoad(participants=99, region_residents=30))
    assert result.decision == NEEDS_APPROVAL


def test_city_residents_are_not_capped(center):
    result = decide(center, load=RegionLoad(participants=10, region_residents=10))
    assert result.decision == ELIGIBLE


def test_residents_outside_the_region_are_not_eligible(center):
    far = City.objects.exclude(region=center.region).first()
    result = decide(center, city=far)
    assert result.decision == NOT_ELIGIBLE
    assert rules_of(result, "fail") == ["residence"]


def test_not_eligible_wins_over_needs_approval(center):
    result = decide(center, city=region_city(center), birth_date=born_years_before(17),
                    load=RegionLoad(participants=1, region_residents=1))
    assert result.decision == NOT_ELIGIBLE


def test_every_rule_gives_a_reason(center):
    result = decide(center)
    assert [f["rule"] for f in result.reasons] == ["age", "welfare_file", "welfare_profile", "residence"]


def test_reason_lines_are_stable_english(center):
    line = reason_line(decide(center, birth_date=born_years_before(68)).reasons[0])
    assert line == "age: age 68 is outside the working age 18–67"


def test_region_load_counts_the_centers_current_participants(center):
    ParticipantFactory(center=center)
    ParticipantFactory(center=center, city=region_city(center))
    ParticipantFactory(center=center, city=region_city(center), status=JourneyStatus.CLOSED)
    load = region_load(center, datetime.date.today().year)
    assert (load.participants, load.region_residents) == (2, 1)
