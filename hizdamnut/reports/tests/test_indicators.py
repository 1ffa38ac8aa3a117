"""Each indicator on hand-built data with known answers (numbers worked out by hand in the comments)."""

import datetime

import pytest

from hizdamnut.centers.models import City
from hizdamnut.centers.tests.factories import YearlyTargetFactory
from hizdamnut.reports import indicators
from hizdamnut.reports.indicators import Filters, Result, Scope, combine, median, percent

from .factories import ACTIVE, CLOSED, INTAKE, PAUSED, PLACED, d, journey

pytestmark = pytest.mark.django_db


def scope_of(center, start=d(1, 1), end=d(12, 31), today=d(11, 1), **filters):
    return Scope([center], Filters(date_from=start, date_to=end, **filters), today=today)


@pytest.fixture
def region_city(center):
    return City.objects.filter(region=center.region).exclude(pk=center.city_id).first()


@pytest.fixture
def far_city(center):
    return City.objects.exclude(region=center.region).first()


def test_new_active_counts_first_activation_in_the_period_only(center):
    journey(center, (INTAKE, d(1, 5)), (ACTIVE, d(2, 1)))
    journey(center, (INTAKE, d(3, 5)), (ACTIVE, d(3, 10)), (PAUSED, d(4, 1)), (ACTIVE, d(5, 1)))
    # activated in 2025 and back from a pause in 2026: not new this year
    journey(center, (INTAKE, d(10, 1, 2025)), (ACTIVE, d(11, 1, 2025)), (PAUSED, d(1, 10)), (ACTIVE, d(3, 1)))
    journey(center, (INTAKE, d(6, 1)))
    result = indicators.new_active_participants(scope_of(center))[center.pk]
    assert result == Result(2, 2, None)


def test_empty_period_counts_zero_new_participants(center):
    journey(center, (INTAKE, d(1, 5)), (ACTIVE, d(2, 1)))
    result = indicators.new_active_participants(scope_of(center, d(6, 1), d(6, 30)))[center.pk]
    assert result.value == 0


def test_target_attainment_prorates_the_yearly_target(center):
    YearlyTargetFactory(center=center, year=2026, new_active_participants=365)
    for day in (5, 12, 20):
        journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, day)))
    # January = 31 of 365 days → 31 expected; 3 / 31 = 9.677… → 9.7%
    result = indicators.target_attainment(scope_of(center, d(1, 1), d(1, 31)))[center.pk]
    assert result == Result(9.7, 3, 31.0)


def test_target_attainment_without_a_target_is_a_dash_not_zero(center):
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    assert indicators.target_attainment(scope_of(center))[center.pk] == Result(None, 1, 0.0)


def test_pace_compares_with_what_the_target_expects_by_today(center):
    YearlyTargetFactory(center=center, year=2026, new_active_participants=365)
    for month in (2, 3, 4, 5, 6, 7, 8, 9):
        journey(center, (INTAKE, d(month, 1)), (ACTIVE, d(month, 2)))
    # today 1 July: 182 days of the year gone → 182 expected; 6 activated by then (Feb–Jul 2) minus Jul → 5
    result = indicators.pace_to_date(scope_of(center, today=d(7, 1)))[center.pk]
    assert result == Result(percent(5, 182), 5, 182.0)
    assert result.value == 2.7


def test_region_residents_share_counts_other_cities_of_the_region(center, region_city, far_city):
    for city in (center.city, center.city, region_city, far_city):
        journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), city=city)
    journey(center, (INTAKE, d(1, 2)), city=region_city)  # never active: not served
    # 1 region resident of 4 served
    assert indicators.region_residents_share(scope_of(center))[center.pk] == Result(25.0, 1, 4)


def test_closed_before_the_period_is_not_served(center, region_city):
    journey(center, (INTAKE, d(1, 2, 2025)), (ACTIVE, d(1, 5, 2025)), (CLOSED, d(6, 1, 2025)), city=region_city)
    journey(center, (INTAKE, d(1, 2, 2025)), (ACTIVE, d(1, 5, 2025)), (CLOSED, d(2, 1)), city=region_city)
    assert indicators.region_residents_share(scope_of(center))[center.pk] == Result(100.0, 1, 1)


def test_served_are_those_in_accompaniment_during_the_period_as_it_was(center, region_city):
    """Who the center serves counts the placement rate's population: a person closed all through the period is
    not served in it, even if they came back after it (their status today is not what it was then)."""
    period = {"start": d(1, 1, 2025), "end": d(12, 31, 2025)}
    journey(center, (INTAKE, d(1, 2, 2024)), (ACTIVE, d(1, 5, 2024)), (CLOSED, d(6, 1, 2024)),
            (ACTIVE, d(2, 1, 2026)), city=region_city)  # closed through 2025, back in 2026
    journey(center, (INTAKE, d(1, 2, 2024)), (ACTIVE, d(1, 5, 2024)), (CLOSED, d(3, 1, 2025)))  # closed in 2025
    served = indicators.region_residents_share(scope_of(center, **period))[center.pk]
    assert served == Result(0.0, 0, 1)
    assert served.denominator == indicators.INDICATORS_BY_CODE["placement_rate"].compute(
        scope_of(center, **period))[center.pk].denominator


def test_zero_served_gives_no_share(center):
    assert indicators.region_residents_share(scope_of(center))[center.pk] == Result(None, 0, 0)
    assert indicators.file_holders_share(scope_of(center))[center.pk] == Result(None, 0, 0)
    assert indicators.welfare_profile_share(scope_of(center))[center.pk] == Result(None, 0, 0)


def test_file_holders_need_a_file_active_in_the_last_three_years(center):
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), has_welfare_file=True,
            welfare_file_last_active=d(5, 1, 2025))
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), has_welfare_file=True,
            welfare_file_last_active=d(5, 1, 2021))  # more than three years before 31 Dec 2026
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), has_welfare_file=False)
    assert indicators.file_holders_share(scope_of(center))[center.pk] == Result(33.3, 1, 3)
    assert indicators.welfare_profile_share(scope_of(center))[center.pk] == Result(66.7, 2, 3)


def test_status_breakdown_uses_the_status_on_the_periods_last_day(center):
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(2, 1)), (PLACED, d(8, 1)))
    journey(center, (INTAKE, d(1, 2)))
    journey(center, (INTAKE, d(9, 1)))  # registered after the period
    counts = indicators.participants_by_status(scope_of(center, d(1, 1), d(6, 30)))[center.pk]
    assert (counts["active"], counts["intake"], counts["placed"]) == (1, 1, 0)


def test_single_parent_filter_narrows_numerator_and_denominator(center, region_city):
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), city=region_city, single_parent=True)
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), single_parent=True)
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), city=region_city)
    result = indicators.region_residents_share(scope_of(center, single_parent=True))[center.pk]
    assert result == Result(50.0, 1, 2)


def test_age_band_is_age_on_the_periods_last_day(center):
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), birth_date=datetime.date(2002, 12, 31))  # 24 on 31 Dec
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), birth_date=datetime.date(2001, 12, 31))  # 25
    assert indicators.new_active_participants(scope_of(center, age_band="18-24"))[center.pk].value == 1
    assert indicators.new_active_participants(scope_of(center, age_band="25-34"))[center.pk].value == 1


def test_monthly_trend_counts_first_activations_per_month(center):
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(3, 5)))
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(3, 25)))
    trend = indicators.new_active_by_month(scope_of(center, d(1, 1), d(3, 31)))[center.pk]
    assert trend == {"2026-01": 1, "2026-02": 0, "2026-03": 2}


def test_total_adds_numerators_and_denominators_not_percentages():
    total = combine([Result(50.0, 1, 2), Result(10.0, 1, 10)])
    assert total == Result(16.7, 2, 12.0)


def test_total_of_counts_is_their_sum():
    assert combine([Result(3, 3, None), Result(4, 4, None)]) == Result(7, 7, None)


def test_median_leaves_out_missing_values():
    assert median([10.0, None, 30.0, 20.0]) == 20.0
    assert median([None]) is None


def test_every_indicator_is_defined_in_the_docs():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "indicators.md").read_text(encoding="utf-8")
    for indicator in indicators.INDICATORS:
        assert f"`{indicator.code}`" in doc
    for code in indicators.BREAKDOWNS:
        assert f"`{code}`" in doc


def test_short_center_names_drop_the_words_every_center_shares():
    from hizdamnut.reports.dashboard import short_names

    assert short_names(["מרכז הזדמנות נתניה", "מרכז הזדמנות באר שבע"]) == ["נתניה", "באר שבע"]
    assert short_names(["מרכז הזדמנות נתניה"]) == ["מרכז הזדמנות נתניה"]
