"""The figures counted by grouped database queries equal the straightforward recomputation from raw rows.

For random small data (hypothesis): placement rate, retention at 3/6/12 months, advancement, the three "who the
center serves" shares and new active participants, per center, with and without a population filter, zero
denominators included. And the dashboard's query count does not grow with the data.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.participants.indicators import new_active_by_month, years_ago
from hizdamnut.participants.models import Participant, StatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.models import FollowUp, Placement
from hizdamnut.placements.rules import add_months
from hizdamnut.reports.dashboard import build_dashboard
from hizdamnut.reports.indicators import INDICATORS_BY_CODE, Filters, Scope

pytestmark = pytest.mark.django_db
START, END, TODAY = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 11, 1)
BASE = datetime.date(2024, 11, 1)  # data days are offsets from here, up to TODAY
SPAN = (TODAY - BASE).days
EMPLOYED = ("same", "other")

follow_up = st.fixed_dictionaries({
    "months": st.sampled_from([1, 3, 6, 12]), "done": st.none() | st.integers(0, 60),
    "employment": st.sampled_from(["same", "other", "none"]), "advanced": st.booleans(),
})
placement = st.fixed_dictionaries({"start": st.integers(0, SPAN), "follow_ups": st.lists(follow_up, max_size=3)})
person = st.fixed_dictionaries({
    "center": st.integers(0, 1), "gender": st.sampled_from(["female", "male"]), "single_parent": st.booleans(),
    "city": st.sampled_from(["home", "region", "far"]), "file": st.none() | st.integers(-1500, SPAN),
    "steps": st.lists(st.tuples(st.sampled_from(["intake", "active", "paused", "placed", "closed"]),
                                st.integers(0, SPAN)), min_size=0, max_size=4),
    "placements": st.lists(placement, max_size=2),
})
population = st.sampled_from([{}, {"gender": "female"}, {"single_parent": True}, {"gender": "male",
                                                                                   "single_parent": True}])


def day(offset):
    return BASE + datetime.timedelta(days=offset)


def share(numerator, denominator):
    if not denominator:
        return None
    return float(Decimal(str(100 * numerator / denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def ratio(numerator, denominator):
    if not denominator:
        return None
    value = Decimal(numerator) * 100 / Decimal(str(denominator))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def build(people, centers):
    cities = {c.pk: (c.city, City.objects.filter(region=c.region).exclude(pk=c.city_id).first(),
                     City.objects.exclude(region=c.region).first()) for c in centers}
    for spec in people:
        center = centers[spec["center"]]
        home, region, far = cities[center.pk]
        participant = ParticipantFactory(
            center=center, gender=spec["gender"], single_parent=spec["single_parent"],
            city={"home": home, "region": region or home, "far": far}[spec["city"]],
            has_welfare_file=spec["file"] is not None,
            welfare_file_last_active=day(spec["file"]) if spec["file"] is not None else None)
        for status, offset in spec["steps"]:
            StatusChange.objects.create(participant=participant, status=status, changed_on=day(offset),
                                        reason="moved" if status == "closed" else "")
        if spec["steps"]:
            last = max(spec["steps"], key=lambda s: s[1])  # ties: any one; the figures read the history only
            participant.status = last[0]
            participant.save(update_fields=["status"])
        for job in spec["placements"]:
            made = Placement.objects.create(participant=participant, role="x", start_date=day(job["start"]),
                                            hours_per_week=40, monthly_wage=6000, contract_type="permanent")
            for item in {f["months"]: f for f in job["follow_ups"]}.values():
                FollowUp.objects.create(
                    placement=made, months_after=item["months"], due_on=add_months(made.start_date, item["months"]),
                    done_on=None if item["done"] is None else made.start_date + datetime.timedelta(days=item["done"]),
                    employment="" if item["done"] is None else item["employment"],
                    advancement=["raise"] if item["advanced"] else [])


def in_population(participant, filters):
    return all(getattr(participant, name) == value for name, value in filters.items())


def expected(center, filters):
    """Every changed figure, computed the plain way from the rows of one center."""
    people = [p for p in Participant.objects.filter(center=center).select_related("city")
              if in_population(p, filters)]
    placed = in_accompaniment = 0
    region = holders = new_active = 0
    retention = {m: [0, 0] for m in (3, 6, 12)}
    followed, advanced = set(), set()
    for p in people:
        steps = sorted((c.changed_on, c.pk, c.status) for c in p.status_changes.all())
        history = [s for s in steps if s[0] <= END]
        before = [s[2] for s in history if s[0] < START]
        if any(s[2] == "active" for s in history) and not (before and before[-1] == "closed"):
            in_accompaniment += 1  # who the center serves: the same people
            placed += any(START <= j.start_date <= END for j in p.placements.all())
            region += p.city_id != center.city_id and p.city.region_id == center.region_id
            holders += p.has_welfare_file and (p.welfare_file_last_active is None
                                               or p.welfare_file_last_active >= years_ago(END, 3))
        first_active = min((s[0] for s in steps if s[2] == "active"), default=None)
        new_active += first_active is not None and START <= first_active <= END
        for job in p.placements.all():
            for f in job.follow_ups.all():
                if f.done_on is not None and f.months_after in retention and (
                        START <= add_months(job.start_date, f.months_after) <= END):
                    retention[f.months_after][1] += 1
                    retention[f.months_after][0] += f.employment in EMPLOYED
                if f.done_on is not None and START <= f.done_on <= END and f.employment in EMPLOYED:
                    followed.add(job.pk)
                    if f.advancement:
                        advanced.add(job.pk)
    return {
        "placement_rate": (share(placed, in_accompaniment), placed, in_accompaniment),
        **{f"retention_{m}": (share(kept, n), kept, n) for m, (kept, n) in retention.items()},
        "advancement": (share(len(advanced), len(followed)), len(advanced), len(followed)),
        "region_residents_share": (ratio(region, in_accompaniment), region, in_accompaniment),
        "file_holders_share": (ratio(holders, in_accompaniment), holders, in_accompaniment),
        "welfare_profile_share": (ratio(in_accompaniment - holders, in_accompaniment), in_accompaniment - holders,
                                  in_accompaniment) if in_accompaniment else (None, 0, 0),
        "new_active_participants": (new_active, new_active, None),
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(people=st.lists(person, max_size=6), filters=population)
def test_grouped_figures_equal_the_plain_recomputation(center, other_center, people, filters):
    with transaction.atomic():
        build(people, [center, other_center])
        scope = Scope([center, other_center], Filters(date_from=START, date_to=END, **filters), today=TODAY)
        for code, by_hand in ((c, {cid.pk: expected(cid, filters)[c] for cid in (center, other_center)})
                              for c in expected(center, filters)):
            figures = INDICATORS_BY_CODE[code].compute(scope)
            for cid, (value, numerator, denominator) in by_hand.items():
                result = figures[cid]
                assert (result.value, result.numerator, result.denominator) == (value, numerator, denominator), code
        by_month = new_active_by_month(scope)
        for cid in (center, other_center):
            plain = {key: 0 for key in by_month[cid.pk]}
            for p in Participant.objects.filter(center=cid):
                if not in_population(p, filters):
                    continue
                first = min((c.changed_on for c in p.status_changes.all() if c.status == "active"), default=None)
                if first is not None and START <= first <= END:
                    plain[first.strftime("%Y-%m")] += 1
            assert by_month[cid.pk] == plain
        transaction.set_rollback(True)


def test_retention_counts_a_month_end_start_at_its_clamped_mark(center):
    # 31 August + 6 months = 28 February: counted in a period that ends on 28 February, not before.
    build([{"center": 0, "gender": "female", "single_parent": False, "city": "home", "file": None,
            "steps": [("active", 0)], "placements": []}], [center])
    job = Placement.objects.create(participant=Participant.objects.get(), role="x",
                                   start_date=datetime.date(2025, 8, 31), hours_per_week=40, monthly_wage=6000,
                                   contract_type="permanent")
    FollowUp.objects.create(placement=job, months_after=6, due_on=datetime.date(2026, 2, 28),
                            done_on=datetime.date(2026, 3, 1), employment="same")
    compute = INDICATORS_BY_CODE["retention_6"].compute
    in_february = compute(Scope([center], Filters(date_from=datetime.date(2026, 2, 28),
                                                  date_to=datetime.date(2026, 2, 28))))
    before = compute(Scope([center], Filters(date_from=datetime.date(2026, 2, 1), date_to=datetime.date(2026, 2, 27))))
    assert in_february[center.pk].denominator == 1 and before[center.pk].denominator == 0


def test_the_dashboard_costs_the_same_queries_at_two_data_sizes(center, other_center, staff):
    national = staff(Role.NATIONAL_VIEWER, centers=[])
    filters = Filters(date_from=START, date_to=END)
    one = {"center": 0, "gender": "female", "single_parent": True, "city": "region", "file": 400,
           "steps": [("intake", 300), ("active", 320), ("placed", 400)],
           "placements": [{"start": 400, "follow_ups": [{"months": 3, "done": 5, "employment": "same",
                                                          "advanced": True}]}]}
    counts = []
    for size in (1, 8):
        with transaction.atomic():
            build([{**one, "center": n % 2} for n in range(size)], [center, other_center])
            build_dashboard(national, filters, today=TODAY)  # warm the per-process caches
            with CaptureQueriesContext(connection) as queries:
                build_dashboard(national, filters, today=TODAY)
            counts.append(len(queries))
            transaction.set_rollback(True)
    assert counts[0] == counts[1]
