"""Dashboard indicators: one function per indicator, shared by the page, the API and the exports.

Every indicator answers per center with a `Result` (value, numerator, denominator). A ratio whose
denominator is zero has value None — shown as "—", never as a made-up 0%. Totals add up numerators and
denominators across centers (never average percentages); the national median is the median of the
centers' values. Definitions live in `INDICATORS` (shown on the dashboard) and in
docs/indicators-dashboard.md.

EXTENSION POINTS (after the lead merges the domain apps; see the end of this file):
  - new indicators: write `def my_indicator(scope) -> dict[center_id, Result]` and add an `Indicator(...)`
    to `INDICATORS` (funnel, retention, advancement, caseload, programs, routing response).
  - new population filters: add a field to `Filters` and one line in `Scope.participants()`.
"""

import datetime
import statistics
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import YearlyTarget
from hizdamnut.participants.models import Gender, JourneyStatus, Participant, StatusChange

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


# ------------------------------------------------------------------ filters and scope

AGE_BANDS = {"18-24": (18, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54), "55+": (55, 120)}


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters. Population filters narrow the participants every indicator counts."""

    date_from: datetime.date
    date_to: datetime.date
    age_band: str = ""
    gender: str = ""
    single_parent: bool | None = None
    worker_id: int | None = None
    # EXTENSION POINT (after the merge): program_id (programs), disability and released_prisoner
    # (participant flags from intake) — add the field here and one filter line in Scope.participants().

    def describe(self):
        parts = []
        if self.age_band:
            parts.append(f"{_('age')} {self.age_band}")
        if self.gender:
            parts.append(str(Gender(self.gender).label))
        if self.single_parent is True:
            parts.append(str(_("single parents")))
        return ", ".join(parts)


def _years_ago(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class Scope:
    """Which centers, which period and which population an indicator looks at."""

    centers: list
    filters: Filters
    today: datetime.date = field(default_factory=datetime.date.today)

    @property
    def center_ids(self):
        return [center.pk for center in self.centers]

    def participants(self):
        f = self.filters
        queryset = Participant.objects.filter(center_id__in=self.center_ids)
        if f.age_band in AGE_BANDS:
            low, high = AGE_BANDS[f.age_band]
            # Age on the last day of the period.
            queryset = queryset.filter(birth_date__lte=_years_ago(f.date_to, low),
                                       birth_date__gt=_years_ago(f.date_to, high + 1))
        if f.gender:
            queryset = queryset.filter(gender=f.gender)
        if f.single_parent is not None:
            queryset = queryset.filter(single_parent=f.single_parent)
        if f.worker_id:
            queryset = queryset.filter(case_worker_id=f.worker_id)
        return queryset

    def with_first_activation(self):
        # Subqueries (not Min/Max aggregates) so that grouping by center later counts participants, not rows.
        return self.participants().annotate(first_active=_first_change(JourneyStatus.ACTIVE))

    def served(self):
        """Participants in accompaniment during the period: activated by its end, and not closed before it."""
        f = self.filters
        return self.with_first_activation().annotate(last_closed=_last_change(JourneyStatus.CLOSED)).filter(
            Q(first_active__lte=f.date_to),
            ~Q(status=JourneyStatus.CLOSED) | Q(last_closed__gte=f.date_from),
        )


def _first_change(status):
    changes = StatusChange.objects.filter(participant=OuterRef("pk"), status=status)
    return Subquery(changes.order_by("changed_on").values("changed_on")[:1])


def _last_change(status):
    changes = StatusChange.objects.filter(participant=OuterRef("pk"), status=status)
    return Subquery(changes.order_by("-changed_on").values("changed_on")[:1])


def _by_center(queryset):
    return dict(queryset.values_list("center_id").annotate(n=Count("pk", distinct=True)).order_by())


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
    f = scope.filters
    return {
        (t.center_id, t.year): t.new_active_participants
        for t in YearlyTarget.objects.filter(center_id__in=scope.center_ids,
                                             year__range=(f.date_from.year, f.date_to.year))
    }


# ------------------------------------------------------------------ indicators (one function each)


def new_active_participants(scope):
    """Participants whose first change to "active" falls in the period."""
    f = scope.filters
    counts = _by_center(scope.with_first_activation().filter(first_active__range=(f.date_from, f.date_to)))
    return {center_id: count_result(counts.get(center_id, 0)) for center_id in scope.center_ids}


def target_attainment(scope):
    """New active participants as a share of the yearly target prorated to the period."""
    f = scope.filters
    targets = _targets(scope)
    counts = {cid: r.numerator for cid, r in new_active_participants(scope).items()}
    return {
        cid: ratio_result(counts[cid], one_decimal(prorated_target(targets, cid, f.date_from, f.date_to)))
        for cid in scope.center_ids
    }


def pace_to_date(scope):
    """New active participants so far against what the target expects by today (or the period's end)."""
    f = scope.filters
    as_of = min(scope.today, f.date_to)
    targets = _targets(scope)
    if as_of < f.date_from:
        return {cid: Result(None, 0, 0) for cid in scope.center_ids}
    counts = _by_center(scope.with_first_activation().filter(first_active__range=(f.date_from, as_of)))
    return {
        cid: ratio_result(counts.get(cid, 0), one_decimal(prorated_target(targets, cid, f.date_from, as_of)))
        for cid in scope.center_ids
    }


def placement_rate(scope):
    """EXTENSION POINT: the placement rate comes from the placements app (issue #5,
    `hizdamnut/placements/indicators.py`); until it is merged there is no figure, never a made-up one."""
    return {cid: Result(None, None, None) for cid in scope.center_ids}


def region_residents_share(scope):
    """Served participants who live in the center's region but not in its city (cap: 30%)."""
    served = scope.served()
    totals = _by_center(served)
    region = _by_center(served.exclude(city_id=F("center__city_id")).filter(
        city__region_id=F("center__region_id")))
    return {cid: ratio_result(region.get(cid, 0), totals.get(cid, 0)) for cid in scope.center_ids}


def _file_holders(queryset, day):
    """An active social-services file in the last three years (seed: "תיק פעיל ... בשלוש השנים האחרונות")."""
    return queryset.filter(has_welfare_file=True).filter(
        Q(welfare_file_last_active__isnull=True) | Q(welfare_file_last_active__gte=_years_ago(day, 3))
    )


def file_holders_share(scope):
    """Served participants with an active social-services file (the mix asks for about 70%)."""
    served = scope.served()
    totals = _by_center(served)
    holders = _by_center(_file_holders(served, scope.filters.date_to))
    return {cid: ratio_result(holders.get(cid, 0), totals.get(cid, 0)) for cid in scope.center_ids}


def welfare_profile_share(scope):
    """Served participants without an active file, who come in on a welfare profile (about 30%)."""
    return {
        cid: ratio_result(r.denominator - r.numerator, r.denominator) if r.denominator else Result(None, 0, 0)
        for cid, r in file_holders_share(scope).items()
    }


# ------------------------------------------------------------------ breakdowns (not single figures)


def participants_by_status(scope):
    """{center_id: {status: count}} — each participant's status on the period's last day."""
    day = scope.filters.date_to
    latest = StatusChange.objects.filter(participant=OuterRef("pk"), changed_on__lte=day).order_by(
        "-changed_on", "-recorded_at", "-pk").values("status")[:1]
    rows = (
        scope.participants()
        .filter(Exists(StatusChange.objects.filter(participant=OuterRef("pk"), changed_on__lte=day)))
        .annotate(status_then=Subquery(latest))
        .values_list("center_id", "status_then")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = {cid: {status: 0 for status in JourneyStatus.values} for cid in scope.center_ids}
    for center_id, status, n in rows:
        result[center_id][status] = n
    return result


def month_starts(date_from, date_to, limit=24):
    """The first days of the months from date_from to date_to (at most the last `limit`)."""
    months, day = [], date_from.replace(day=1)
    while day <= date_to:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months[-limit:]


def new_active_by_month(scope):
    """{center_id: {"YYYY-MM": count}} of first activations, month by month over the period."""
    f = scope.filters
    months = month_starts(f.date_from, f.date_to)
    result = {cid: {m.strftime("%Y-%m"): 0 for m in months} for cid in scope.center_ids}
    rows = scope.with_first_activation().filter(first_active__range=(max(f.date_from, months[0]), f.date_to))
    for center_id, first_active in rows.values_list("center_id", "first_active"):
        key = first_active.strftime("%Y-%m")
        if key in result[center_id]:
            result[center_id][key] += 1
    return result


# ------------------------------------------------------------------ registry


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str  # "count" or "percent"
    compute: object
    definition: str
    numerator_label: str = ""
    denominator_label: str = ""
    target: str = ""  # what the value is compared with, e.g. "≤ 30%"
    target_value: float | None = None
    higher_is_better: bool = True
    available: bool = True


INDICATORS = [
    Indicator(
        "new_active_participants", _("New active participants"), "count", new_active_participants,
        _("Participants whose status changed to “active in accompaniment” for the first time within the period. "
          "A participant who returns from a pause is not counted again."),
        numerator_label=_("participants activated for the first time"),
    ),
    Indicator(
        "target_attainment", _("New active participants vs the yearly target"), "percent", target_attainment,
        _("New active participants in the period ÷ the center's yearly target for new active participants, "
          "prorated to the days of the period (a full year counts the whole target). No target → “—”."),
        numerator_label=_("new active participants"), denominator_label=_("target for the period"), target="100%",
        target_value=100,
    ),
    Indicator(
        "pace_to_date", _("Pace towards the target"), "percent", pace_to_date,
        _("New active participants from the start of the period to today (or the period's end, if earlier) ÷ "
          "the part of the yearly target expected by then. 100% means on pace."),
        numerator_label=_("new active participants so far"), denominator_label=_("expected by now"),
        target="100%", target_value=100,
    ),
    Indicator(
        "placement_rate", _("Placement rate"), "percent", placement_rate,
        _("Participants placed in work ÷ participants in accompaniment (target: about 50%). Computed by the "
          "placements module; shown as “—” until it is installed."),
        target=_("about 50%"), target_value=50, available=False,
    ),
    Indicator(
        "region_residents_share", _("Region residents"), "percent", region_residents_share,
        _("Participants in accompaniment during the period who live in another city of the center's region ÷ "
          "all participants in accompaniment during the period. Residents of the center's city come first; "
          "region residents may be at most 30%."),
        numerator_label=_("region residents"), denominator_label=_("participants in accompaniment"),
        target=_("at most 30%"), target_value=30, higher_is_better=False,
    ),
    Indicator(
        "file_holders_share", _("Holders of a social-services file"), "percent", file_holders_share,
        _("Participants in accompaniment during the period who have had an active file at the social services "
          "department in the three years before the period's end ÷ all participants in accompaniment. "
          "The mix aims at about 70%."),
        numerator_label=_("file holders"), denominator_label=_("participants in accompaniment"),
        target=_("about 70%"), target_value=70,
    ),
    Indicator(
        "welfare_profile_share", _("Welfare-profile participants"), "percent", welfare_profile_share,
        _("Participants in accompaniment during the period without an active file, who joined on a welfare "
          "profile ÷ all participants in accompaniment. The mix aims at about 30%."),
        numerator_label=_("welfare-profile participants"), denominator_label=_("participants in accompaniment"),
        target=_("about 30%"), target_value=30,
    ),
    # EXTENSION POINT — indicators to add after the merge (each: one function + one Indicator row here):
    #   funnel_*            inquiry → screened → intake → routed → placed, conversion % and median days per
    #                        stage (inquiries, intake, placements apps)
    #   inquiries_by_source / inquiries_by_reason   (inquiries app; breakdowns like participants_by_status)
    #   retention_3m / retention_6m / retention_12m (placements app, #5 `placements/indicators.py`)
    #   advancement_rate     (placements app)
    #   caseload_per_worker / overdue_items          (plans app; breakdown per worker)
    #   participants_by_response / by_program        (intake routing decision, programs app)
    #   routing_response_days                         (intake app)
]
INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}

# Participants by status is a breakdown rather than one figure; the dashboard defines it too.
STATUS_DEFINITION = _("Each participant's journey status on the period's last day (from the status history); "
                      "participants registered after that day are not counted.")


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


def median(values):
    values = [v for v in values if v is not None]
    return one_decimal(statistics.median(values)) if values else None


def compute_dashboard(scope):
    """Every indicator for every center of the scope, the total and the median of the centers."""
    by_indicator = {}
    for indicator in INDICATORS:
        per_center = indicator.compute(scope)
        by_indicator[indicator.code] = {
            "by_center": per_center,
            "total": combine(per_center.values()),
            "median": median(r.value for r in per_center.values()) if indicator.available else None,
        }
    return by_indicator
