"""Every indicator on hand-built cases with known answers, including the edge of each period."""

import datetime
from decimal import Decimal

import pytest

from hizdamnut.participants.models import Participant, StatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements import indicators
from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory

pytestmark = pytest.mark.django_db
START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
D = datetime.date


def run(function, center):
    return function(centers=[center], start=START, end=END)


def active_participant(center, since=D(2024, 12, 1), closed_on=None):
    participant = ParticipantFactory(center=center)
    StatusChange.objects.create(participant=participant, status="active", changed_on=since)
    if closed_on:
        StatusChange.objects.create(participant=participant, status="closed", changed_on=closed_on,
                                    reason="moved")
    return participant


def placement(center, start, wage="7000", hours=42, previous=None):
    return PlacementFactory(participant=ParticipantFactory(center=center), start_date=start,
                            monthly_wage=Decimal(wage), hours_per_week=hours, previous_monthly_income=previous)


def follow_up(p, months, done_on, employment="same", **fields):
    from hizdamnut.placements.rules import add_months
    return FollowUpFactory(placement=p, months_after=months, due_on=add_months(p.start_date, months),
                           done_on=done_on, employment=employment, **fields)


def test_zero_denominator_gives_none_not_zero(center):
    for function in indicators.INDICATORS:
        result = run(function, center)
        assert result.denominator == 0 and result.value is None and result.display == "—"


def test_placement_rate_counts_placements_starting_within_the_period(center):
    on_first_day = active_participant(center)
    PlacementFactory(participant=on_first_day, start_date=START)
    on_last_day = active_participant(center)
    PlacementFactory(participant=on_last_day, start_date=END)
    day_after = active_participant(center)
    PlacementFactory(participant=day_after, start_date=END + datetime.timedelta(days=1))
    active_participant(center)  # not placed
    result = run(indicators.placement_rate, center)
    assert (result.numerator, result.denominator, result.value) == (2, 4, 50.0)


def test_placement_rate_leaves_out_those_closed_before_the_period_and_those_never_active(center):
    active_participant(center, since=D(2024, 1, 1), closed_on=D(2024, 12, 31))
    active_participant(center, since=D(2024, 1, 1), closed_on=START)  # closed on the first day: still counted
    ParticipantFactory(center=center)  # only in intake
    active_participant(center, since=END + datetime.timedelta(days=1))  # became active after the period
    result = run(indicators.placement_rate, center)
    assert (result.numerator, result.denominator) == (0, 1)


@pytest.mark.parametrize("months", [3, 6, 12])
def test_retention_counts_marks_falling_within_the_period(center, months):
    from hizdamnut.placements.rules import add_months
    function = {3: indicators.retention_3, 6: indicators.retention_6, 12: indicators.retention_12}[months]
    # N-month mark exactly on the period's last day: counted, still employed.
    p1 = placement(center, add_months(END, -months))
    follow_up(p1, months, END)
    # N-month mark on the first day: counted, no longer employed.
    p2 = placement(center, add_months(START, -months))
    follow_up(p2, months, START, employment="none")
    # Mark the day after the period ends: not counted.
    p3 = placement(center, add_months(END, -months) + datetime.timedelta(days=1))
    follow_up(p3, months, END)
    # Mark inside the period, employed elsewhere: counts as retained.
    p4 = placement(center, add_months(D(2025, 6, 15), -months))
    follow_up(p4, months, D(2025, 6, 15), employment="other")
    # Mark inside, follow-up not recorded: left out.
    p5 = placement(center, add_months(D(2025, 6, 15), -months))
    follow_up(p5, months, None, employment="")
    result = function(centers=[center], start=START, end=END)
    assert (result.numerator, result.denominator, result.value) == (2, 3, 66.7)


def test_advancement_share_of_placements_followed_up_while_employed(center):
    p1 = placement(center, D(2024, 12, 1))
    follow_up(p1, 1, START, advancement=["raise"])
    p2 = placement(center, D(2024, 12, 1))
    follow_up(p2, 1, END)
    p3 = placement(center, D(2024, 12, 1))
    follow_up(p3, 1, END + datetime.timedelta(days=1), advancement=["promotion"])  # outside
    p4 = placement(center, D(2024, 12, 1))
    follow_up(p4, 1, D(2025, 3, 1), employment="none")  # not employed: not counted
    result = run(indicators.advancement, center)
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_wage_growth_is_the_mean_change_in_hourly_wage_to_the_latest_follow_up(center):
    p1 = placement(center, D(2024, 12, 1), wage="7000", hours=42)
    follow_up(p1, 1, START, monthly_wage=Decimal("7000"), hours_per_week=42)
    follow_up(p1, 3, END, monthly_wage=Decimal("7700"), hours_per_week=42)  # +10%, latest
    p2 = placement(center, D(2024, 12, 1), wage="6000", hours=40)
    follow_up(p2, 1, D(2025, 5, 1), monthly_wage=Decimal("3000"), hours_per_week=20)  # same hourly: 0%
    result = run(indicators.wage_growth, center)
    assert (result.denominator, result.value) == (2, 5.0)


def test_job_satisfaction_is_the_mean_of_answers_recorded_in_the_period(center):
    p = placement(center, D(2024, 12, 1))
    follow_up(p, 1, START, satisfaction=5)
    follow_up(p, 3, END, satisfaction=2)
    follow_up(p, 6, END + datetime.timedelta(days=1), satisfaction=1)
    follow_up(p, 12, D(2025, 6, 1), satisfaction=None)
    result = run(indicators.job_satisfaction, center)
    assert (result.numerator, result.denominator, result.value) == (7, 2, 3.5)


def test_income_change_compares_income_before_with_the_latest_follow_up(center):
    p1 = placement(center, D(2024, 12, 1), previous=Decimal("2000"))
    follow_up(p1, 1, END, monthly_wage=Decimal("7000"))  # +5000
    p2 = placement(center, D(2024, 12, 1), previous=Decimal("1000"))
    follow_up(p2, 1, START, employment="none")  # 0 - 1000 = -1000
    p3 = placement(center, D(2024, 12, 1), previous=None)
    follow_up(p3, 1, D(2025, 6, 1), monthly_wage=Decimal("9000"))  # income before unknown: left out
    result = run(indicators.income_change, center)
    assert (result.denominator, result.value) == (2, 2000.0)


def test_indicators_count_only_the_centers_asked_for(center, other_center):
    p = placement(other_center, D(2024, 12, 1))
    follow_up(p, 1, D(2025, 6, 1), satisfaction=5)
    assert run(indicators.job_satisfaction, center).denominator == 0



# ---------------------------------------------------------------- narrowed to a population


def narrowed(function, center, participants):
    return function(centers=[center], start=START, end=END, participants=participants)


def test_placement_rate_counts_only_the_participants_given(center):
    population = [active_participant(center) for _ in range(3)]  # 1 placed of 3
    PlacementFactory(participant=population[0], start_date=D(2025, 3, 1))
    for _ in range(2):  # outside the population: 2 placed of 2
        PlacementFactory(participant=active_participant(center), start_date=D(2025, 3, 1))
    everyone = run(indicators.placement_rate, center)
    assert (everyone.numerator, everyone.denominator) == (3, 5)
    result = narrowed(indicators.placement_rate, center, [p.pk for p in population])
    assert (result.numerator, result.denominator, result.value) == (1, 3, 33.3)


def test_placement_rate_takes_a_participant_queryset(center):
    parent = active_participant(center)
    parent.single_parent = True
    parent.save()
    PlacementFactory(participant=parent, start_date=D(2025, 3, 1))
    active_participant(center)  # not a single parent, not placed
    result = narrowed(indicators.placement_rate, center, Participant.objects.filter(single_parent=True))
    assert (result.numerator, result.denominator, result.value) == (1, 1, 100.0)


def test_retention_counts_only_the_placements_of_the_participants_given(center):
    kept = placement(center, D(2025, 2, 10))
    follow_up(kept, 6, D(2025, 8, 12), employment="same")
    lost = placement(center, D(2025, 2, 10))
    follow_up(lost, 6, D(2025, 8, 12), employment="none")
    outside = placement(center, D(2025, 2, 10))
    follow_up(outside, 6, D(2025, 8, 12), employment="none")
    assert run(indicators.retention_6, center).denominator == 3
    result = narrowed(indicators.retention_6, center, [kept.participant_id, lost.participant_id])
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_advancement_counts_only_the_placements_of_the_participants_given(center):
    advanced = placement(center, D(2025, 1, 10))
    follow_up(advanced, 3, D(2025, 4, 12), advancement=["raise"])
    outside = [placement(center, D(2025, 1, 10)) for _ in range(3)]
    for p in outside:
        follow_up(p, 3, D(2025, 4, 12))
    assert (run(indicators.advancement, center).numerator, run(indicators.advancement, center).denominator) == (1, 4)
    result = narrowed(indicators.advancement, center, [advanced.participant_id])
    assert (result.numerator, result.denominator, result.value) == (1, 1, 100.0)


def test_an_empty_population_gives_none_not_zero(center):
    p = placement(center, D(2025, 1, 10))
    follow_up(p, 3, D(2025, 4, 12), advancement=["raise"])
    PlacementFactory(participant=active_participant(center), start_date=D(2025, 3, 1))
    nobody = Participant.objects.none()
    for result in indicators.all_indicators(centers=[center], start=START, end=END, participants=nobody):
        assert (result.denominator, result.value) == (0, None), result.code


def test_all_indicators_read_a_generator_of_ids_for_every_indicator(center):
    p = placement(center, D(2025, 1, 10))
    follow_up(p, 3, D(2025, 4, 12), advancement=["raise"], satisfaction=4)
    results = indicators.all_indicators(centers=[center], start=START, end=END,
                                        participants=(pk for pk in [p.participant_id]))
    by_code = {r.code: r for r in results}
    assert by_code["advancement"].denominator == 1 and by_code["job_satisfaction"].denominator == 1
