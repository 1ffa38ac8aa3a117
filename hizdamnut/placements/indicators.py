"""Outcome indicators: each defined once in docs/indicators.md and computed by ONE function here; and the
funnel from inquiry to placement, and the overdue follow-ups per worker, for the dashboard.

Pages, the API and `manage.py outcome_report` all call these. Every function takes the centers to count
(`centers`: an iterable of Center or None for all) and an inclusive period `start`..`end`, and optionally
the people to count (`participants`: a Participant queryset or ids; None for everyone), which narrows the
numerator and the denominator alike. A zero denominator gives `value=None` (shown "—"), never a made-up 0%.
"""

import datetime
from collections import Counter
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers import indicators as registry
from hizdamnut.centers.indicators import (
    Result,
    Snapshot,
    median_days,
    pooled,
    ratio_result,
    register_monthly,
    register_snapshot,
    whole_if_integral,
)
from hizdamnut.centers.models import YearlyTarget
from hizdamnut.centers.summaries import IdSet, by_next_month, last_of_period, month_end, month_of, neighbour
from hizdamnut.inquiries.indicators import inquiries_in
from hizdamnut.inquiries.models import InquiryStatusChange
from hizdamnut.participants.indicators import activated_by, first_activations, status_changed_between, years_ago
from hizdamnut.participants.models import JourneyStatus, Participant, StatusChange

from .models import Employment, FollowUp, Placement, hourly
from .rules import add_months


@dataclass
class Outcome:
    code: str
    label: str
    numerator: float
    denominator: int
    value: float | None
    unit: str  # "%" (share), "mean", "₪" (mean amount)

    def as_dict(self):
        data = asdict(self)
        data["label"] = str(self.label)
        return data

    @property
    def display(self):
        if self.value is None:
            return "—"
        return f"{self.value}%" if self.unit == "%" else f"{self.value}"


def _round(number, places=1):
    return float(Decimal(str(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _share(code, label, numerator, denominator):
    value = _round(100 * numerator / denominator) if denominator else None
    return Outcome(code, label, numerator, denominator, value, "%")


def _mean(code, label, values, unit, places=1):
    total = sum(values)
    value = _round(total / len(values), places) if values else None
    return Outcome(code, label, _round(total, 2), len(values), value, unit)


EMPLOYED = (Employment.SAME, Employment.OTHER)


def _scoped(queryset, path, centers, participants=None):
    """Rows of the given centers (None: all) and people (None: everyone); `path` leads to the participant."""
    if centers is not None:
        queryset = queryset.filter(**{f"{path}__center__in": [getattr(c, "pk", c) for c in centers]})
    if participants is not None:
        queryset = queryset.filter(**{f"{path}__in": _people(participants)})
    return queryset


def _people(participants):
    """A Participant queryset as is (a subquery), anything else as a list of ids (so it can be read twice)."""
    if participants is None or isinstance(participants, QuerySet):
        return participants
    return [getattr(p, "pk", p) for p in participants]


def _center_ids(centers):
    return None if centers is None else [getattr(c, "pk", c) for c in centers]


def _follow_ups_of_centers(scope, follow_ups):
    """`follow_ups` of the scope's centers (their placements' participants' centers). For one center on
    PostgreSQL, read through that center's placements, found once per request as one array of ids
    (`cached_across`): otherwise PostgreSQL reads the whole country's follow-ups of the days, each with its
    placement and participant, to keep the center's. At national scale, a center's month counted again after a
    write (advancement, retention and the unrecorded follow-ups): 60–140 ms a figure (a whole month or a few
    days), 8–25 ms through the ids, found once in about 50 ms."""
    db = follow_ups.db
    if len(scope.center_ids) != 1 or connections[db].vendor != "postgresql":
        return follow_ups.filter(placement__participant__center_id__in=scope.center_ids)
    ids = scope.cached_across(("placements of the centers", db, tuple(scope.center_ids)), lambda: list(
        Placement.objects.using(db).filter(participant__center_id__in=scope.center_ids)
        .values_list("pk", flat=True)))
    return follow_ups.filter(placement_id__any_of=ids)


def _total(code, label, shares):
    """One share over several centers: sums of numerators and denominators (a person or placement belongs to
    one center, so nothing is counted twice)."""
    return _share(code, label, sum(n for n, _d in shares.values()), sum(d for _n, d in shares.values()))


def _per_center(code, label, shares, center_ids):
    return {cid: _share(code, label, *shares.get(cid, (0, 0))) for cid in center_ids}


def _in_accompaniment(people, start, end):
    """The people of `people` in active accompaniment during [start, end]: activated by its end, and their latest
    change before its start (by date, then record) is not a closing (see placement_rate)."""
    return people.filter(Exists(activated_by(end))).filter(~Exists(_closed_last_before(start, "pk")))


def _closed_last_before(start, participant):
    """The closing that is its participant's latest change before `start`, for the participant named by the outer
    field `participant` (anti-joins, not a lookup per person)."""
    before = StatusChange.objects.filter(changed_on__lt=start)
    later = before.filter(participant=OuterRef("participant_id")).filter(
        Q(changed_on__gt=OuterRef("changed_on")) | Q(changed_on=OuterRef("changed_on"), pk__gt=OuterRef("pk")))
    return before.filter(participant=OuterRef(participant), status=JourneyStatus.CLOSED).filter(~Exists(later))


def region_resident(path=""):
    """A person (at `path`, e.g. "participant__") who lives in another city of their center's region."""
    return ExpressionWrapper(~Q(**{f"{path}city_id": F(f"{path}center__city_id")})
                             & Q(**{f"{path}city__region_id": F(f"{path}center__region_id")}), BooleanField())


def file_holder(day, path=""):
    """A person with a social-services file active in the three years before `day` (last active empty or later)."""
    return Q(**{f"{path}has_welfare_file": True}) & (
        Q(**{f"{path}welfare_file_last_active__isnull": True})
        | Q(**{f"{path}welfare_file_last_active__gte": years_ago(day, 3)}))


def file_floor(day):
    """The first month of a file's last activity that the counts on `day` keep (see _mix_keys): the month three
    years before it. A period ending on or after `day` reads only the months after the one three years before its
    end, so a snapshot carried from one day to a later one may keep a month that has left its floor: never read."""
    return month_of(years_ago(day, 3))


def _mix_keys(region, has_file, file_month, floor=None):
    """The keys under which a person adds to the counts of who the center serves: "" (everyone), "region" (a region
    resident), "file" (a file holder with no end of activity), "file YYYY-MM" (one last active that month, kept
    from `floor` on; older ones can no longer count for any period those counts serve)."""
    keys = [""]
    if region:
        keys.append("region")
    if has_file:
        if file_month is None:
            keys.append("file")
        elif floor is None or file_month >= floor:
            keys.append(f"file {file_month:%Y-%m}")
    return keys


def _mix_columns(path=""):
    return {"region": region_resident(path),
            "file_month": TruncMonth(f"{path}welfare_file_last_active", output_field=DateField())}


def _accompaniment_counts(people, start, end):
    """{center_id: (placed, in active accompaniment, region residents, file holders)} of `people` during [start,
    end], from the rows in one grouped query: the placement rate (see placement_rate) and who the center serves
    share the population."""
    placed = Exists(Placement.objects.filter(participant=OuterRef("pk"), start_date__gte=start, start_date__lte=end))
    rows = (_in_accompaniment(people, start, end).values("center_id")
            .annotate(n=Count("pk"), placed=Count("pk", filter=placed),
                      region=Count("pk", filter=Q(region_resident())), holders=Count("pk", filter=file_holder(end)))
            .order_by())
    return {row["center_id"]: (row["placed"], row["n"], row["region"], row["holders"]) for row in rows}


def _placement_counts(*, center_ids, start, end, participants=None):
    """{center_id: (placed, in active accompaniment)} in one grouped query (see placement_rate), from the rows:
    the definition, and the count for a population filter."""
    people = Participant.objects.all()
    if center_ids is not None:
        people = people.filter(center_id__in=center_ids)
    if participants is not None:
        people = people.filter(pk__in=_people(participants))
    return {cid: counts[:2] for cid, counts in _accompaniment_counts(people, start, end).items()}


def _accompaniment_on(scope, day, among=None):
    """The summary tables' snapshot "accompaniment": {center_id: {"activated <key>": participants activated by
    `day`, "closed <key>": those of them whose latest change by `day` (by date, then record) is a closing}} (among
    the participants given), each under the keys of who the center serves (`_mix_keys`, "" → "activated" and
    "closed"). The placement rate's denominator and who the center serves are made of these (see
    _accompaniment_shares)."""
    latest = StatusChange.objects.filter(participant=OuterRef("pk"), changed_on__lte=day).order_by(
        "-changed_on", "-pk").values("status")[:1]
    people = scope.participants()
    if among is not None:
        people = people.filter(pk__any_of=among)
    rows = (people
            .filter(Exists(activated_by(day)))
            .annotate(status_then=Subquery(latest), **_mix_columns())
            .values_list("center_id", "status_then", "region", "has_welfare_file", "file_month")
            .annotate(n=Count("pk")).order_by())
    floor, result = file_floor(day), {}
    for center_id, status, region, has_file, file_month, n in rows:
        counts = result.setdefault(center_id, Counter())
        for key in _mix_keys(region, has_file, file_month, floor):
            counts[f"activated {key}".strip()] += n
            if status == JourneyStatus.CLOSED:
                counts[f"closed {key}".strip()] += n
    return result


register_snapshot("accompaniment", Snapshot(_accompaniment_on, status_changed_between))


def _accompaniment_shares(scope):
    """{center_id: Counter} of the participants in active accompaniment during the scope's period: "" (all of
    them), "region", "holders" (file holders; see _mix_keys), and, counted from the rows only, "placed" (placed in
    it; see _placement_shares). Read from the rows when the scope does not read the summary tables; otherwise
    they add up from them:

        in accompaniment = activated by the end − closed before the start, among those activated by the end
                         = accompaniment(end)["activated"] − accompaniment(start − 1 day)["closed"]
                           − (first activated in the period, after a closing before it)

    key by key (the placement rate's numerator then counts only the people placed in the period, found by the
    placements' start date), so the work is the period's first activations, not every participant's history. File
    holders are those kept by months after the month three years before the period's end, and, for that month,
    the people last active from that day on, counted from the rows (a month of files)."""
    return scope.cached("accompaniment shares", lambda: _compute_accompaniment_shares(scope))


def _compute_accompaniment_shares(scope):
    start, end = scope.date_from, scope.date_to
    people = scope.participants()
    if not scope.reads_summaries:
        return {cid: Counter(dict(zip(("placed", "", "region", "holders"), counts, strict=True)))
                for cid, counts in _accompaniment_counts(people, start, end).items()}
    activated = scope.on_day("accompaniment", end)
    closed = scope.on_day("accompaniment", start - datetime.timedelta(days=1))
    reopened = _reopened_by_key(scope, start, end)
    cut = years_ago(end, 3)
    boundary = f"{month_of(cut):%Y-%m}"
    result = {}
    for cid in scope.center_ids:
        counts = Counter()
        for source, kind, sign in ((activated, "activated", 1), (closed, "closed", -1)):
            for key, n in source.get(cid, {}).items():
                head, _sep, rest = key.partition(" ")
                if head == kind:
                    counts[rest] += sign * n
        counts.subtract(reopened.get(cid, {}))
        served = Counter({"": counts[""], "region": counts["region"], "holders": counts["file"] + sum(
            n for key, n in counts.items() if key.startswith("file ") and key[5:] > boundary)})
        result[cid] = served
    last_active_from_cut = people.filter(has_welfare_file=True,
                                         welfare_file_last_active__range=(cut, month_end(month_of(cut))))
    for cid, n in (_in_accompaniment(last_active_from_cut, start, end).values_list("center_id")
                   .annotate(n=Count("pk")).order_by()):
        result[cid]["holders"] += n
    return result


def _placement_shares(scope):
    """{center_id: (placed, in active accompaniment)} for a scope (see _accompaniment_shares)."""
    shares = _accompaniment_shares(scope)
    if scope.reads_summaries:
        start, end = scope.date_from, scope.date_to

        def count(centers):
            # The placements of the period and the status changes up to its end mark its months (a change before
            # it marks every later month), so a center's count holds until a write marks one of them.
            placed_people = scope.summaries.raw_scope(centers, start, end).participants().filter(
                pk__in=Placement.objects.filter(start_date__range=(start, end)).values("participant_id"))
            return {cid: {"": n} for cid, n in _in_accompaniment(placed_people, start, end).values_list("center_id")
                    .annotate(n=Count("pk")).order_by()}

        # Counted per center once and kept: 58,000 people placed in a year nationally, each checked against their
        # status history, cost every many-center dashboard 0.25 s.
        placed = {cid: counts[""] for cid, counts in scope.summaries.kept("placed", start, end, count).items()}
    else:
        placed = {cid: counts["placed"] for cid, counts in shares.items()}
    return {cid: (placed.get(cid, 0), shares.get(cid, Counter())[""]) for cid in scope.center_ids}


def _reopened_counts(scope, start, end):
    """The summary tables' figure "reopened": the participants first activated in [start, end] after a closing,
    {center_id: {"<closing day> <next change's day>[ <key>]": n}}, one key for each closing before the first
    activation that the next change (by date, then record) follows on a later day, and for each key of who the
    center serves (`_mix_keys`, "" without a suffix). Such a participant's latest change before a day S is that
    closing exactly when closing day < S ≤ next change's day, so a period's count picks its keys from the sum of
    any split of its days (`_reopened_by_key`). A rare case: the days' first activations are found first, then
    only those people's closings are read. (In one query, with a program's people, PostgreSQL read every closing
    of the country's history instead: 0.95 s for each month of the program's summary tables, against 0.1 s.)"""
    earlier_activation = StatusChange.objects.filter(
        participant=OuterRef("participant_id"), status=JourneyStatus.ACTIVE, changed_on__lte=OuterRef("changed_on"))
    activated = IdSet(first_activations(scope, start, end).values_list("participant_id", flat=True).order_by())
    rows = (StatusChange.objects
            .filter(status=JourneyStatus.CLOSED, participant_id__any_of=activated)
            .filter(~Exists(earlier_activation))
            .annotate(next_day=neighbour(StatusChange.objects.all(), "participant_id", "changed_on", "changed_on"),
                      **_mix_columns("participant__"))
            .filter(next_day__gt=F("changed_on"))
            .values_list("participant__center_id", "changed_on", "next_day", "region",
                         "participant__has_welfare_file", "file_month")
            .annotate(n=Count("participant_id"))
            .order_by())
    result = {}
    for center_id, closed_on, next_day, region, has_file, file_month, n in rows:
        for key in _mix_keys(region, has_file, file_month):
            result.setdefault(center_id, Counter())[f"{closed_on:%Y-%m-%d} {next_day:%Y-%m-%d} {key}".strip()] += n
    return result


register_monthly("reopened", _reopened_counts)


def _reopened_by_key(scope, start, end):
    """{center_id: Counter(key of who the center serves -> participants first activated in [start, end] whose
    latest change before `start` is a closing)}: the keys of "reopened" whose closing day < start ≤ next change's
    day (ISO days compare as text)."""
    result = {}
    for center_id, counts in scope.monthly("reopened", start, end).items():
        by_key = result.setdefault(center_id, Counter())
        for key, n in counts.items():
            closed_on, next_day, *rest = key.split(" ", 2)
            if closed_on < start.isoformat() <= next_day:
                by_key[rest[0] if rest else ""] += n
    return result


def _first_activated_after_a_closing(scope, start, end):
    """{center_id: participants first activated in [start, end] whose latest change before `start` is a
    closing}."""
    return {center_id: counts[""] for center_id, counts in _reopened_by_key(scope, start, end).items()}


# ------------------------------------------------------------------ who the center serves


def _served(scope):
    """{center_id: (served, region residents, file holders)}: the participants in active accompaniment during the
    period, as the placement rate's denominator counts them."""
    shares = _accompaniment_shares(scope)
    return {cid: tuple(shares.get(cid, Counter())[key] for key in ("", "region", "holders"))
            for cid in scope.center_ids}


def region_residents_share(scope):
    """Served participants who live in the center's region but not in its city (cap: 30%)."""
    return {cid: ratio_result(region, served) for cid, (served, region, _holders) in _served(scope).items()}


def file_holders_share(scope):
    """Served participants with an active social-services file (the mix asks for about 70%)."""
    return {cid: ratio_result(holders, served) for cid, (served, _region, holders) in _served(scope).items()}


def welfare_profile_share(scope):
    """Served participants without an active file, who come in on a welfare profile (about 30%)."""
    return {cid: ratio_result(served - holders, served) if served else Result(None, 0, 0)
            for cid, (served, _region, holders) in _served(scope).items()}


def placement_rate(*, centers, start, end, participants=None):
    """Share of participants in active accompaniment during the period whose placement started in it.

    In accompaniment: became active by the period's end and the last status before the period is not
    "closed". Counted in the database, grouped by center."""
    shares = _placement_counts(center_ids=_center_ids(centers), start=start, end=end, participants=participants)
    return _total("placement", _("Placement"), shares)


def placement_rate_by_center(scope):
    """The placement rate per center (see placement_rate), from the summary tables where the scope reads them."""
    shares = _placement_shares(scope)
    outcomes = _per_center("placement", _("Placement"), shares, scope.center_ids)
    return {cid: Result(o.value, whole_if_integral(o.numerator), o.denominator) for cid, o in outcomes.items()}


def start_dates_marking(months, start, end):
    """The inclusive range of start dates whose N-month mark (`add_months`, which clamps to the month's end)
    falls in [start, end]: the mark grows with the start date, so the dates form one range."""
    low = add_months(start, -months) - datetime.timedelta(days=40)
    while add_months(low, months) < start:
        low += datetime.timedelta(days=1)
    high = add_months(end, -months) + datetime.timedelta(days=40)
    while add_months(high, months) > end:
        high -= datetime.timedelta(days=1)
    return low, high


def _retention_rows(marks, *, center_ids, start, end, participants=None, scope=None):
    """{(center_id, months): (still employed, follow-ups counted)} of the given marks falling in [start, end], in
    one grouped query (see retention_at); with a `scope`, of its centers (`_follow_ups_of_centers`)."""
    falling = Q()
    for months in marks:
        falling |= Q(months_after=months, placement__start_date__range=start_dates_marking(months, start, end))
    follow_ups = FollowUp.objects.filter(falling, done_on__isnull=False)
    if scope is not None:
        follow_ups = _follow_ups_of_centers(scope, follow_ups)
    follow_ups = _scoped(follow_ups, "placement__participant", center_ids, participants)
    rows = (follow_ups.values_list("placement__participant__center_id", "months_after")
            .annotate(n=Count("pk"), kept=Count("pk", filter=Q(employment__in=EMPLOYED))).order_by())
    return {(center_id, months): (kept, n) for center_id, months, n, kept in rows}


def _retention_counts(months, *, center_ids, start, end, participants=None):
    """{center_id: (still employed, follow-ups counted)} of one mark."""
    return {center_id: counts for (center_id, _months), counts in _retention_rows(
        (months,), center_ids=center_ids, start=start, end=end, participants=participants).items()}


def _retention_label(months):
    return _("Retention at %(months)s months") % {"months": months}


def retention_at(months, *, centers, start, end, participants=None):
    """Share of placements whose N-month mark falls in the period, with that follow-up recorded, still employed."""
    shares = _retention_counts(months, center_ids=_center_ids(centers), start=start, end=end,
                               participants=participants)
    return _total(f"retention_{months}", _retention_label(months), shares)


def _retention_counts_by_mark(scope, start, end):
    """The summary tables' figure "retention": {center_id: {"months": follow-ups counted, "months:kept": still
    employed}} of the dashboard's three marks falling in [start, end], in one grouped query."""
    participants = scope.participants() if scope.narrows_population else None
    counts = {}
    for (center_id, months), (kept, n) in _retention_rows(RETENTION_MARKS, center_ids=None, start=start, end=end,
                                                          participants=participants, scope=scope).items():
        counts.setdefault(center_id, {}).update({f"{months}": n, f"{months}:kept": kept})
    return counts


RETENTION_MARKS = (3, 6, 12)
register_monthly("retention", _retention_counts_by_mark)


def retention_by_center(months):
    """The dashboard's retention at one mark, per center: the three marks are counted once per scope."""
    def compute(scope):
        counts = scope.cached("retention", lambda: scope.monthly("retention", scope.date_from, scope.date_to))
        shares = {cid: (c.get(f"{months}:kept", 0), c[f"{months}"]) for cid, c in counts.items()
                  if c.get(f"{months}")}
        outcomes = _per_center(f"retention_{months}", _retention_label(months), shares, scope.center_ids)
        return {cid: Result(o.value, whole_if_integral(o.numerator), o.denominator) for cid, o in outcomes.items()}

    compute.__name__ = f"retention_{months}"
    compute.__doc__ = retention_at.__doc__
    return compute


def retention_3(*, centers, start, end, participants=None):
    return retention_at(3, centers=centers, start=start, end=end, participants=participants)


def retention_6(*, centers, start, end, participants=None):
    return retention_at(6, centers=centers, start=start, end=end, participants=participants)


def retention_12(*, centers, start, end, participants=None):
    return retention_at(12, centers=centers, start=start, end=end, participants=participants)


def _recorded_in(centers, start, end, participants):
    return (_scoped(FollowUp.objects.filter(done_on__gte=start, done_on__lte=end), "placement__participant",
                    centers, participants).select_related("placement").order_by("placement_id", "done_on", "pk"))


def _latest_per_placement(follow_ups):
    latest = {}
    for follow_up in follow_ups:
        latest[follow_up.placement_id] = follow_up  # ordered by date, so the last one wins
    return latest


def _advancement_counts(*, center_ids, start, end, participants=None):
    """{center_id: (placements that advanced, placements followed up while employed)}, grouped in the database."""
    employed = _scoped(FollowUp.objects.filter(done_on__gte=start, done_on__lte=end, employment__in=EMPLOYED),
                       "placement__participant", center_ids, participants)
    rows = (employed.values("placement__participant__center_id")
            .annotate(n=Count("placement_id", distinct=True),
                      advanced=Count("placement_id", distinct=True, filter=~Q(advancement=[])))
            .order_by())
    return {row["placement__participant__center_id"]: (row["advanced"], row["n"]) for row in rows}


ADVANCED = ~Q(advancement=[])  # a follow-up recording an advancement


def _follow_up_sequences():
    """The two sequences of each placement's follow-ups that advancement counts: recorded while employed
    ("followed"), and those of them recording an advancement ("advanced")."""
    employed = FollowUp.objects.filter(done_on__isnull=False, employment__in=EMPLOYED)
    return {"followed": employed, "advanced": employed.filter(ADVANCED)}


def _follow_ups_by_next(scope, start, end):
    """The summary tables' figure "advancement": per sequence (see _follow_up_sequences), the follow-ups recorded
    in [start, end], and by the month of the placement's next one in the same sequence (a lookup per follow-up
    of the days counted), for `summaries.last_of_period`. One pass over the days' follow-ups for both sequences."""
    sequences = _follow_up_sequences()
    months = {}
    for category, sequence in sequences.items():
        months[f"{category}_in"] = TruncMonth(neighbour(sequence, "placement_id", "done_on", "done_on"),
                                              output_field=DateField())
    rows = (_follow_ups_of_centers(scope, scope.narrowed(sequences["followed"], "placement__participant"))
            .filter(done_on__range=(start, end))
            .annotate(**months, advanced=ExpressionWrapper(ADVANCED, output_field=BooleanField()))
            .values_list("placement__participant__center_id", "advanced", "followed_in", "advanced_in")
            .annotate(n=Count("pk")).order_by())
    return by_next_month(
        [(center_id, "followed", followed_in, n) for center_id, _a, followed_in, _in, n in rows]
        + [(center_id, "advanced", advanced_in, n) for center_id, grew, _in, advanced_in, n in rows if grew])


register_monthly("advancement", _follow_ups_by_next)


def _follow_ups_replaced_in(scope, *, since, start, end):
    """(center_id, sequence, n): the follow-ups recorded on or after `since` whose placement's next one in the
    same sequence was recorded in [start, end] (read from the follow-ups of those days, each with the one before)."""
    rows = []
    for category, sequence in _follow_up_sequences().items():
        before_on = neighbour(sequence, "placement_id", "done_on", "done_on", before=True)
        rows += [(center_id, category, n) for center_id, n in (
            _follow_ups_of_centers(scope, scope.narrowed(sequence, "placement__participant"))
            .filter(done_on__range=(start, end))
            .annotate(before_on=before_on).filter(before_on__gte=since)
            .values_list("placement__participant__center_id").annotate(n=Count("pk")).order_by())]
    return rows


def advancement_by_center(scope):
    """Advancement per center (see advancement): from the summary tables where the scope reads them (each
    placement once: its last follow-up of the period in each sequence, `summaries.last_of_period`), else from the
    rows."""
    if scope.reads_summaries:
        counts = last_of_period(scope, "advancement", scope.date_from, scope.date_to,
                                lambda **days: _follow_ups_replaced_in(scope, **days))
        shares = {cid: (c["advanced"], c["followed"]) for cid, c in counts.items()}
    else:
        shares = _advancement_counts(center_ids=scope.center_ids, start=scope.date_from, end=scope.date_to,
                                     participants=scope.participants() if scope.narrows_population else None)
    outcomes = _per_center("advancement", _("Advancement"), shares, scope.center_ids)
    return {cid: Result(o.value, whole_if_integral(o.numerator), o.denominator) for cid, o in outcomes.items()}


def advancement(*, centers, start, end, participants=None):
    """Share of placements followed up while employed in the period that recorded any advancement."""
    shares = _advancement_counts(center_ids=_center_ids(centers), start=start, end=end, participants=participants)
    return _total("advancement", _("Advancement"), shares)


def wage_growth(*, centers, start, end, participants=None):
    """Mean change (%) in hourly wage from the placement to its latest follow-up in the period, while employed."""
    changes = []
    employed = (f for f in _recorded_in(centers, start, end, participants) if f.still_employed)
    for follow_up in _latest_per_placement(employed).values():
        before = follow_up.placement.hourly_wage
        after = hourly(follow_up.monthly_wage, follow_up.hours_per_week)
        if before and after is not None:
            changes.append(100 * (after - before) / before)
    return _mean("wage_growth", _("Wage growth"), changes, "%")


def job_satisfaction(*, centers, start, end, participants=None):
    """Mean job satisfaction (1–5) over the follow-ups recorded in the period that gave one."""
    values = [f.satisfaction for f in _recorded_in(centers, start, end, participants) if f.satisfaction is not None]
    return _mean("job_satisfaction", _("Job satisfaction"), values, "mean", places=2)


def income_change(*, centers, start, end, participants=None):
    """Mean change (₪ a month) from income before the placement to earnings at the latest follow-up in the period."""
    changes = []
    for follow_up in _latest_per_placement(_recorded_in(centers, start, end, participants)).values():
        before = follow_up.placement.previous_monthly_income
        if before is None:
            continue
        after = follow_up.monthly_wage if follow_up.still_employed else Decimal(0)
        if after is None:
            continue
        changes.append(float(after - before))
    return _mean("income_change", _("Income change"), changes, "₪")


INDICATORS = [placement_rate, retention_3, retention_6, retention_12, advancement, wage_growth, job_satisfaction,
              income_change]


def all_indicators(*, centers, start, end, participants=None):
    participants = _people(participants)
    return [function(centers=centers, start=start, end=end, participants=participants) for function in INDICATORS]


# ------------------------------------------------------------------ on the dashboard (per center, in the registry)

DEFAULT_PLACEMENT_TARGET = 50.0


def placement_targets(scope):
    """{center_id: the center's placement-rate target (%)} for the year of the period's end (default 50%)."""
    targets = dict(YearlyTarget.objects.filter(center_id__in=scope.center_ids, year=scope.date_to.year)
                   .values_list("center_id", "placement_rate"))
    return {cid: float(targets.get(cid, DEFAULT_PLACEMENT_TARGET)) for cid in scope.center_ids}


def overdue_follow_ups_by_worker(worker_ids, scope):
    """{worker id: follow-ups past their due date and not recorded} of the participants of the scope's centers
    (narrowed by a population filter) each worker is responsible for, as of `scope.today`."""
    due = scope.narrowed(FollowUp.objects.all(), "placement__participant").filter(
        done_on__isnull=True, due_on__lt=scope.today, placement__participant__case_worker_id__in=worker_ids,
        placement__participant__center_id__in=scope.center_ids)
    # COUNT(*): the unrecorded follow-ups are read from their partial index alone (placements/models.py).
    return dict(due.values_list("placement__participant__case_worker_id").annotate(n=Count("*")).order_by())


def overdue_follow_ups_by_center(scope):
    """{center_id: follow-ups past their due date and not recorded} of the participants of the scope's centers
    (narrowed by a population filter), as of `scope.today`: the figure "unrecorded" of every month since the
    earliest one due, so the dashboard's scope reads the whole months from the summary tables — as built: the
    rows of a stale month are counted rather than the month built (a decade of months after a participant
    moved centers)."""
    first = (FollowUp.objects.filter(done_on__isnull=True, due_on__lt=scope.today)
             .aggregate(day=Min("due_on"))["day"])
    if first is None:
        return {}
    counts = scope.monthly_as_built("unrecorded", first, scope.today - datetime.timedelta(days=1))
    return {cid: by_key["due"] for cid, by_key in counts.items() if by_key.get("due")}


def _unrecorded_follow_ups(scope, start, end):
    """The summary tables' figure "unrecorded": {center_id: {"due": n}} of the follow-ups due in [start, end]
    and not recorded yet. As they are now, not as they were: recording, moving or deleting a follow-up touches
    the month it is due in (reports/signals.py; `schedule_follow_ups` touches the new ones)."""
    due = _follow_ups_of_centers(scope, scope.narrowed(FollowUp.objects.all(), "placement__participant")).filter(
        done_on__isnull=True, due_on__range=(start, end))
    rows = due.values_list("placement__participant__center_id").annotate(n=Count("*")).order_by()
    return {center_id: {"due": n} for center_id, n in rows}


register_monthly("unrecorded", _unrecorded_follow_ups)


FUNNEL_STAGES = ("inquiry", "screened", "intake", "routed", "placed")
# An inquiry has reached a stage once it has a status change to that stage or to a later one.
_STAGE_STATUSES = {
    "screened": ("screened", "intake_scheduled", "intake_held", "routed"),
    "intake": ("intake_held", "routed"),
    "routed": ("routed",),
}


def funnel(scope):
    """{center_id: {stage: {"reached": n, "days": {days from the previous stage: how many}}}} for the inquiries
    received in the period, each followed to today: a stage's date is the first status change to it (or a
    later stage), never before the previous stage's; "placed" is the first placement of the inquiry's
    participant starting on or after routing."""
    return scope.cached("funnel", lambda: _funnel(scope))


def _funnel(scope):
    """Per center and stage: how many of the period's inquiries reached it, and a histogram of whole days since
    the previous stage. Conversions are sums of it and medians are exact over it (`median_days`), so the work
    left to Python follows the centers and the distinct day counts, not the inquiries."""
    result = {cid: {stage: {"reached": 0, "days": Counter()} for stage in FUNNEL_STAGES} for cid in scope.center_ids}
    for center_id, counts in scope.monthly("funnel", scope.date_from, scope.date_to).items():
        for key, n in counts.items():
            stage, _sep, days = key.partition(":")
            if days:
                result[center_id][stage]["days"][int(days)] += n
            else:
                result[center_id][stage]["reached"] += n
    return result


def _funnel_counts(scope, start, end):
    """The summary tables' figure "funnel": {center_id: {"stage": reached, "stage:days": how many}} of the
    inquiries received in [start, end], each followed to today, in one grouped query."""
    inquiries = inquiries_in(scope, start, end).order_by().values(
        i_id=F("pk"), i_center=F("center_id"), i_received=F("received_on"), i_participant=F("participant_id"))
    alias = inquiries.db
    inquiries_sql, inquiries_params = inquiries.query.get_compiler(using=alias).as_sql()
    connection = connections[alias]
    statuses = [_STAGE_STATUSES[stage] for stage in ("screened", "intake", "routed")]
    sql = _FUNNEL_SQL.format(
        inquiries=inquiries_sql,
        changes=connection.ops.quote_name(InquiryStatusChange._meta.db_table),
        placements=connection.ops.quote_name(Placement._meta.db_table),
        reached=", ".join(f"MIN(CASE WHEN s.status IN ({', '.join(['%s'] * len(group))}) THEN s.changed_on END) "
                          f"AS c{n}" for n, group in enumerate(statuses, 1)),
        **{f"days_{n}": _days_between(connection, *pair) for n, pair in enumerate(
            (("i_received", "screened"), ("screened", "intake"), ("intake", "routed"), ("routed", "placed")), 1)},
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inquiries_params, *(s for group in statuses for s in group)])
        rows = cursor.fetchall()
    counts = {}
    for center_id, stage, days, n in rows:
        by_key = counts.setdefault(center_id, Counter())
        by_key[FUNNEL_STAGES[stage]] += n
        if stage:
            by_key[f"{FUNNEL_STAGES[stage]}:{int(days)}"] += n
    return counts


register_monthly("funnel", _funnel_counts)


def _days_between(connection, start, end):
    """SQL for the whole days from one date column to another (PostgreSQL subtracts dates; SQLite keeps them as
    ISO text)."""
    if connection.vendor == "sqlite":
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    return f"({end} - {start})"


# A stage's date: the first status change to it or a later stage. Each stage's statuses include the next
# stage's, so c1 <= c2 <= c3, and "never before the previous stage" is the latest of the inquiry's date and c_n.
_FUNNEL_SQL = """
WITH inquiry AS ({inquiries}),
reached AS (
    SELECT inquiry.i_id, inquiry.i_center, inquiry.i_received, inquiry.i_participant, {reached}
    FROM inquiry LEFT JOIN {changes} s ON s.inquiry_id = inquiry.i_id
    GROUP BY inquiry.i_id, inquiry.i_center, inquiry.i_received, inquiry.i_participant
),
dated AS (
    SELECT i_center, i_received, i_participant,
           CASE WHEN c1 IS NULL THEN NULL WHEN c1 > i_received THEN c1 ELSE i_received END AS screened,
           CASE WHEN c2 IS NULL THEN NULL WHEN c2 > i_received THEN c2 ELSE i_received END AS intake,
           CASE WHEN c3 IS NULL THEN NULL WHEN c3 > i_received THEN c3 ELSE i_received END AS routed
    FROM reached
),
staged AS (
    SELECT dated.*,
           CASE WHEN routed IS NULL THEN NULL ELSE (
               SELECT MIN(p.start_date) FROM {placements} p
               WHERE p.participant_id = dated.i_participant AND p.start_date >= dated.routed) END AS placed
    FROM dated
)
SELECT i_center, 0, 0, COUNT(*) FROM staged GROUP BY 1
UNION ALL
SELECT i_center, 1, {days_1}, COUNT(*) FROM staged WHERE screened IS NOT NULL GROUP BY 1, 3
UNION ALL
SELECT i_center, 2, {days_2}, COUNT(*) FROM staged WHERE intake IS NOT NULL GROUP BY 1, 3
UNION ALL
SELECT i_center, 3, {days_3}, COUNT(*) FROM staged WHERE routed IS NOT NULL GROUP BY 1, 3
UNION ALL
SELECT i_center, 4, {days_4}, COUNT(*) FROM staged WHERE placed IS NOT NULL GROUP BY 1, 3
"""


def _conversion(stage):
    before = FUNNEL_STAGES[FUNNEL_STAGES.index(stage) - 1]

    def compute(scope):
        return {cid: ratio_result(stages[stage]["reached"], stages[before]["reached"])
                for cid, stages in funnel(scope).items()}

    compute.__name__ = f"funnel_{stage}"
    return compute


def _median_days(stage):
    def compute(scope):
        return {cid: median_days(stages[stage]["days"]) for cid, stages in funnel(scope).items()}

    def total(scope, center_ids):
        data = funnel(scope)
        return median_days(pooled(data[cid][stage]["days"] for cid in center_ids))

    compute.__name__ = f"days_to_{stage}"
    compute.total = total
    return compute


funnel_screened, funnel_intake, funnel_routed, funnel_placed = (_conversion(s) for s in FUNNEL_STAGES[1:])
days_to_screened, days_to_intake, days_to_routed, days_to_placed = (_median_days(s) for s in FUNNEL_STAGES[1:])


def funnel_placed_overall(scope):
    """Inquiries of the period whose participant was placed ÷ inquiries of the period."""
    return {cid: ratio_result(stages["placed"]["reached"], stages["inquiry"]["reached"])
            for cid, stages in funnel(scope).items()}


def funnel_totals(scope, center_ids, labels):
    """Per stage, over the given centers: inquiries that reached it, conversion from the previous stage and median
    days (as funnel_* and days_to_* compute them). `labels`: {stage: label}."""
    data = funnel(scope)
    rows, before = [], None
    for stage in FUNNEL_STAGES:
        reached = sum(data[cid][stage]["reached"] for cid in center_ids)
        days = median_days(pooled(data[cid][stage]["days"] for cid in center_ids))
        rows.append({"stage": stage, "label": labels[stage], "reached": reached,
                     "conversion": None if before is None else registry.percent(reached, before),
                     "median_days": days.value if before is not None else None})
        before = reached
    return rows


registry.register(
    registry.Indicator(
        "region_residents_share", _("Region residents"), "percent", region_residents_share,
        _("Participants in accompaniment during the period who live in another city of the center's region ÷ "
          "all participants in accompaniment during the period. Residents of the center's city come first; "
          "region residents may be at most 30%."),
        numerator_label=_("region residents"), denominator_label=_("participants in accompaniment"),
        target=_("at most 30%"), target_value=30, higher_is_better=False,
        group="mix",
    ),
    registry.Indicator(
        "file_holders_share", _("Holders of a social-services file"), "percent", file_holders_share,
        _("Participants in accompaniment during the period who have had an active file at the social services "
          "department in the three years before the period's end ÷ all participants in accompaniment. "
          "The mix aims at about 70%."),
        numerator_label=_("file holders"), denominator_label=_("participants in accompaniment"),
        target=_("about 70%"), target_value=70,
        group="mix",
    ),
    registry.Indicator(
        "welfare_profile_share", _("Welfare-profile participants"), "percent", welfare_profile_share,
        _("Participants in accompaniment during the period without an active file, who joined on a welfare "
          "profile ÷ all participants in accompaniment. The mix aims at about 30%."),
        numerator_label=_("welfare-profile participants"), denominator_label=_("participants in accompaniment"),
        target=_("about 30%"), target_value=30,
        group="mix",
    ),
    registry.Indicator(
        "placement_rate", _("Placement rate"), "percent", placement_rate_by_center,
        _("Participants in active accompaniment during the period whose placement in work started in the period "
          "÷ participants in active accompaniment during the period (they became active by the period's end and "
          "were not closed before it). A participant counts once however many placements. "
          "Target: the center's yearly placement-rate target (default 50%)."),
        numerator_label=_("placed in the period"), denominator_label=_("in active accompaniment"),
        target=_("the center's target (default 50%)"), target_value=50,
        group="outcomes",
    ),
    registry.Indicator(
        "retention_3", _("Retention at 3 months"), "percent", retention_by_center(3),
        _("Placements whose 3-month mark (start date + 3 months) falls in the period and whose 3-month follow-up "
          "is recorded: the share still employed, with the same or another employer. Follow-ups not yet recorded "
          "are left out of both (they show as overdue)."),
        numerator_label=_("still employed"), denominator_label=_("follow-ups recorded"),
        group="outcomes",
    ),
    registry.Indicator(
        "retention_6", _("Retention at 6 months"), "percent", retention_by_center(6),
        _("As retention at 3 months, for the 6-month mark and follow-up."),
        numerator_label=_("still employed"), denominator_label=_("follow-ups recorded"),
        group="outcomes",
    ),
    registry.Indicator(
        "retention_12", _("Retention at 12 months"), "percent", retention_by_center(12),
        _("As retention at 3 months, for the 12-month mark and follow-up."),
        numerator_label=_("still employed"), denominator_label=_("follow-ups recorded"),
        group="outcomes",
    ),
    registry.Indicator(
        "advancement", _("Advancement"), "percent", advancement_by_center,
        _("Placements with a follow-up recorded in the period while employed: the share with at least one such "
          "follow-up recording an advancement (raise, promotion, more hours, training)."),
        numerator_label=_("placements that advanced"), denominator_label=_("placements followed up"),
        group="outcomes",
    ),
    registry.Indicator(
        "funnel_screened", _("Funnel: inquiry → screened"), "percent", funnel_screened,
        _("Inquiries received in the period that were screened (or went further) ÷ inquiries received in the "
          "period. Each inquiry is followed to today."),
        numerator_label=_("screened"), denominator_label=_("inquiries"),
        group="funnel",
    ),
    registry.Indicator(
        "funnel_intake", _("Funnel: screened → intake"), "percent", funnel_intake,
        _("Of the period's inquiries that were screened, the share whose intake meeting was held."),
        numerator_label=_("intake held"), denominator_label=_("screened"),
        group="funnel",
    ),
    registry.Indicator(
        "funnel_routed", _("Funnel: intake → routed"), "percent", funnel_routed,
        _("Of the period's inquiries whose intake meeting was held, the share routed to a response."),
        numerator_label=_("routed"), denominator_label=_("intake held"),
        group="funnel",
    ),
    registry.Indicator(
        "funnel_placed", _("Funnel: routed → placed"), "percent", funnel_placed,
        _("Of the period's inquiries that were routed, the share whose participant started a placement on or "
          "after the routing date."),
        numerator_label=_("placed"), denominator_label=_("routed"),
        group="funnel",
    ),
    registry.Indicator(
        "funnel_placed_overall", _("Funnel: inquiry → placed"), "percent", funnel_placed_overall,
        _("Inquiries received in the period whose participant has since been placed ÷ inquiries received in "
          "the period."),
        numerator_label=_("placed"), denominator_label=_("inquiries"),
        group="funnel",
    ),
    registry.Indicator(
        "days_to_screened", _("Median days: inquiry → screened"), "days", days_to_screened,
        _("Median number of days from the inquiry to its screening, over the period's inquiries that were "
          "screened. The total is the median over all those inquiries, not an average of medians."),
        denominator_label=_("inquiries screened"),
        group="funnel",
    ),
    registry.Indicator(
        "days_to_intake", _("Median days: screened → intake"), "days", days_to_intake,
        _("Median number of days from screening to the intake meeting, over the period's inquiries that "
          "reached intake."),
        denominator_label=_("intakes held"),
        group="funnel",
    ),
    registry.Indicator(
        "days_to_routed", _("Median days: intake → routed"), "days", days_to_routed,
        _("Median number of days from the intake meeting to the routing decision."),
        denominator_label=_("inquiries routed"),
        group="funnel",
    ),
    registry.Indicator(
        "days_to_placed", _("Median days: routed → placed"), "days", days_to_placed,
        _("Median number of days from the routing decision to the start of the first placement after it."),
        denominator_label=_("inquiries placed"),
        group="funnel",
    ),
)
