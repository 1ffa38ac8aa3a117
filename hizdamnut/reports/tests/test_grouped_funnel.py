"""The funnel counted by one grouped query (day histograms per center and stage) equals the straightforward
row-by-row recomputation: for random inquiries, status changes and placements (hypothesis), the conversion and
the median days of every stage, per center and pooled, with and without a population filter, empty stages and
zero denominators included; and participants by response (each one's latest routing decision of the period),
counted in the database, equal the row-by-row count; so do each participant's status on the period's last day
and the placement rate's denominator (anti-joins on the status history), same-day changes included."""

import datetime
import statistics
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hizdamnut.centers.indicators import median_days, one_decimal, percent
from hizdamnut.inquiries.models import Inquiry, InquiryStatus, InquiryStatusChange
from hizdamnut.inquiries.selectors import status_reached_on
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.intake.indicators import participants_by_response
from hizdamnut.intake.models import RoutingDecision, RoutingTrack
from hizdamnut.participants.indicators import participants_by_status
from hizdamnut.participants.models import JourneyStatus, StatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.indicators import _STAGE_STATUSES, FUNNEL_STAGES, funnel_totals
from hizdamnut.placements.models import Placement
from hizdamnut.reports.indicators import INDICATORS_BY_CODE, Filters, Scope

pytestmark = pytest.mark.django_db
START, END, TODAY = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), datetime.date(2026, 11, 1)
BASE = datetime.date(2025, 12, 29)  # offsets 0..2 fall before the period: not counted


def day(offset):
    return BASE + datetime.timedelta(days=offset)


person = st.fixed_dictionaries({
    "gender": st.sampled_from(["female", "male"]), "single_parent": st.booleans(),
    "placements": st.lists(st.integers(0, 20), max_size=3),
})
inquiry = st.fixed_dictionaries({
    "center": st.integers(0, 1), "received": st.integers(0, 15), "person": st.none() | st.integers(0, 2),
    # Every status, the funnel's own more often, so that many inquiries go far.
    "changes": st.lists(st.tuples(st.sampled_from(InquiryStatus.values + ["screened", "intake_held", "routed"] * 2),
                                  st.integers(0, 20)), max_size=5),
})
population = st.sampled_from([{}, {"gender": "female"}, {"single_parent": True}])


def build(people, inquiries, centers):
    made = [ParticipantFactory(center=centers[0], gender=p["gender"], single_parent=p["single_parent"])
            for p in people]
    for person_spec, participant in zip(people, made, strict=True):
        for offset in person_spec["placements"]:
            Placement.objects.create(participant=participant, role="x", start_date=day(offset), hours_per_week=40,
                                     monthly_wage=6000, contract_type="permanent")
    for spec in inquiries:
        linked = made[spec["person"] % len(made)] if spec["person"] is not None and made else None
        record = InquiryFactory(center=centers[spec["center"]], received_on=day(spec["received"]), participant=linked)
        for status, offset in spec["changes"]:
            InquiryStatusChange.objects.create(inquiry=record, status=status, changed_on=day(offset))


def plain_funnel(center_ids, filters):
    """The funnel as it was computed before: every inquiry of the period read into Python, row by row."""
    inquiries = Inquiry.objects.filter(center_id__in=center_ids, received_on__range=(START, END))
    if filters:
        inquiries = inquiries.filter(**{f"participant__{k}": v for k, v in filters.items()})
    reached = status_reached_on(inquiries)
    starts = {}
    for participant_id, start_date in Placement.objects.order_by("start_date").values_list("participant_id",
                                                                                           "start_date"):
        starts.setdefault(participant_id, []).append(start_date)
    result = {cid: {stage: {"reached": 0, "days": []} for stage in FUNNEL_STAGES} for cid in center_ids}
    for pk, center_id, received_on, participant_id in inquiries.values_list("pk", "center_id", "received_on",
                                                                            "participant_id"):
        stages = result[center_id]
        stages["inquiry"]["reached"] += 1
        previous, changes = received_on, reached.get(pk, {})
        for stage in FUNNEL_STAGES[1:]:
            if stage == "placed":
                when = next((d for d in starts.get(participant_id, []) if d >= previous), None)
            else:
                dates = [changes[s] for s in _STAGE_STATUSES[stage] if s in changes]
                when = max(min(dates), previous) if dates else None
            if when is None:
                break
            stages[stage]["reached"] += 1
            stages[stage]["days"].append((when - previous).days)
            previous = when
    return result


def plain_median(days):
    return one_decimal(statistics.median(days)) if days else None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(people=st.lists(person, min_size=1, max_size=3), inquiries=st.lists(inquiry, max_size=8), filters=population)
def test_the_grouped_funnel_equals_the_row_by_row_funnel(center, other_center, people, inquiries, filters):
    with transaction.atomic():
        build(people, inquiries, [center, other_center])
        ids = [center.pk, other_center.pk]
        scope = Scope([center, other_center], Filters(date_from=START, date_to=END, **filters), today=TODAY)
        plain = plain_funnel(ids, filters)
        for before, stage in zip(FUNNEL_STAGES, FUNNEL_STAGES[1:], strict=False):
            conversion = INDICATORS_BY_CODE[f"funnel_{stage}"].compute(scope)
            days = INDICATORS_BY_CODE[f"days_to_{stage}"]
            per_center = days.compute(scope)
            for cid in ids:
                reached, previous = plain[cid][stage]["reached"], plain[cid][before]["reached"]
                assert conversion[cid].as_dict() == {"value": percent(reached, previous), "numerator": reached,
                                                     "denominator": previous}, stage
                listed = plain[cid][stage]["days"]
                assert (per_center[cid].value, per_center[cid].denominator) == (plain_median(listed), len(listed))
            everyone = [d for cid in ids for d in plain[cid][stage]["days"]]
            assert days.total(scope, ids, per_center).value == plain_median(everyone), stage
        overall = INDICATORS_BY_CODE["funnel_placed_overall"].compute(scope)
        rows = funnel_totals(scope, ids, dict.fromkeys(FUNNEL_STAGES, ""))
        for cid in ids:
            assert overall[cid].numerator == plain[cid]["placed"]["reached"]
            assert overall[cid].denominator == plain[cid]["inquiry"]["reached"]
        assert [row["reached"] for row in rows] == [sum(plain[cid][s]["reached"] for cid in ids)
                                                    for s in FUNNEL_STAGES]
        assert [row["median_days"] for row in rows[1:]] == [
            plain_median([d for cid in ids for d in plain[cid][s]["days"]]) for s in FUNNEL_STAGES[1:]]
        transaction.set_rollback(True)


@given(st.lists(st.integers(0, 60), max_size=30))
def test_the_median_of_a_histogram_is_the_median_of_its_rows(days):
    result = median_days(Counter(days))
    assert (result.value, result.denominator) == (plain_median(days), len(days))


# Same days often, on and around the edges of months (day 3 is 1 January, 34 is 1 February, 93 is 1 April).
decision = st.tuples(st.integers(0, 2), st.sampled_from(RoutingTrack.values),
                     st.sampled_from([0, 1, 2, 3, 4, 5, 33, 34, 60, 62, 80, 92, 93, 95, 120]))
# Whole months, parts of the first and last, one whole month, one day, past the last decision's month.
decision_period = st.sampled_from([(START, END), (day(4), day(80)), (day(3), day(33)), (day(34), day(34)),
                                   (day(5), day(95))])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(people=st.lists(person, min_size=1, max_size=2), decisions=st.lists(decision, min_size=2, max_size=8),
       filters=population, period=decision_period)
def test_participants_by_response_equal_the_latest_decision_read_row_by_row(center, people, decisions, filters,
                                                                            period):
    """From the summary tables (no population filter) and from the rows (a filter), the same counts."""
    start, end = period
    with transaction.atomic():
        made = [ParticipantFactory(center=center, gender=p["gender"], single_parent=p["single_parent"])
                for p in people]
        for who, response, offset in decisions:
            RoutingDecision.objects.create(participant=made[who % len(made)], decided_on=day(offset),
                                           model_version="1", recommended_response=response, response=response)
        scope = Scope([center], Filters(date_from=start, date_to=end, **filters), today=TODAY)
        latest = {}
        for participant_id, response in (RoutingDecision.objects.filter(decided_on__range=(start, end),
                                                                         **{f"participant__{k}": v
                                                                            for k, v in filters.items()})
                                         .order_by("decided_on", "pk").values_list("participant_id", "response")):
            latest[participant_id] = response
        plain = Counter(latest.values())
        assert participants_by_response(scope)[center.pk] == {r: plain[r] for r in RoutingTrack.values}
        transaction.set_rollback(True)


journey_step = st.tuples(st.sampled_from(["intake", "active", "paused", "placed", "closed"]), st.integers(0, 6))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(histories=st.lists(st.lists(journey_step, min_size=1, max_size=4), min_size=1, max_size=4),
       placed=st.lists(st.integers(0, 3), max_size=2))
def test_status_then_and_placement_denominator_equal_the_history_read_row_by_row(center, histories, placed):
    # Short histories on a few days around the period's start (2026-01-01 = day 3): many same-day changes, so the
    # tie-breaks (date, then record) decide.
    with transaction.atomic():
        people = []
        for steps in histories:
            participant = ParticipantFactory(center=center)
            for status, offset in steps:
                StatusChange.objects.create(participant=participant, status=status, changed_on=day(offset),
                                            reason="moved" if status == "closed" else "")
            people.append(participant)
        for who in placed:
            Placement.objects.create(participant=people[who % len(people)], role="x", start_date=day(5),
                                     hours_per_week=40, monthly_wage=6000, contract_type="permanent")
        for start, end in ((START, END), (day(0), day(4))):
            scope = Scope([center], Filters(date_from=start, date_to=end), today=TODAY)
            statuses, in_accompaniment, with_placement = Counter(), 0, 0
            for participant in people:
                history = sorted((c.changed_on, c.recorded_at, c.pk, c.status)
                                 for c in participant.status_changes.all())
                until = [h for h in history if h[0] <= end]
                if until:
                    statuses[until[-1][3]] += 1
                before = sorted((h[0], h[2], h[3]) for h in history if h[0] < start)
                if any(h[3] == "active" for h in until) and not (before and before[-1][2] == "closed"):
                    in_accompaniment += 1
                    with_placement += participant.placements.filter(start_date__range=(start, end)).exists()
            counted = participants_by_status(scope)[center.pk]
            assert counted == {s: statuses[s] for s in JourneyStatus.values}
            rate = INDICATORS_BY_CODE["placement_rate"].compute(scope)[center.pk]
            assert (rate.numerator, rate.denominator) == (with_placement, in_accompaniment)
        transaction.set_rollback(True)
