"""The one interface every indicator follows, and the registry that holds them.

An indicator lives in the app that holds its data (participants, inquiries, intake, programs, placements…) and
is registered here with `register(Indicator(...))`: a code, a label, a definition (also in docs/indicators.md),
and a function `compute(scope) -> {center_id: Result}`. A scope says which centers (`scope.center_ids`), which
period (`scope.date_from`..`scope.date_to`, inclusive; `scope.today` for "so far" figures) and which people
(`scope.participants()`, narrowed by a population filter when `scope.narrows_population`) to count. Each Result
carries the value with its numerator and denominator; a ratio whose denominator is zero has value None (shown
as "—"), never a made-up 0%.

`reports` only composes: it builds the scope from the dashboard's filters, lays the registered figures out,
totals them over centers (`Indicator.total`: sums of numerators and denominators, never an average of %),
compares them with the national median and exports them.
"""

import statistics
from collections import Counter
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

# ------------------------------------------------------------------ values


@dataclass
class Result:
    value: float | int | None
    numerator: float | int | None = None
    denominator: float | int | None = None

    def as_dict(self):
        return asdict(self)


def percent(numerator, denominator):
    """numerator / denominator as a percentage, half up to one decimal; None when the denominator is 0."""
    if not denominator:
        return None
    value = Decimal(numerator) * 100 / Decimal(str(denominator))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def ratio_result(numerator, denominator):
    return Result(percent(numerator, denominator), numerator, denominator)


def count_result(count):
    return Result(count, count, None)


def one_decimal(value):
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def whole_if_integral(number):
    """2.0 → 2 (counts computed as floats read as counts); anything else as it is."""
    return int(number) if isinstance(number, float) and number == int(number) else number


def median(values):
    values = [v for v in values if v is not None]
    return one_decimal(statistics.median(values)) if values else None


def median_days(histogram):
    """The median of day counts given as a histogram {days: how many}, with how many there were; None when there
    are none. Exactly `statistics.median` of the expanded list (an even number: the mean of the two middle
    values), in time proportional to the distinct day counts, not to the rows behind them."""
    n = sum(histogram.values())
    if not n:
        return Result(None, None, 0)
    positions, middle, seen = [(n - 1) // 2, n // 2], [], 0
    for days in sorted(histogram):
        seen += histogram[days]
        while positions and positions[0] < seen:
            middle.append(days)
            positions.pop(0)
        if not positions:
            break
    return Result(one_decimal((middle[0] + middle[1]) / 2), None, n)


def pooled(histograms):
    """Several histograms {days: how many} added up (the median of several centers pools their rows)."""
    total = Counter()
    for histogram in histograms:
        total.update(histogram)
    return total


def combine(results):
    """The total of several centers' results: sums of numerators and denominators, never an average of %."""
    results = list(results)
    if not results:
        return Result(None, None, None)
    numerators = [r.numerator for r in results if r.numerator is not None]
    denominators = [r.denominator for r in results if r.denominator is not None]
    numerator = sum(numerators) if numerators else None
    if not denominators:
        return Result(numerator, numerator, None) if numerator is not None else Result(None, None, None)
    denominator = one_decimal(sum(denominators))
    return ratio_result(numerator or 0, denominator)


def count_by(rows, center_ids, keys):
    """{center_id: {key: n}} from (center_id, key, n) rows, every key of `keys` present (0 when absent)."""
    result = {cid: {key: 0 for key in keys} for cid in center_ids}
    for center_id, key, n in rows:
        result[center_id][key] = result[center_id].get(key, 0) + n
    return result


# ------------------------------------------------------------------ scope


class ScopeBase:
    """What every scope offers besides its centers, period and participants (see the module docstring)."""

    narrows_population = False
    reads_summaries = False  # True: whole months come from the summary tables (the dashboard's scope)

    @property
    def center_ids(self):
        return [center.pk for center in self.centers]

    def monthly(self, code, start, end):
        """{center_id: {key: n}} of a figure that adds up over days (events dated in [start, end]), registered
        with `register_monthly`: counted from the rows here; a scope that reads the summary tables (the
        dashboard's, hizdamnut/reports/indicators.py) adds its whole months up from them instead."""
        return MONTHLY[code](self, start, end)

    def monthly_as_built(self, code, start, end):
        """`monthly` over a long span (since a figure's earliest event): a scope that reads the summary tables
        reads the months as built and counts the rows of the stale ones rather than building them
        (`Summaries.monthly_as_built`)."""
        return MONTHLY[code](self, start, end)

    def on_day(self, code, day):
        """{center_id: {key: n}} of a snapshot figure on `day` (registered with `register_snapshot`)."""
        return SNAPSHOTS[code].compute(self, day)

    def narrowed(self, queryset, participant="participant", *, any_center=False):
        """`queryset` limited to the population's participants (reached through the field `participant`), when
        the scope is filtered to a population. Events counted at their participant's center are limited to the
        population of the scope's centers; `any_center=True` for events counted at a center of their own (an
        inquiry, at the center that received it, may be linked to someone registered at another center)."""
        if self.narrows_population:
            return queryset.filter(**{f"{participant}__in": self.participants(any_center=any_center)})
        return queryset

    def cached(self, key, compute):
        """One computation per scope for figures that several indicators read (the funnel)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def cached_across(self, key, compute):
        """`cached` across the scopes of one request (a dashboard's and those of the months and days it counts,
        which share its cache as `shared`), for what does not depend on the period: `key` names everything else
        the value depends on."""
        store = getattr(self, "shared", None)
        store = self._cache if store is None else store
        if key not in store:
            store[key] = compute()
        return store[key]


def per_center(function):
    """An outcome function `f(*, centers, start, end, participants=None)` (one figure for the centers given) as a
    scope function: called per center, narrowed to the population when the scope is filtered."""
    def compute(scope):
        participants = scope.participants() if scope.narrows_population else None
        result = {}
        for cid in scope.center_ids:
            outcome = function(centers=[cid], start=scope.date_from, end=scope.date_to, participants=participants)
            result[cid] = Result(outcome.value, whole_if_integral(outcome.numerator), outcome.denominator)
        return result

    compute.__name__ = function.__name__
    compute.__doc__ = function.__doc__
    return compute


# ------------------------------------------------------------------ the registry


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str  # "count", "percent" or "days"
    compute: object  # compute(scope) -> {center_id: Result}
    definition: str
    numerator_label: str = ""
    denominator_label: str = ""
    target: str = ""  # what the value is compared with, e.g. "≤ 30%"
    target_value: float | None = None
    higher_is_better: bool = True
    available: bool = True
    group: str = ""  # the dashboard shows the cards in groups

    def total(self, scope, center_ids, per_center):
        """The figure for several centers together: its own rule if it has one (medians), else sums."""
        if hasattr(self.compute, "total"):
            return self.compute.total(scope, center_ids)
        return combine(per_center[cid] for cid in center_ids)


REGISTRY = {}


def register(*indicators):
    """Adds indicators to the registry (an app's indicators module calls this when it is imported)."""
    for indicator in indicators:
        if indicator.code in REGISTRY and REGISTRY[indicator.code] is not indicator:
            raise ValueError(f"indicator {indicator.code} is registered twice")
        REGISTRY[indicator.code] = indicator
    return indicators


def registered(codes):
    """The registered indicators of the given codes, in that order."""
    return [REGISTRY[code] for code in codes]


# ------------------------------------------------------------------ figures kept per center and month

# code -> compute(scope, start, end) -> {center_id: {key: n}}: counts of events dated in [start, end], which add
# up over any split of the days (the summary tables keep them per center and month: centers/summaries.py).
MONTHLY = {}


@dataclass(frozen=True)
class Snapshot:
    """A figure that holds on a day (e.g. participants by status): `compute(scope, day, among=None)` counts it on
    `day` (among the participants of the queryset `among`, when given); `changed(scope, after, until)` gives
    the participants whose figure may differ between the two days (a queryset of ids)."""

    compute: object
    changed: object


SNAPSHOTS = {}


def register_monthly(code, compute):
    MONTHLY[code] = compute
    return compute


def register_snapshot(code, snapshot):
    SNAPSHOTS[code] = snapshot
    return snapshot
