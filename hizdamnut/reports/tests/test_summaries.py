"""The summary tables (hizdamnut/centers/summaries.py) give the same figures as counting from the rows.

For random data and random periods (hypothesis: whole months, parts of months, one day, a period inside one
month, ends on and off a month's last day), every dashboard figure read through the summary tables equals the
same figure counted from the rows (`use_summaries=False`), per center and in total; then again after writes
that land once the months were counted (new people, a backdated status change, an inquiry's new status, a
placement, a follow-up, follow-ups scheduled in bulk, one recorded, one moved, a routing decision, a corrected
date, a deletion, another city or social-services file, a person moved between segments by a gender change, an
intake meeting or an enrollment), so every write marks the months it moves stale. And the tables are read at a
cost that does not grow with the data.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hizdamnut.centers.models import City, DaysFigure, MonthlyFigure, SummaryMonth
from hizdamnut.centers.summaries import build_all, months_between, touch_many
from hizdamnut.inquiries.models import Inquiry, InquiryStatus, InquiryStatusChange
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.intake.indicators import participants_by_response
from hizdamnut.intake.models import IntakeMeeting, RoutingDecision, RoutingTrack
from hizdamnut.participants.indicators import new_active_by_month, participants_by_status
from hizdamnut.participants.models import StatusChange
from hizdamnut.placements.indicators import (
    FUNNEL_STAGES,
    _first_activated_after_a_closing,
    funnel,
    funnel_totals,
    overdue_follow_ups_by_center,
)
from hizdamnut.placements.models import FollowUp, Placement
from hizdamnut.placements.services import schedule_follow_ups
from hizdamnut.programs.indicators import RELEASED_PRISONERS_PROGRAM
from hizdamnut.programs.models import Enrollment, Program
from hizdamnut.reports.indicators import (
    INDICATORS,
    INDICATORS_BY_CODE,
    SEGMENTS,
    Filters,
    Scope,
    inquiries_by_reason,
    inquiries_by_source,
    segment_name,
)

from .test_grouped_figures import BASE, SPAN, TODAY, build, day, person

pytestmark = pytest.mark.django_db

inquiry = st.fixed_dictionaries({
    "center": st.integers(0, 1), "received": st.integers(0, SPAN), "person": st.none() | st.integers(0, 5),
    "changes": st.lists(st.tuples(st.sampled_from(InquiryStatus.values + ["screened", "intake_held", "routed"] * 2),
                                  st.integers(0, 90)), max_size=4),
})
period = st.tuples(st.integers(0, SPAN), st.integers(0, 400))
# The whole population, or a segment the summary tables keep (SEGMENTS, or a program's: that of the
# released-prisoners track, which `add_records` enrolls people in).
A_PROGRAM = "a program"
segment = st.sampled_from([{}, *SEGMENTS, A_PROGRAM])


def the_population(population):
    """A population of the strategy `segment` as the dashboard's filters name it."""
    if population == A_PROGRAM:
        return {"program_id": Program.objects.get(code=RELEASED_PRISONERS_PROGRAM).pk}
    return population
decision = st.tuples(st.integers(0, 9), st.sampled_from(RoutingTrack.values), st.integers(0, SPAN))


def add_decisions(specs, centers):
    people = list(centers[0].participants.order_by("pk")) + list(centers[1].participants.order_by("pk"))
    for who, response, offset in specs if people else ():
        RoutingDecision.objects.create(participant=people[who % len(people)], decided_on=day(offset),
                                       model_version="1", recommended_response=response, response=response)


# What an intake meeting or an enrollment records about a person: the derived segments (disability, released
# prisoners) are read from them.
record = st.tuples(st.integers(0, 9), st.sampled_from(["disability", "criminal_record", "released_track", "other"]))


def add_records(specs, centers):
    """Intake meetings and enrollments that put people in the derived segments (or not: "other")."""
    from hizdamnut.intake.tests.factories import IntakeMeetingFactory
    from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, ProgramFactory

    people = list(centers[0].participants.order_by("pk")) + list(centers[1].participants.order_by("pk"))
    for who, kind in specs if people else ():
        someone = people[who % len(people)]
        if kind == "released_track":
            cohort = CohortFactory(program=ProgramFactory(code="released-prisoners"), center=someone.center)
            EnrollmentFactory(cohort=cohort, participant=someone, enrolled_on=day(400))
        else:
            IntakeMeetingFactory(participant=someone, held_on=day(400),
                                 barriers=[kind] if kind != "other" else ["transport"])


def add_inquiries(specs, centers):
    people = list(centers[0].participants.all()) + list(centers[1].participants.all())
    for spec in specs:
        linked = people[spec["person"] % len(people)] if spec["person"] is not None and people else None
        record = InquiryFactory(center=centers[spec["center"]], received_on=day(spec["received"]), participant=linked)
        for status, offset in spec["changes"]:
            InquiryStatusChange.objects.create(inquiry=record, status=status,
                                               changed_on=min(TODAY, record.received_on + datetime.timedelta(offset)))


def figures(scope):
    """Every figure of the dashboard that the summary tables serve, and the rest, as plain values."""
    centers = scope.center_ids
    result = {f"indicator {i.code}": {cid: r.as_dict() for cid, r in i.compute(scope).items()} for i in INDICATORS}
    result |= {f"total {i.code}": i.total(scope, centers, i.compute(scope)).as_dict() for i in INDICATORS}
    labels = {stage: stage for stage in FUNNEL_STAGES}
    result |= {"status": participants_by_status(scope), "trend": new_active_by_month(scope),
               "response": participants_by_response(scope),
               "source": inquiries_by_source(scope), "reason": inquiries_by_reason(scope),
               "funnel": funnel_totals(scope, centers, labels),
               "funnel by center": {cid: funnel_totals(scope, [cid], labels) for cid in centers},
               "overdue follow-ups": overdue_follow_ups_by_center(scope)}
    return result


def keep_segment(centers, population):
    """Builds a segment's months as `refresh_summaries` does, so that dashboards read it from the tables."""
    scope = Scope(centers, Filters(BASE, TODAY, **population), today=TODAY)
    build_all(centers, months_between(BASE, TODAY), scope.summaries.raw_scope, segment=scope.segment)


def assert_same(centers, start, end, population=None):
    """The figures of the centers together, and of the first alone (a center's own dashboard), agree."""
    for shown in (centers, centers[:1]):
        summed = Scope(shown, Filters(start, end, **(population or {})), today=TODAY)
        counted = Scope(shown, Filters(start, end, **(population or {})), today=TODAY, use_summaries=False)
        assert summed.reads_summaries and not counted.reads_summaries
        from_tables, from_rows = figures(summed), figures(counted)
        for key in from_rows:
            assert from_tables[key] == from_rows[key], (key, start, end, len(shown))


def later_writes(centers, seed):
    """Writes of every kind that moves a month, after the months were counted."""
    people = list(centers[0].participants.order_by("pk")) + list(centers[1].participants.order_by("pk"))
    if people:
        someone = people[seed % len(people)]
        StatusChange.objects.create(participant=someone, status="active", changed_on=day(seed % SPAN))
        placement = Placement.objects.create(participant=someone, role="x", start_date=day((seed * 7) % SPAN),
                                             hours_per_week=40, monthly_wage=6000, contract_type="permanent")
        FollowUp.objects.create(placement=placement, months_after=3, due_on=placement.start_date,
                                done_on=placement.start_date, employment="same")
        schedule_follow_ups(Placement.objects.create(  # in bulk: unrecorded follow-ups due 1, 3, 6, 12 months on
            participant=someone, role="y", start_date=day((seed * 19) % SPAN), hours_per_week=20, monthly_wage=3000,
            contract_type="permanent"))
        unrecorded = FollowUp.objects.filter(done_on__isnull=True, due_on__lt=TODAY).order_by("pk")
        if unrecorded.count() > 2:
            recorded, moved, removed = unrecorded[0], unrecorded[1], unrecorded.last()
            recorded.done_on, recorded.employment = recorded.due_on, "same"  # recorded: no longer overdue
            recorded.save()
            moved.due_on = day((seed * 17) % SPAN)  # a corrected due date moves it between months
            moved.save()
            removed.delete()
        change = StatusChange.objects.filter(participant__in=people).order_by("pk").first()
        change.changed_on = day((seed * 13) % SPAN)  # a corrected date moves the months of both dates
        change.save()
        RoutingDecision.objects.create(participant=someone, decided_on=day((seed * 3) % SPAN), model_version="1",
                                       recommended_response="group_program", response="group_program")
    if people:  # another city or file: who the center serves counts the person otherwise, from their activation on
        mixed = people[(seed + 2) % len(people)]
        cities = list(City.objects.exclude(pk=mixed.city_id).order_by("pk"))
        mixed.city = cities[seed % len(cities)]
        mixed.has_welfare_file = bool(seed % 3)
        mixed.welfare_file_last_active = day(-(seed % 1500)) if seed % 3 == 1 else None
        mixed.save()
    if len(people) > 1:  # moves between segments: the segment months from the person's earliest record on
        moved = people[(seed + 1) % len(people)]
        moved.gender = "male" if moved.gender == "female" else "female"
        moved.single_parent = not moved.single_parent
        moved.save()
        add_records([((seed + 1) % len(people), "disability")], centers)  # a disability recorded at intake
        meeting = IntakeMeeting.objects.order_by("-pk").filter(barriers__icontains="criminal_record").first()
        if meeting:  # the barrier corrected: no longer counted as a released prisoner (unless on the track)
            meeting.barriers = ["transport"]
            meeting.save()
        enrollment = Enrollment.objects.order_by("pk").first()
        if enrollment:  # left the released-prisoners track before joining: no longer taking part
            enrollment.status = "withdrawn"
            enrollment.save()
        meeting = IntakeMeeting.objects.order_by("pk").first()
        if meeting and seed % 2:
            meeting.delete()
    decisions = RoutingDecision.objects.filter(participant__in=people).order_by("pk")
    if decisions.count() > 1:
        moved = decisions.first()
        moved.decided_on = day((seed * 11) % SPAN)  # a corrected date moves its month and its neighbours'
        moved.save()
        decisions.last().delete()
    inquiry = Inquiry.objects.order_by("pk").first()
    if inquiry:
        InquiryStatusChange.objects.create(inquiry=inquiry, status="screened", changed_on=inquiry.received_on)
        inquiry.received_on = day((seed * 5) % SPAN)
        inquiry.save()
        Inquiry.objects.order_by("-pk").first().delete()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(people=st.lists(person, max_size=5), inquiries=st.lists(inquiry, max_size=6), periods=st.lists(period,
       min_size=1, max_size=3), more=st.lists(person, max_size=2), seed=st.integers(0, 10_000),
       decisions=st.lists(decision, max_size=6), population=segment, records=st.lists(record, max_size=4))
def test_figures_from_the_summary_tables_equal_those_counted_from_the_rows(center, other_center, people, inquiries,
                                                                           periods, more, seed, decisions,
                                                                           population, records):
    centers = [center, other_center]
    population = the_population(population)
    with transaction.atomic():
        build(people, centers)
        add_inquiries(inquiries, centers)
        add_decisions(decisions, centers)
        add_records(records, centers)
        if population:
            keep_segment(centers, population)
        spans = [(day(start), min(TODAY, day(start) + datetime.timedelta(days=length))) for start, length in periods]
        for start, end in spans:
            assert_same(centers, start, end, population)
        build(more, centers)
        later_writes(centers, seed)
        for start, end in spans:
            assert_same(centers, start, end, population)
        transaction.set_rollback(True)


@pytest.mark.parametrize("start, end", [
    (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)),  # whole months
    (datetime.date(2026, 1, 15), datetime.date(2026, 6, 14)),  # parts of the first and the last month
    (datetime.date(2026, 3, 3), datetime.date(2026, 3, 9)),  # within one month
    (datetime.date(2026, 2, 28), datetime.date(2026, 2, 28)),  # one day, a month's last
])
def test_edges_of_months(center, other_center, start, end):
    build([{"center": c, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", o), ("active", o + 20), ("closed", o + 200)], "placements": []}
           for c in (0, 1) for o in range(300, 560, 9)], [center, other_center])
    assert_same([center, other_center], start, end)


@pytest.mark.parametrize("end", [datetime.date(2026, 6, 14), datetime.date(2026, 6, 30), datetime.date(2026, 1, 1)])
def test_file_holders_around_three_years_before_the_end(center, other_center, end):
    """A file last active in the month three years before the period's end: held from that day on (those days are
    counted from the rows), lapsed before it; months after it come from the tables. Whatever day the month's
    snapshot is carried to."""
    cut = (end - BASE).days - 3 * 365 - 1  # about three years before the end, as an offset from BASE
    build([{"center": c, "gender": "female", "single_parent": False, "city": "home", "file": cut + shift,
            "steps": [("intake", 0), ("active", 5)], "placements": []}
           for c in (0, 1) for shift in range(-45, 46, 3)], [center, other_center])
    for start in (datetime.date(2025, 12, 1), end.replace(day=1), end):
        assert_same([center, other_center], min(start, end), end)


def test_a_read_counts_only_stale_months_and_costs_the_same_at_two_data_sizes(center, other_center):
    centers = [center, other_center]
    spec = {"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 425), ("active", 430)], "placements": []}

    def read():
        scope = Scope(centers, Filters(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)), today=TODAY)
        with CaptureQueriesContext(connection) as queries:
            figures(scope)
        return scope.summaries.built, len(queries)

    build([spec] * 2, centers)
    built, _ = read()
    assert built == 14  # 6 months and the one before (its last day's snapshot) × 2 centers, counted once
    built, small = read()
    assert built == 0
    build([spec] * 20, centers)  # intake on day 425 (2025-12-31): that month and later ones are stale
    built, _ = read()
    assert built == 7  # the 7 months read of the center written to, from the status changes' month on
    built, large = read()
    assert built == 0 and large == small
    assert MonthlyFigure.objects.filter(center=center, code="new_active").get(
        month=datetime.date(2026, 1, 1)).n == 22


def test_the_days_of_a_month_covered_in_part_are_counted_once_until_a_write_marks_their_center(center,
                                                                                                 other_center):
    """A period that ends inside a month (the dashboard's default, up to today): the first read counts those days'
    figures from the rows and keeps them (DaysFigure); the next read counts none, at the same number of queries as
    with ten times the people; a write in that month marks only its center's days, and the figures still equal the
    rows."""
    centers = [center, other_center]

    def people(n, where, intake):
        return [{"center": where, "gender": "female", "single_parent": False, "city": "home", "file": None,
                 "steps": [("intake", intake), ("active", intake + 5)], "placements": []}] * n

    period = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 15))

    def read():
        scope = Scope(centers, Filters(*period), today=TODAY)
        with CaptureQueriesContext(connection) as queries:
            result = figures(scope)
        return result, scope.summaries.days_counted, len(queries)

    build(people(2, 0, 425) + people(2, 1, 425), centers)  # day 425: 2025-12-31
    first, counted_first, _ = read()
    assert counted_first and counted_first % 2 == 0  # each figure of the days, for both centers
    again, counted, small = read()
    assert counted == 0 and again == first
    assert_same(centers, *period)
    build(people(20, 0, 490), centers)  # 2026-03-05 and 10: the month covered in part, of the first center
    _, counted, _ = read()
    assert counted == counted_first // 2  # the written center's, once
    assert_same(centers, *period)
    after, counted, large = read()
    assert counted == 0 and large == small
    assert after["status"][center.pk]["active"] == first["status"][center.pk]["active"] + 20
    assert DaysFigure.objects.filter(last_day=period[1]).exists()
    call_command("refresh_summaries", verbosity=0)  # nightly: the days of months that have ended are forgotten
    assert not DaysFigure.objects.filter(last_day__lt=timezone.localdate().replace(day=1)).exists()


@pytest.mark.parametrize("write", ["a placement", "a start date corrected into the period", "a deletion"])
def test_the_people_placed_in_a_period_are_counted_once_per_center_until_a_placement_marks_it(center, other_center,
                                                                                               write):
    """The placement rate's numerator (people placed in the period, in accompaniment during it) is kept per center
    over the period's months; a placement marks its start's month, so a new one, one moved into the period and one
    deleted are counted, even when no status change or retention mark falls in the period."""
    centers = [center, other_center]
    spec = {"gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 300), ("active", 310)], "placements": []}
    build([{**spec, "center": c} for c in (0, 1, 0, 1)], centers)
    period = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    june = datetime.date(2026, 6, 10)  # its retention marks fall after the period
    someone = center.participants.order_by("pk").first()

    def place(on):
        return Placement.objects.create(participant=someone, role="x", start_date=on, hours_per_week=40,
                                        monthly_wage=6000, contract_type="permanent")

    if write != "a placement":
        placed = place(june if write == "a deletion" else datetime.date(2024, 11, 10))  # marks before 2026
    assert_same(centers, *period)
    scope = Scope(centers, Filters(*period), today=TODAY)
    before = INDICATORS_BY_CODE["placement_rate"].compute(scope)[center.pk].numerator
    if write == "a placement":
        place(june)
    elif write == "a deletion":
        placed.delete()
    else:
        placed.start_date = june
        placed.save()
    assert_same(centers, *period)
    after = INDICATORS_BY_CODE["placement_rate"].compute(Scope(centers, Filters(*period), today=TODAY))[center.pk]
    assert after.numerator == before + (-1 if write == "a deletion" else 1)


def test_bulk_writes_mark_their_months_stale(center):
    figures(Scope([center], Filters(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)), today=TODAY))

    def stale():
        return sorted(m.month for m in SummaryMonth.objects.filter(center=center) if m.version != m.built_version)

    assert stale() == []
    touch_many([(center.pk, datetime.date(2026, 2, 10))])
    assert stale() == [datetime.date(2026, 2, 1)]
    touch_many([(center.pk, datetime.date(2026, 2, 10))], onward=True)
    assert stale() == [datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)]


def test_an_import_saved_in_bulk_marks_its_months_stale(center, other_center, staff):
    from hizdamnut.inquiries.imports import InquiryImport

    period = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    figures(Scope([center, other_center], Filters(*period), today=TODAY))  # every month counted
    batch = InquiryImport(actor=staff())
    reason = InquiryFactory(center=center, received_on=datetime.date(2026, 1, 1)).category
    assert batch.save([(n, InquiryFactory.build(center=center, received_on=datetime.date(2026, 2, n),
                                                category=reason)) for n in range(1, 4)]) == []
    assert_same([center, other_center], *period)
    sources = inquiries_by_source(Scope([center], Filters(*period), today=TODAY))[center.pk]
    assert sum(sources.values()) == 4


def counted_scopes(monkeypatch):
    """The centers of every dashboard scope made from now on (a list the test reads)."""
    from hizdamnut.reports import indicators

    counted = []
    original = indicators.Scope.__init__

    def spy(self, centers, *args, **kwargs):
        counted.append({c.pk for c in centers})
        original(self, centers, *args, **kwargs)

    monkeypatch.setattr(indicators.Scope, "__init__", spy)
    return counted


def three_women_each():
    return [{"center": c, "gender": "female", "single_parent": False, "city": "home", "file": None,
             "steps": [("intake", 430 + n), ("active", 440 + n * c)], "placements": []}
            for c in (0, 1) for n in range(3)]


def test_a_center_dashboard_counts_only_its_center_and_takes_the_median_from_the_national_figures(
        center, other_center, staff, monkeypatch):
    from django.core.cache import cache

    from hizdamnut.centers.roles import Role
    from hizdamnut.reports.dashboard import build_dashboard
    from hizdamnut.reports.models import NationalFigures

    build(three_women_each(), [center, other_center])
    filters = Filters(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    national = build_dashboard(staff(Role.NATIONAL_VIEWER, centers=[]), filters)
    assert national["median_counted_at"] is None  # the national dashboard counts every center itself
    cache.clear()
    counted = counted_scopes(monkeypatch)
    manager = staff(Role.MANAGER)
    first = build_dashboard(manager, filters)  # no national figures yet: queued (run at once in the tests)
    assert NationalFigures.objects.filter(date_from=filters.date_from, date_to=filters.date_to).exists()
    assert first["median_counted_at"]
    counted.clear()
    again = build_dashboard(manager, filters)
    assert counted and all(ids == {center.pk} for ids in counted)  # the other center is not counted again
    for live, stored in zip(national["indicators"], again["indicators"], strict=True):
        assert live["national_median"] == stored["national_median"], live["code"]
        assert live["by_center"][center.code] == stored["by_center"][center.code]
    counted.clear()
    women = Filters(filters.date_from, filters.date_to, gender="female")
    filtered = build_dashboard(manager, women)  # a population has figures of its own, counted the same way
    assert filtered["median_counted_at"]
    assert NationalFigures.objects.filter(date_from=filters.date_from, population='{"gender": "female"}').exists()
    live = build_dashboard(staff(Role.NATIONAL_VIEWER, centers=[]), women)
    for one, every in zip(filtered["indicators"], live["indicators"], strict=True):
        assert one["national_median"] == every["national_median"], one["code"]


def test_a_center_dashboard_never_counts_the_other_centers_itself(center, other_center, staff, monkeypatch, client):
    """Before the worker has counted the national figures of a period, a center's dashboard shows its own figures
    and marks the median as being counted, rather than counting every other center in the request."""
    from django.core.cache import cache

    from hizdamnut.centers.roles import Role
    from hizdamnut.reports import medians
    from hizdamnut.reports.dashboard import build_dashboard

    build(three_women_each(), [center, other_center])
    cache.clear()
    queued = []
    monkeypatch.setattr(medians, "count_national_figures_later",  # a worker that has not run yet
                        type("Task", (), {"enqueue": staticmethod(lambda *args: queued.append(args))}))
    counted = counted_scopes(monkeypatch)
    manager = staff(Role.MANAGER)
    filters = Filters(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    waiting = build_dashboard(manager, filters)
    assert queued == [("2026-01-01", "2026-06-30", "")]  # the worker is asked to count them
    assert counted and all(ids == {center.pk} for ids in counted)
    assert waiting["median_pending"] and waiting["median_counted_at"] is None
    assert all(f["national_median"] is None for f in waiting["indicators"])
    assert figures(Scope([center], filters, today=TODAY, use_summaries=False))[
        "total new_active_participants"]["value"] == next(
        f["value"] for f in waiting["indicators"] if f["code"] == "new_active_participants")
    medians.count_national_figures(filters)  # the worker's count
    ready = build_dashboard(manager, filters)
    assert not ready["median_pending"] and ready["median_counted_at"]
    assert next(f for f in ready["indicators"] if f["code"] == "new_active_participants")["national_median"] == 3
    client.force_login(manager)
    page = client.get("/reports/?date_from=2026-01-01&date_to=2026-03-31").content.decode()
    assert 'id="median-pending"' in page


@pytest.mark.parametrize("shown", ["every center", "one center"])
@pytest.mark.parametrize("population", [{"released_prisoner": True}, {"released_prisoner": False}, "program"])
def test_a_population_found_once_gives_the_figures_of_its_subquery(center, other_center, population, shown,
                                                                   monkeypatch):
    """The released-prisoner and program populations are found once per scope (on PostgreSQL: their ids as one
    array, compared with each event's own participant column): every figure equals the one counted with the
    population as a subquery looking each person up in each query. A scope of every center finds its people once
    for the events counted at any center too; a scope of one center finds a program's people at any center
    apart. The ids read from the records that put people in the population (enrollments, intake meetings) are
    those of the people the population's conditions find."""
    from hizdamnut.intake.tests.factories import IntakeMeetingFactory
    from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, ProgramFactory

    build([{"center": c, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", o), ("active", o + 20), ("placed", o + 90)], "placements": [{"start": o + 80,
                                                                                              "follow_ups": []}]}
           for c in (0, 1) for o in range(380, 560, 12)], [center, other_center])
    track = ProgramFactory(code="released-prisoners")
    people = list(center.participants.order_by("pk")) + list(other_center.participants.order_by("pk"))
    for n, someone in enumerate(people):
        if n % 3 == 0:
            IntakeMeetingFactory(participant=someone, barriers=["criminal_record"])
        if n % 4 == 1:
            EnrollmentFactory(cohort=CohortFactory(program=track, center=someone.center), participant=someone,
                              enrolled_on=day(450))
        if n % 5 == 2:  # withdrawn before joining: not taking part
            EnrollmentFactory(cohort=CohortFactory(program=track, center=someone.center), participant=someone,
                              enrolled_on=day(450), status="withdrawn")
    filters = {"program_id": track.pk} if population == "program" else population
    period = Filters(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), **filters)
    centers = [center, other_center] if shown == "every center" else [center]
    scope = Scope(centers, period, today=TODAY)
    found_once = figures(scope)
    if connection.vendor == "postgresql":
        found = {key for key in scope._cache if isinstance(key, tuple) and key[0] == "population"}
        apart = shown == "one center" and population == "program"
        assert found == ({("population", False), ("population", True)} if apart else {("population", False)})
    monkeypatch.setattr(Scope, "_ids_once", lambda self, any_center: None)
    assert figures(Scope(centers, period, today=TODAY)) == found_once
    assert found_once["total new_active_participants"]["value"]
    for any_center in (False, True):  # read from the records, or each participant looked up: the same people
        assert sorted(scope._population_ids(any_center)) == sorted(
            scope._population(any_center).values_list("pk", flat=True))


def test_a_participant_moved_with_update_fields_moves_both_centers_months(center, other_center):
    spec = {"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 430), ("active", 440)], "placements": []}
    build([spec] * 3, [center, other_center])
    period = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert_same([center, other_center], *period)  # every month counted
    moving = center.participants.first()
    moving.center = other_center
    moving.save(update_fields=["center_id"])
    moving.phone = "0521234567"
    moving.save(update_fields=["phone"])  # moves nothing: no read of the row as it was
    assert_same([center, other_center], *period)


@pytest.mark.parametrize("change", ["city", "file", "file lapsed", "no file", "as text"])
def test_another_city_or_file_marks_the_months_from_the_first_activation(center, other_center, change):
    """Who the center serves keeps region residents and file holders by the person's city and file as recorded now:
    editing them marks the center's months from the person's first activation on, and only those."""
    spec = {"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": 300,
            "steps": [("intake", 300), ("active", 310), ("closed", 500)], "placements": []}
    build([spec] * 3, [center, other_center])
    periods = [(datetime.date(2025, 9, 1), datetime.date(2025, 12, 31)), (datetime.date(2026, 1, 1), TODAY)]
    for period in periods:
        assert_same([center, other_center], *period)  # every month counted
    someone = center.participants.order_by("pk").first()
    if change == "city":
        someone.city = City.objects.filter(region=center.region).exclude(pk=center.city_id).first()
    elif change == "file":
        someone.welfare_file_last_active = None  # still active
    elif change == "file lapsed":
        someone.welfare_file_last_active = datetime.date(2020, 1, 1)
    elif change == "no file":
        someone.has_welfare_file, someone.welfare_file_last_active = False, None
    else:  # the same day given as text: nothing moves
        someone.welfare_file_last_active = someone.welfare_file_last_active.isoformat()
    versions = dict(SummaryMonth.objects.values_list("pk", "version"))
    someone.save()
    # Marked: the versions the save moved (the months a period covers in part have rows never built).
    stale = [(c, m) for pk, c, m, v in SummaryMonth.objects.values_list("pk", "center_id", "month", "version")
             if v != versions[pk]]
    if change == "as text":
        assert not stale
    else:
        assert {m for _c, m in stale} and {c for c, _m in stale} == {center.pk}
        assert min(m for _c, m in stale) == day(310).replace(day=1)  # the month of the first activation
    for period in periods:
        assert_same([center, other_center], *period)


@pytest.mark.parametrize("start", [datetime.date(2026, 1, 1), datetime.date(2026, 1, 10)])
def test_the_placement_rate_from_the_tables_leaves_out_whoever_was_closed_before_the_period(
        center, other_center, start):
    """Its denominator adds up from the snapshots: activated by the end − closed before the start − first
    activated in the period after a closing before it (the last term has a case of its own here)."""
    def someone(steps, placed=()):
        return {"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
                "steps": steps, "placements": [{"start": d, "follow_ups": []} for d in placed]}

    build([
        someone([("closed", 300), ("active", 450)], placed=[460]),  # closed, then first active in the period: out
        someone([("active", 100), ("closed", 300)]),  # closed before: out
        someone([("active", 100), ("closed", 200), ("active", 300)], placed=[500]),  # back before: in, placed
        someone([("intake", 100), ("active", 500)]),  # first active in the period: in
        someone([("active", 100), ("closed", 300), ("active", 450)], placed=[460]),  # back only in the period: out
        someone([("active", 700)]),  # active after the period: out
        someone([("closed", 300), ("intake", 400)]),  # never active: out
    ], [center, other_center])
    end = datetime.date(2026, 6, 30)
    for use_summaries in (True, False):
        scope = Scope([center, other_center], Filters(start, end), today=TODAY, use_summaries=use_summaries)
        rate = next(i for i in INDICATORS if i.code == "placement_rate").compute(scope)[center.pk]
        assert (rate.numerator, rate.denominator, rate.value) == (1, 2, 50.0), use_summaries
    assert_same([center, other_center], start, end)


EDGES = [datetime.date(2026, m, d) for m, d in ((1, 1), (1, 2), (1, 31), (2, 1), (2, 14), (2, 28), (3, 1), (3, 15),
                                                 (3, 31), (4, 1))]
recorded = st.tuples(st.integers(0, 2), st.sampled_from(EDGES), st.sampled_from(["same", "other", "none"]),
                     st.booleans())


history = st.lists(st.tuples(st.sampled_from(["intake", "closed", "active", "paused"]),
                             st.sampled_from([datetime.date(2025, 12, 31), *EDGES[:5]])), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(histories=st.lists(history, min_size=1, max_size=4), period=st.sampled_from([
    (EDGES[0], EDGES[8]), (EDGES[1], EDGES[7]), (EDGES[3], EDGES[4]), (EDGES[4], EDGES[5]), (EDGES[6], EDGES[6]),
    (EDGES[2], EDGES[9])]))
@example(histories=[[("closed", EDGES[0]), ("intake", EDGES[3]), ("active", EDGES[4])],  # back on the first day
                    [("closed", EDGES[0]), ("intake", EDGES[2]), ("active", EDGES[4])],  # back the day before
                    [("closed", EDGES[2]), ("intake", EDGES[2]), ("active", EDGES[4])]],  # back the same day
          period=(EDGES[3], EDGES[5]))
def test_first_activations_after_a_closing_from_the_tables(center, other_center, histories, period):
    """The placement rate's rare term, from the figure "reopened" (a key per closing's interval): status changes
    on and around the edges of months, several on one day, periods that start inside a month; equal to picking
    each participant's first activation and latest change before the period by hand."""
    start, end = period
    with transaction.atomic():
        build([{"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
                "steps": [(status, (when - BASE).days) for status, when in steps], "placements": []}
               for steps in histories], [center, other_center])
        by_hand = 0
        for someone in center.participants.all():
            changes = list(someone.status_changes.order_by("changed_on", "pk"))
            activations = [c.changed_on for c in changes if c.status == "active"]
            before = [c for c in changes if c.changed_on < start]
            by_hand += bool(activations and start <= min(activations) <= end and before
                            and before[-1].status == "closed")
        for use_summaries in (True, False):
            scope = Scope([center, other_center], Filters(start, end), today=TODAY, use_summaries=use_summaries)
            assert _first_activated_after_a_closing(scope, start, end).get(center.pk, 0) == by_hand, use_summaries
        transaction.set_rollback(True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(follow_ups=st.lists(recorded, min_size=1, max_size=8), period=st.sampled_from([
    (EDGES[0], EDGES[8]), (EDGES[1], EDGES[7]), (EDGES[3], EDGES[4]), (EDGES[4], EDGES[5]), (EDGES[6], EDGES[6])]))
def test_advancement_from_the_tables_counts_each_placement_once(center, other_center, follow_ups, period):
    """Follow-ups on and around the edges of months, periods that end inside a month (its last term)."""
    start, end = period
    with transaction.atomic():
        build([{"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
                "steps": [("active", 0)], "placements": []}], [center, other_center])
        someone = center.participants.get()
        jobs = [Placement.objects.create(participant=someone, role="x", start_date=day(0), hours_per_week=40,
                                         monthly_wage=6000, contract_type="permanent") for _n in range(3)]
        for n, (job, done_on, employment, advanced) in enumerate(follow_ups):
            FollowUp.objects.create(placement=jobs[job], months_after=n + 1, due_on=done_on, done_on=done_on,
                                    employment=employment, advancement=["raise"] if advanced else [])
        in_period = [(job, advanced) for job, done_on, employment, advanced in follow_ups
                     if start <= done_on <= end and employment != "none"]
        followed, grew = {job for job, _a in in_period}, {job for job, advanced in in_period if advanced}
        for use_summaries in (True, False):
            scope = Scope([center, other_center], Filters(start, end), today=TODAY, use_summaries=use_summaries)
            result = next(i for i in INDICATORS if i.code == "advancement").compute(scope)[center.pk]
            assert (result.numerator, result.denominator) == (len(grew), len(followed)), use_summaries
        transaction.set_rollback(True)


def test_a_migration_that_adds_a_figure_marks_every_built_month_stale(center):
    from types import SimpleNamespace

    from django.apps import apps

    from hizdamnut.centers.summaries import count_every_month_again

    figures(Scope([center], Filters(datetime.date(2026, 1, 1), datetime.date(2026, 2, 28)), today=TODAY))
    assert all(m.version == m.built_version for m in SummaryMonth.objects.filter(center=center))
    count_every_month_again(apps, SimpleNamespace(connection=connection))
    assert all(m.version != m.built_version for m in SummaryMonth.objects.filter(center=center))


def test_overdue_follow_ups_from_the_tables_follow_every_write_to_a_follow_up(center, other_center):
    """The caseload per center's overdue follow-ups add up the monthly figure "unrecorded": recording a follow-up,
    moving its due date to another month, scheduling follow-ups in bulk and deleting one each mark their months."""
    build([{"center": c, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("active", 10)], "placements": [{"start": start, "follow_ups": [
                {"months": m, "done": None, "employment": "same", "advanced": False} for m in (1, 3, 6)]}]}
           for c in (0, 1) for start in (30, 200, 400)], [center, other_center])

    def overdue(**options):
        return overdue_follow_ups_by_center(Scope([center, other_center], Filters(TODAY, TODAY), today=TODAY,
                                                  **options))

    def same():
        from_tables = overdue()
        assert from_tables == overdue(use_summaries=False)
        return from_tables

    assert same() == {center.pk: 9, other_center.pk: 9}
    first = FollowUp.objects.filter(placement__participant__center=center).order_by("due_on").first()
    first.done_on, first.employment = first.due_on, "same"
    first.save()
    assert same()[center.pk] == 8
    moved = FollowUp.objects.filter(placement__participant__center=center, done_on__isnull=True).order_by(
        "due_on").first()
    moved.due_on = TODAY + datetime.timedelta(days=5)  # not due yet
    moved.save()
    assert same()[center.pk] == 7
    moved.due_on = day(100)  # due again, in another month than its mark
    moved.save()
    assert same()[center.pk] == 8
    someone = other_center.participants.first()
    schedule_follow_ups(Placement.objects.create(participant=someone, role="y", start_date=day(300),
                                                 hours_per_week=20, monthly_wage=3000, contract_type="permanent"))
    assert same()[other_center.pk] == 9 + len(other_center.follow_up_months)
    FollowUp.objects.filter(placement__participant=someone, done_on__isnull=True).order_by("pk").last().delete()
    assert same()[other_center.pk] == 8 + len(other_center.follow_up_months)

    # A participant moved to the other center makes every month of both stale: the read counts their rows since
    # the first stale month rather than building two years of months.
    someone.center = center
    someone.save()
    scope = Scope([center, other_center], Filters(TODAY, TODAY), today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        moved = overdue_follow_ups_by_center(scope)
    assert scope.summaries.built == 0 and len(queries) <= 6
    assert moved == same()
    assert moved[center.pk] + moved[other_center.pk] == 16 + len(other_center.follow_up_months)


def test_a_segment_is_read_from_the_tables_once_built_and_only_a_kept_one(center, other_center):
    """A dashboard filtered by gender reads the tables once `refresh_summaries` has built the segment (before:
    from the rows, as a first build of the country's history would take minutes); two filters together, or
    another filter, always from the rows. The command builds the segments unless told not to, and one for each
    program people take part in."""
    from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory

    build([{"center": c, "gender": g, "single_parent": c == 0, "city": "home", "file": None,
            "steps": [("intake", 400), ("active", 430)], "placements": []}
           for c in (0, 1) for g in ("female", "male", "female")], [center, other_center])
    women = Filters(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), gender="female")
    assert Scope([center, other_center], women, today=TODAY).segment == "gender=female"
    assert not Scope([center, other_center], women, today=TODAY).reads_summaries
    call_command("refresh_summaries", "--whole-population-only", verbosity=0)
    assert not Scope([center, other_center], women, today=TODAY).reads_summaries
    call_command("refresh_summaries", verbosity=0)
    assert Scope([center, other_center], women, today=TODAY).reads_summaries
    assert set(SummaryMonth.objects.values_list("segment", flat=True)) == {
        "", "gender=female", "gender=male", "single_parent=1", "disability=1", "released_prisoner=1"}
    living_with_a_disability = Filters(women.date_from, women.date_to, disability=True)
    assert Scope([center, other_center], living_with_a_disability, today=TODAY).reads_summaries
    without = Filters(women.date_from, women.date_to, disability=False)
    assert Scope([center, other_center], without, today=TODAY).segment == "disability=0"
    assert not Scope([center, other_center], without, today=TODAY).reads_summaries
    both = Filters(women.date_from, women.date_to, gender="female", single_parent=True)
    assert Scope([center, other_center], both, today=TODAY).segment == "gender=female single_parent=1"
    assert not Scope([center, other_center], both, today=TODAY).reads_summaries
    assert Scope([center, other_center], Filters(women.date_from, women.date_to, age_band="25-34"),
                 today=TODAY).segment is None
    strive = Program.objects.get(code="strive")
    one_program = Filters(women.date_from, women.date_to, program_id=strive.pk)
    assert Scope([center, other_center], one_program, today=TODAY).segment == f"program_id={strive.pk}"
    assert not Scope([center, other_center], one_program, today=TODAY).reads_summaries  # nobody takes part yet
    EnrollmentFactory(cohort=CohortFactory(program=strive, center=center), participant=center.participants.first(),
                      enrolled_on=day(440))
    call_command("refresh_summaries", verbosity=0)
    assert Scope([center, other_center], one_program, today=TODAY).reads_summaries
    assert f"program_id={strive.pk}" in set(SummaryMonth.objects.values_list("segment", flat=True))
    assert_same([center, other_center], women.date_from, women.date_to, {"program_id": strive.pk})
    assert_same([center, other_center], women.date_from, women.date_to, {"gender": "female"})
    assert figures(Scope([center, other_center], women, today=TODAY))["total new_active_participants"]["value"] == 4


def test_an_inquiry_linked_to_someone_enters_their_segment(center, other_center):
    """Linking an inquiry to a participant (even a save naming only that field) marks its month, whose segment
    now counts it: a save always marks the months of the row as saved."""
    build([{"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 430)], "placements": []}], [center, other_center])
    inquiry = InquiryFactory(center=center, received_on=day(440))
    keep_segment([center, other_center], {"gender": "female"})
    period = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    assert_same([center, other_center], *period, {"gender": "female"})
    inquiry.participant = center.participants.get()
    inquiry.save(update_fields=["participant"])
    assert_same([center, other_center], *period, {"gender": "female"})
    women = Scope([center, other_center], Filters(*period, gender="female"), today=TODAY)
    assert sum(inquiries_by_source(women)[center.pk].values()) == 1


def test_an_inquiry_counts_at_the_center_that_received_it_whatever_the_filter(center, other_center):
    """An inquiry received at one center and linked to a woman registered at another counts at the receiving
    center in the women's figures, whether the dashboard shows both centers or that center alone, from the rows
    and from the tables alike."""
    build([{"center": 1, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 430)], "placements": []}], [center, other_center])
    InquiryFactory(center=center, received_on=day(440), participant=other_center.participants.get())
    keep_segment([center, other_center], {"gender": "female"})
    period = Filters(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), gender="female")
    for shown in ([center, other_center], [center]):
        for use_summaries in (True, False):
            women = Scope(shown, period, today=TODAY, use_summaries=use_summaries)
            assert sum(inquiries_by_source(women)[center.pk].values()) == 1
            assert funnel(women)[center.pk]["inquiry"]["reached"] == 1
    men = Scope([center], Filters(period.date_from, period.date_to, gender="male"), today=TODAY)
    assert sum(inquiries_by_source(men)[center.pk].values()) == 0


def test_joining_a_program_marks_the_months_of_its_segment_only(center, other_center):
    """An enrollment moves its person into the program's segment and no other: that segment's months from the
    person's earliest record on are marked, at their center and where their inquiry was received, while the other
    segments stay current; the figures agree with the rows after joining, withdrawing and leaving."""
    from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory

    centers = [center, other_center]
    build([{"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 420), ("active", 430)], "placements": [{"start": 470, "follow_ups": []}]},
           {"center": 0, "gender": "male", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 300)], "placements": []}], centers)
    someone = center.participants.get(gender="female")
    InquiryFactory(center=other_center, received_on=day(410), participant=someone)
    strive, digital = Program.objects.get(code="strive"), Program.objects.get(code="digital-skills")
    population = {"program_id": strive.pk}
    for kept in (population, {"program_id": digital.pk}, {"gender": "female"}, {"released_prisoner": True}):
        keep_segment(centers, kept)
    period = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))

    def stale():
        return {(segment, center_id, month) for segment, center_id, month in SummaryMonth.objects.filter(
            built_version__lt=F("version")).values_list("segment", "center_id", "month")}

    def new_active():
        scope = Scope(centers, Filters(*period, **population), today=TODAY)
        assert scope.reads_summaries
        return figures(scope)["total new_active_participants"]["value"]

    assert new_active() == 0
    enrollment = EnrollmentFactory(cohort=CohortFactory(program=strive, center=center), participant=someone,
                                   enrolled_on=day(440))
    assert {segment for segment, _center, _month in stale()} == {f"program_id={strive.pk}"}
    assert {c for _segment, c, _month in stale()} == {center.pk, other_center.pk}
    assert min(month for _segment, _center, month in stale()) == day(410).replace(day=1)  # the inquiry's month on
    assert_same(centers, *period, population)
    assert new_active() == 1
    enrollment.status = "withdrawn"  # left before joining: no longer taking part
    enrollment.save()
    assert_same(centers, *period, population)
    assert new_active() == 0
    enrollment.status = "enrolled"
    enrollment.save()
    assert new_active() == 1
    enrollment.delete()
    assert_same(centers, *period, population)
    assert new_active() == 0
    assert {segment for segment, _center, _month in stale()} <= {f"program_id={strive.pk}"}


@pytest.mark.parametrize("population", [{"disability": True}, {"released_prisoner": True}])
def test_a_record_that_moves_someone_between_derived_segments_marks_their_months(center, other_center, population):
    """The derived segments (living with a disability, released prisoners) are read from intake meetings and
    enrollments: recording, correcting or deleting one marks the segment months from the person's earliest record
    on, at their center and at the center where their inquiry was received; a record that moves nobody marks
    nothing."""
    from hizdamnut.intake.tests.factories import IntakeMeetingFactory
    from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, ProgramFactory

    build([{"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 420), ("active", 430)], "placements": [{"start": 470, "follow_ups": []}]},
           {"center": 0, "gender": "male", "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", 300)], "placements": []}], [center, other_center])
    someone = center.participants.get(gender="female")
    InquiryFactory(center=other_center, received_on=day(410), participant=someone)
    keep_segment([center, other_center], population)
    period = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))

    def new_active():
        scope = Scope([center, other_center], Filters(*period, **population), today=TODAY)
        assert scope.reads_summaries
        return figures(scope)["total new_active_participants"]["value"]

    def stale():
        return set(SummaryMonth.objects.filter(segment=segment_name(population), built_version__lt=F("version"))
                   .values_list("center_id", "month"))

    assert stale() == set()
    IntakeMeetingFactory(participant=someone, held_on=day(425), barriers=["transport"])  # moves nobody
    assert stale() == set()
    barrier = "disability" if "disability" in population else "criminal_record"
    meeting = IntakeMeetingFactory(participant=someone, held_on=day(425), barriers=[barrier])
    assert min(month for _center, month in stale()) == day(410).replace(day=1)  # the inquiry's month on
    assert {c for c, _month in stale()} == {center.pk, other_center.pk}
    assert_same([center, other_center], *period, population)
    assert new_active() == 1
    meeting.barriers = ["transport"]  # corrected
    meeting.save()
    assert_same([center, other_center], *period, population)
    if "released_prisoner" in population:
        track = CohortFactory(program=ProgramFactory(code="released-prisoners"), center=center)
        enrollment = EnrollmentFactory(cohort=track, participant=someone, enrolled_on=day(440))
        assert_same([center, other_center], *period, population)
        enrollment.status = "withdrawn"
        enrollment.save()
        assert_same([center, other_center], *period, population)
        enrollment.status = "enrolled"
        enrollment.save()
    else:
        meeting.barriers = [barrier]
        meeting.save()
    assert_same([center, other_center], *period, population)
    Enrollment.objects.filter(participant=someone).delete()
    IntakeMeeting.objects.filter(participant=someone).delete()
    assert_same([center, other_center], *period, population)
    assert new_active() == 0


@pytest.mark.parametrize("population", [{}, {"gender": "female"}])
def test_a_centers_follow_ups_counted_through_its_placements_equal_those_counted_with_the_country(
        center, other_center, population):
    """A scope of one center reads its follow-ups through the center's placements (found once; PostgreSQL):
    the follow-up figures of the summary tables (advancement, retention, unrecorded) equal that center's share of
    the same figures counted for both centers together, on every month of the data."""
    from hizdamnut.centers.indicators import MONTHLY
    from hizdamnut.participants.indicators import PeriodScope

    build([{"center": c, "gender": g, "single_parent": False, "city": "home", "file": None,
            "steps": [("intake", o), ("active", o + 5), ("placed", o + 60)],
            "placements": [{"start": o + 50, "follow_ups": [
                {"months": m, "done": d, "employment": e, "advanced": a}
                for m, d, e, a in ((1, 3, "same", False), (3, 10, "other", True), (6, None, "", False),
                                   (12, None, "", False))]}]}
           for c in (0, 1) for g in ("female", "male") for o in range(0, 400, 37)], [center, other_center])
    reached = set()
    for start, end in ((day(0), day(180)), (day(181), day(400)), (day(401), TODAY)):
        both = PeriodScope([center, other_center], start, end, today=TODAY, population=population)
        alone = PeriodScope([center], start, end, today=TODAY, population=population)
        for code in ("advancement", "retention", "unrecorded"):
            together = MONTHLY[code](both, start, end)
            assert MONTHLY[code](alone, start, end) == ({center.pk: together[center.pk]}
                                                        if center.pk in together else {}), (code, start)
            reached |= {code} if together.get(center.pk) else set()
    assert reached == {"advancement", "retention", "unrecorded"}  # the data reaches every figure
