"""Indicators of the participants' journey: new active participants against the yearly target, and the
breakdowns by status and by month. (Who the center serves counts the placement rate's population:
hizdamnut/placements/indicators.py.)

Each follows the interface of `hizdamnut/centers/indicators.py` (a scope in, {center_id: Result} out);
definitions in docs/indicators.md.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DateField, Exists, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.indicators import (
    Indicator,
    Result,
    ScopeBase,
    Snapshot,
    count_result,
    one_decimal,
    ratio_result,
    register,
    register_monthly,
    register_snapshot,
)
from hizdamnut.centers.models import YearlyTarget

from .models import JourneyStatus, Participant, StatusChange


@dataclass
class PeriodScope(ScopeBase):
    """Every participant of the given centers over a period, or those of a segment (`population`: participant
    fields and their values, e.g. {"gender": "female"}; `conditions`: filters read from other records, e.g. an
    intake meeting recording a disability), as the summary tables count them."""

    centers: list
    date_from: datetime.date
    date_to: datetime.date
    today: datetime.date = field(default_factory=datetime.date.today)
    population: dict = field(default_factory=dict)
    conditions: tuple = ()
    shared: dict | None = field(default=None, repr=False, compare=False)  # the request's (`cached_across`)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def narrows_population(self):
        return bool(self.population or self.conditions)

    def participants(self, any_center=False):
        """The segment's participants of the scope's centers (`any_center`: of every center)."""
        people = Participant.objects.filter(*self.conditions, **self.population)
        return people if any_center else people.filter(center_id__in=self.center_ids)


def years_ago(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def activated_by(day):
    """For a participant subquery (OuterRef "pk"): a change to "active" on or before `day`."""
    return StatusChange.objects.filter(participant=OuterRef("pk"), status=JourneyStatus.ACTIVE, changed_on__lte=day)


def prorated_target(targets, center_id, start, end):
    """The share of the yearly targets that falls in [start, end] (a year's target spread evenly over its days)."""
    total = 0.0
    for year in range(start.year, end.year + 1):
        target = targets.get((center_id, year))
        if target is None:
            continue
        year_start, year_end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        days = (min(end, year_end) - max(start, year_start)).days + 1
        if days > 0:
            total += target * days / ((year_end - year_start).days + 1)
    return total


def _targets(scope):
    return {
        (t.center_id, t.year): t.new_active_participants
        for t in YearlyTarget.objects.filter(center_id__in=scope.center_ids,
                                             year__range=(scope.date_from.year, scope.date_to.year))
    }


# ------------------------------------------------------------------ new active participants and the target


def first_activations(scope, start, end):
    """The status changes to "active" dated in [start, end] that are their participant's first (none earlier):
    read from the changes of those days (an index on status and date), not from every participant's history."""
    earlier = StatusChange.objects.filter(participant=OuterRef("participant_id"), status=JourneyStatus.ACTIVE,
                                          changed_on__lt=OuterRef("changed_on"))
    return scope.narrowed(StatusChange.objects.filter(
        status=JourneyStatus.ACTIVE, changed_on__range=(start, end),
        participant__center_id__in=scope.center_ids).filter(~Exists(earlier)))


def first_activations_by_center(scope, start, end):
    """{center_id: participants first activated in [start, end]} (a participant activated twice on their first
    day counts once)."""
    return dict(first_activations(scope, start, end).values_list("participant__center_id")
                .annotate(n=Count("participant_id", distinct=True)).order_by())


def _new_active(scope, start, end):
    """The summary tables' figure "new_active": {center_id: {"": first activations in [start, end]}}."""
    return {cid: {"": n} for cid, n in first_activations_by_center(scope, start, end).items()}


register_monthly("new_active", _new_active)


def _first_activation_counts(scope, end):
    """{center_id: first activations from the period's start to `end`}, computed once per scope and end (the
    period's count and the pace to date are the same query when the period ends today)."""
    return scope.cached(("new_active", end), lambda: {
        cid: counts.get("", 0) for cid, counts in scope.monthly("new_active", scope.date_from, end).items()})


def new_active_participants(scope):
    """Participants whose first change to "active" falls in the period."""
    counts = _first_activation_counts(scope, scope.date_to)
    return {center_id: count_result(counts.get(center_id, 0)) for center_id in scope.center_ids}


def target_attainment(scope):
    """New active participants as a share of the yearly target prorated to the period."""
    targets = _targets(scope)
    counts = {cid: r.numerator for cid, r in new_active_participants(scope).items()}
    return {
        cid: ratio_result(counts[cid], one_decimal(prorated_target(targets, cid, scope.date_from, scope.date_to)))
        for cid in scope.center_ids
    }


def pace_to_date(scope):
    """New active participants so far against what the target expects by today (or the period's end)."""
    as_of = min(scope.today, scope.date_to)
    targets = _targets(scope)
    if as_of < scope.date_from:
        return {cid: Result(None, 0, 0) for cid in scope.center_ids}
    counts = _first_activation_counts(scope, as_of)
    return {
        cid: ratio_result(counts.get(cid, 0), one_decimal(prorated_target(targets, cid, scope.date_from, as_of)))
        for cid in scope.center_ids
    }


# ------------------------------------------------------------------ breakdowns (not single figures)


def participants_by_status(scope):
    """{center_id: {status: count}} — each participant's status on the period's last day."""
    counts = scope.on_day("status", scope.date_to)
    result = {cid: {status: 0 for status in JourneyStatus.values} for cid in scope.center_ids}
    for center_id, by_status in counts.items():
        for status, n in by_status.items():
            result[center_id][status] += n
    return result


def _status_on(scope, day, among=None):
    """The summary tables' snapshot "status": {center_id: {status: participants}} on `day` (among the given
    participants). A lookup per person: an anti-join over the history was faster at medium scale but PostgreSQL
    planned it disastrously on tables without statistics, with a population filter (docs/scaling.md)."""
    latest = StatusChange.objects.filter(participant=OuterRef("pk"), changed_on__lte=day).order_by(
        "-changed_on", "-recorded_at", "-pk").values("status")[:1]
    people = scope.participants()
    if among is not None:
        people = people.filter(pk__any_of=among)
    rows = (
        people
        .filter(Exists(StatusChange.objects.filter(participant=OuterRef("pk"), changed_on__lte=day)))
        .annotate(status_then=Subquery(latest))
        .values_list("center_id", "status_then")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = {}
    for center_id, status, n in rows:
        result.setdefault(center_id, {})[status] = n
    return result


def status_changed_between(scope, after, until):
    """Participants of the scope's centers whose status may differ between the two days."""
    # Unordered: read from the index on the day of the change alone (the model's ordering made PostgreSQL fetch
    # every change of those days to sort them: 89 → 12 ms for one center's month at national scale).
    return StatusChange.objects.filter(participant__center_id__in=scope.center_ids, changed_on__gt=after,
                                       changed_on__lte=until).order_by().values("participant_id")


register_snapshot("status", Snapshot(_status_on, status_changed_between))


def month_starts(date_from, date_to, limit=24):
    """The first days of the months from date_from to date_to (at most the last `limit`)."""
    months, day = [], date_from.replace(day=1)
    while day <= date_to:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months[-limit:]


def new_active_by_month(scope):
    """{center_id: {"YYYY-MM": count}} of first activations, month by month over the period."""
    months = month_starts(scope.date_from, scope.date_to)
    result = {cid: {m.strftime("%Y-%m"): 0 for m in months} for cid in scope.center_ids}
    if scope.reads_summaries:  # whole months from the summary tables
        by_month = scope.summaries.monthly_by_month("new_active", max(scope.date_from, months[0]), scope.date_to)
        for month, counts in by_month.items():
            for center_id, by_key in counts.items():
                result[center_id][month.strftime("%Y-%m")] += by_key.get("", 0)
        return result
    rows = (first_activations(scope, max(scope.date_from, months[0]), scope.date_to)
            .annotate(month=TruncMonth("changed_on", output_field=DateField()))
            .values_list("participant__center_id", "month").annotate(n=Count("participant_id", distinct=True))
            .order_by())
    for center_id, month, n in rows:
        key = month.strftime("%Y-%m")
        if key in result[center_id]:
            result[center_id][key] += n
    return result


register(
    Indicator(
        "new_active_participants", _("New active participants"), "count", new_active_participants,
        _("Participants whose status changed to “active in accompaniment” for the first time within the period. "
          "A participant who returns from a pause is not counted again."),
        numerator_label=_("participants activated for the first time"),
        group="targets",
    ),
    Indicator(
        "target_attainment", _("New active participants vs the yearly target"), "percent", target_attainment,
        _("New active participants in the period ÷ the center's yearly target for new active participants, "
          "prorated to the days of the period (a full year counts the whole target). No target → “—”."),
        numerator_label=_("new active participants"), denominator_label=_("target for the period"), target="100%",
        target_value=100,
        group="targets",
    ),
    Indicator(
        "pace_to_date", _("Pace towards the target"), "percent", pace_to_date,
        _("New active participants from the start of the period to today (or the period's end, if earlier) ÷ "
          "the part of the yearly target expected by then. 100% means on pace."),
        numerator_label=_("new active participants so far"), denominator_label=_("expected by now"),
        target="100%", target_value=100,
        group="targets",
    ),
)
