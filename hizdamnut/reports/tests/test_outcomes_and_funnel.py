"""The indicators added with the domain apps, on hand-built data with known answers."""

import pytest

from hizdamnut.centers.roles import Role
from hizdamnut.inquiries.models import InquiryStatusChange, Source
from hizdamnut.inquiries.tests.factories import CategoryFactory, InquiryFactory
from hizdamnut.intake.models import RoutingDecision, RoutingTrack
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory
from hizdamnut.plans.tests.factories import CareerPlanFactory, TaskFactory
from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, ProgramFactory
from hizdamnut.reports import indicators
from hizdamnut.reports.indicators import Filters, Result, Scope

from .factories import ACTIVE, INTAKE, PLACED, d, journey

pytestmark = pytest.mark.django_db


def scope_of(center, start=d(1, 1), end=d(12, 31), today=d(11, 1), **filters):
    return Scope([center], Filters(date_from=start, date_to=end, **filters), today=today)


# ---------------------------------------------------------------- outcomes (placements app)


def test_placement_rate_calls_the_placements_indicator(center):
    placed = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), (PLACED, d(3, 1)))
    PlacementFactory(participant=placed, start_date=d(3, 1))
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(2, 5)))
    journey(center, (INTAKE, d(1, 2)))  # never active: not in the denominator
    # 1 placed of 2 in active accompaniment
    assert indicators.placement_rate(scope_of(center))[center.pk] == Result(50.0, 1, 2)


def test_placement_rate_of_an_empty_period_is_a_dash(center):
    assert indicators.placement_rate(scope_of(center))[center.pk] == Result(None, 0, 0)


def test_outcomes_under_a_population_filter_count_only_that_population(center):
    parent = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), (PLACED, d(3, 1)), single_parent=True)
    FollowUpFactory(placement=PlacementFactory(participant=parent, start_date=d(3, 1)), months_after=3,
                    due_on=d(6, 1), done_on=d(6, 3), employment="same", advancement=["raise"])
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), single_parent=True)  # not placed
    other = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), (PLACED, d(3, 1)), single_parent=False)
    FollowUpFactory(placement=PlacementFactory(participant=other, start_date=d(3, 1)), months_after=3,
                    due_on=d(6, 1), done_on=d(6, 3), employment="none")
    everyone, parents = scope_of(center), scope_of(center, single_parent=True)
    assert indicators.placement_rate(everyone)[center.pk] == Result(66.7, 2, 3)
    assert indicators.placement_rate(parents)[center.pk] == Result(50.0, 1, 2)
    assert indicators.retention_3(everyone)[center.pk] == Result(50.0, 1, 2)
    assert indicators.retention_3(parents)[center.pk] == Result(100.0, 1, 1)
    assert indicators.advancement(parents)[center.pk] == Result(100.0, 1, 1)


def test_outcomes_of_a_population_with_nobody_in_it_are_a_dash(center):
    other = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), (PLACED, d(3, 1)), single_parent=False)
    FollowUpFactory(placement=PlacementFactory(participant=other, start_date=d(3, 1)), months_after=3,
                    due_on=d(6, 1), done_on=d(6, 3), employment="same", advancement=["raise"])
    parents = scope_of(center, single_parent=True)
    for function in (indicators.placement_rate, indicators.retention_3, indicators.advancement):
        assert function(parents)[center.pk] == Result(None, 0, 0)


def test_retention_counts_recorded_follow_ups_whose_mark_falls_in_the_period(center):
    for employment in ("same", "other", "none"):
        placement = PlacementFactory(participant=journey(center, (ACTIVE, d(1, 5))), start_date=d(2, 10))
        FollowUpFactory(placement=placement, months_after=3, due_on=d(5, 10), done_on=d(5, 12),
                        employment=employment)
    not_recorded = PlacementFactory(participant=journey(center, (ACTIVE, d(1, 5))), start_date=d(2, 10))
    FollowUpFactory(placement=not_recorded, months_after=3, due_on=d(5, 10))
    # marks on 10 May: 2 of the 3 recorded still employed = 66.7%
    assert indicators.retention_3(scope_of(center))[center.pk] == Result(66.7, 2, 3)
    assert indicators.retention_6(scope_of(center))[center.pk] == Result(None, 0, 0)
    assert indicators.retention_3(scope_of(center, d(6, 1), d(6, 30)))[center.pk].value is None


def test_advancement_share_of_placements_followed_up_while_employed(center):
    for advancement in (["raise"], []):
        placement = PlacementFactory(participant=journey(center, (ACTIVE, d(1, 5))), start_date=d(1, 10))
        FollowUpFactory(placement=placement, months_after=3, due_on=d(4, 10), done_on=d(4, 12), employment="same",
                        advancement=advancement)
    assert indicators.advancement(scope_of(center))[center.pk] == Result(50.0, 1, 2)


# ---------------------------------------------------------------- the funnel


def inquiry(center, received, *steps, participant=None, source=Source.SELF, category=None):
    """An inquiry received on `received` with status changes [(status, date), ...]."""
    extra = {"category": category} if category else {}
    made = InquiryFactory(center=center, received_on=received, participant=participant, source=source, **extra)
    for status, day in steps:
        InquiryStatusChange.objects.create(inquiry=made, status=status, changed_on=day)
    return made


@pytest.fixture
def funnel_data(center):
    # 4 inquiries in March: 3 screened, 2 held intake, 2 routed, 1 placed.
    placed = journey(center, (INTAKE, d(3, 20)), (ACTIVE, d(3, 25)), (PLACED, d(5, 1)))
    PlacementFactory(participant=placed, start_date=d(5, 1))
    inquiry(center, d(3, 1), ("screened", d(3, 3)), ("intake_held", d(3, 10)), ("routed", d(3, 20)),
            participant=placed)
    inquiry(center, d(3, 2), ("screened", d(3, 6)), ("intake_scheduled", d(3, 7)), ("intake_held", d(3, 12)),
            ("routed", d(3, 12)))
    inquiry(center, d(3, 5), ("screened", d(3, 6)), ("not_eligible", d(3, 6)))
    inquiry(center, d(3, 9))
    inquiry(center, d(1, 9, 2025), ("screened", d(3, 6)))  # received before the period: not counted


def test_funnel_conversion_per_stage(center, funnel_data):
    scope = scope_of(center)
    assert indicators.funnel_screened(scope)[center.pk] == Result(75.0, 3, 4)
    assert indicators.funnel_intake(scope)[center.pk] == Result(66.7, 2, 3)
    assert indicators.funnel_routed(scope)[center.pk] == Result(100.0, 2, 2)
    assert indicators.funnel_placed(scope)[center.pk] == Result(50.0, 1, 2)
    assert indicators.funnel_placed_overall(scope)[center.pk] == Result(25.0, 1, 4)


def test_funnel_median_days_per_stage(center, funnel_data):
    scope = scope_of(center)
    # screening after 2, 4 and 1 days → median 2; intake after 7 and 6 → 6.5; routed after 10 and 0 → 5;
    # placed 42 days after routing (20 March → 1 May)
    assert indicators.days_to_screened(scope)[center.pk] == Result(2.0, None, 3)
    assert indicators.days_to_intake(scope)[center.pk] == Result(6.5, None, 2)
    assert indicators.days_to_routed(scope)[center.pk] == Result(5.0, None, 2)
    assert indicators.days_to_placed(scope)[center.pk] == Result(42.0, None, 1)


def test_funnel_of_an_empty_period_has_no_made_up_rates(center, funnel_data):
    scope = scope_of(center, d(7, 1), d(7, 31))
    assert indicators.funnel_screened(scope)[center.pk] == Result(None, 0, 0)
    assert indicators.days_to_screened(scope)[center.pk] == Result(None, None, 0)


def test_median_days_total_pools_the_inquiries_of_every_center(center, other_center):
    for day in (2, 3, 4):
        inquiry(center, d(3, 1), ("screened", d(3, 1 + day)))
    inquiry(other_center, d(3, 1), ("screened", d(3, 21)))
    scope = Scope([center, other_center], Filters(date_from=d(1, 1), date_to=d(12, 31)), today=d(11, 1))
    indicator = indicators.INDICATORS_BY_CODE["days_to_screened"]
    per_center = indicator.compute(scope)
    # days 2, 3, 4 and 20: median 3.5 (not the mean of the medians 3 and 20)
    assert indicator.total(scope, scope.center_ids, per_center) == Result(3.5, None, 4)


# ---------------------------------------------------------------- breakdowns


def test_inquiries_by_source_and_reason_count_the_period(center):
    job, info = CategoryFactory(code="job_search"), CategoryFactory(code="information")
    inquiry(center, d(3, 1), source=Source.FRIEND, category=job)
    inquiry(center, d(3, 2), source=Source.FRIEND, category=info)
    inquiry(center, d(3, 3), source=Source.WELFARE_REFERRAL, category=job)
    inquiry(center, d(1, 3, 2025), source=Source.SELF, category=job)  # another year
    scope = scope_of(center)
    by_source = indicators.inquiries_by_source(scope)[center.pk]
    assert (by_source[Source.FRIEND], by_source[Source.WELFARE_REFERRAL], by_source[Source.SELF]) == (2, 1, 0)
    assert indicators.inquiries_by_reason(scope)[center.pk] == {job.pk: 2, info.pk: 1}


def routing(participant, response, day):
    meeting = IntakeMeetingFactory(participant=participant, held_on=day)
    return RoutingDecision.objects.create(participant=participant, intake=meeting, decided_on=day,
                                          model_version="t", recommended_response=response, response=response)


def test_participants_by_response_take_the_latest_decision_of_the_period(center):
    first = journey(center, (INTAKE, d(1, 2)))
    routing(first, RoutingTrack.SOCIAL_WORK, d(2, 1))
    routing(first, RoutingTrack.SHORT_TERM_COACHING, d(6, 1))  # changed later: counted once, as coaching
    routing(journey(center, (INTAKE, d(1, 2))), RoutingTrack.COURSES, d(3, 1))
    routing(journey(center, (INTAKE, d(1, 2))), RoutingTrack.GROUP_PROGRAM, d(3, 1, 2025))  # another year
    counts = indicators.participants_by_response(scope_of(center))[center.pk]
    assert counts == {RoutingTrack.SHORT_TERM_COACHING: 1, RoutingTrack.SOCIAL_WORK: 0, RoutingTrack.GROUP_PROGRAM: 0,
                      RoutingTrack.COURSES: 1, RoutingTrack.REFERRAL_OUT: 0}


def test_participants_by_program_count_those_in_a_group_during_the_period(center):
    program = ProgramFactory()
    cohort = CohortFactory(program=program, center=center, capacity=10)
    EnrollmentFactory(cohort=cohort, participant=journey(center, (INTAKE, d(1, 2))), enrolled_on=d(2, 1))
    EnrollmentFactory(cohort=cohort, participant=journey(center, (INTAKE, d(1, 2))), status="completed",
                      enrolled_on=d(1, 5, 2025), ended_on=d(1, 20))
    EnrollmentFactory(cohort=cohort, participant=journey(center, (INTAKE, d(1, 2))), status="waitlisted")
    EnrollmentFactory(cohort=cohort, participant=journey(center, (INTAKE, d(1, 2))), status="completed",
                      enrolled_on=d(1, 5, 2025), ended_on=d(6, 1, 2025))  # left before the period
    assert indicators.participants_by_program(scope_of(center))[center.pk] == {program.pk: 2}


def test_caseload_per_worker_uses_the_plans_caseload_and_counts_overdue_items(center, staff):
    worker = staff(Role.SOCIAL_WORKER, username="sw")
    manager = staff(Role.MANAGER, username="boss")
    participant = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), case_worker=worker)
    journey(center, (INTAKE, d(1, 2)), case_worker=worker)
    TaskFactory(plan=CareerPlanFactory(participant=participant), due_date=d(10, 1))  # overdue on 1 Nov
    placement = PlacementFactory(participant=participant, start_date=d(6, 1))
    FollowUpFactory(placement=placement, months_after=3, due_on=d(9, 1))  # not recorded, overdue
    FollowUpFactory(placement=placement, months_after=6, due_on=d(12, 1))  # not due yet
    rows = indicators.caseload_per_worker(manager, scope_of(center))
    row = next(r for r in rows if r["worker"] == worker)
    assert (row["caseload"], row["overdue_tasks"], row["overdue_follow_ups"]) == (2, 1, 1)


def test_caseload_per_worker_follows_the_population_filter(center, staff):
    worker = staff(Role.SOCIAL_WORKER, username="sw")
    manager = staff(Role.MANAGER, username="boss")
    parent = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), case_worker=worker)
    parent.single_parent = True
    parent.save(update_fields=["single_parent"])
    other = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)), case_worker=worker)
    TaskFactory(plan=CareerPlanFactory(participant=other), due_date=d(10, 1))  # overdue, outside the population
    FollowUpFactory(placement=PlacementFactory(participant=other, start_date=d(6, 1)), months_after=3, due_on=d(9, 1))
    everyone = next(r for r in indicators.caseload_per_worker(manager, scope_of(center)) if r["worker"] == worker)
    parents = next(r for r in indicators.caseload_per_worker(manager, scope_of(center, single_parent=True))
                   if r["worker"] == worker)
    assert (everyone["caseload"], everyone["overdue_tasks"], everyone["overdue_follow_ups"]) == (2, 1, 1)
    assert (parents["caseload"], parents["overdue_tasks"], parents["overdue_follow_ups"]) == (1, 0, 0)


# ---------------------------------------------------------------- population filters


def test_disability_filter_reads_the_intake_meeting(center):
    with_percent = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    IntakeMeetingFactory(participant=with_percent, disability_percent=45)
    with_barrier = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    IntakeMeetingFactory(participant=with_barrier, barriers=["disability", "transport"])
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    scope = scope_of(center, disability=True)
    assert indicators.new_active_participants(scope)[center.pk].value == 2


def test_released_prisoners_filter_reads_criminal_record_or_the_track(center):
    barrier = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    IntakeMeetingFactory(participant=barrier, barriers=["criminal_record"])
    track = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    cohort = CohortFactory(program=ProgramFactory(code="released-prisoners"), center=center)
    EnrollmentFactory(cohort=cohort, participant=track, enrolled_on=d(2, 1))
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    assert indicators.new_active_participants(scope_of(center, released_prisoner=True))[center.pk].value == 2


def test_program_filter_keeps_participants_of_the_program(center):
    program = ProgramFactory()
    member = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    EnrollmentFactory(cohort=CohortFactory(program=program, center=center), participant=member, enrolled_on=d(2, 1))
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(1, 5)))
    assert indicators.new_active_participants(scope_of(center, program_id=program.pk))[center.pk].value == 1
