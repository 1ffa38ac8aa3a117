"""Dashboard indicators: one function per indicator, shared by the page, the API and the exports.

Every indicator answers per center with a `Result` (value, numerator, denominator). A ratio whose
denominator is zero has value None — shown as "—", never as a made-up 0%. Totals add up numerators and
denominators across centers (never average percentages); the national median is the median of the
centers' values. Definitions live in `INDICATORS` (shown on the dashboard) and in
docs/indicators.md.

Outcome indicators (placement, retention, advancement) are computed by `hizdamnut/placements/indicators.py`;
the functions here only call them per center, passing the filtered participants under a population filter.
Breakdowns (inquiries by source and reason, participants by routing response and program, caseload per worker)
are counts per category, each one function too.

To add an indicator: write `def my_indicator(scope) -> dict[center_id, Result]` and add an `Indicator(...)`
to `INDICATORS`. To add a population filter: a field in `Filters` and one line in `Scope.participants()`.
"""

import datetime
import statistics
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import YearlyTarget
from hizdamnut.participants.models import Gender, JourneyStatus, Participant, StatusChange
from hizdamnut.placements import indicators as outcomes

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
    program_id: int | None = None
    disability: bool | None = None
    released_prisoner: bool | None = None

    @property
    def narrows_population(self):
        return bool(self.age_band or self.gender or self.single_parent is not None or self.worker_id
                    or self.program_id or self.disability is not None or self.released_prisoner is not None)

    def describe(self):
        parts = []
        if self.program_id:
            from hizdamnut.programs.models import Program

            program = Program.objects.filter(pk=self.program_id).first()
            parts.append(f"{_('program')} {program.name if program else self.program_id}")
        if self.disability is True:
            parts.append(str(_("living with a disability")))
        if self.released_prisoner is True:
            parts.append(str(_("released prisoners")))
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
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

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
        if f.program_id:
            queryset = queryset.filter(Exists(_enrollments().filter(participant=OuterRef("pk"),
                                                                    cohort__program_id=f.program_id)))
        if f.disability is not None:
            queryset = queryset.filter(Exists(_with_disability()) if f.disability else ~Exists(_with_disability()))
        if f.released_prisoner is not None:
            released = Exists(_with_criminal_record()) | Exists(_enrollments().filter(
                participant=OuterRef("pk"), cohort__program__code=RELEASED_PRISONERS_PROGRAM))
            queryset = queryset.filter(released if f.released_prisoner else ~released)
        return queryset

    def cached(self, key, compute):
        """One computation per scope for figures that several indicators read (the funnel)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

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


# There is no "released prisoner" field in intake: the intake meeting's barrier "criminal_record" and an
# enrollment in the released-prisoners track stand for it (see docs/indicators.md).
RELEASED_PRISONERS_PROGRAM = "released-prisoners"
COUNTED_ENROLLMENTS = ("enrolled", "completed", "dropped")  # joined the group (not waiting, not withdrawn)


def _enrollments():
    from hizdamnut.programs.models import Enrollment

    return Enrollment.objects.filter(status__in=COUNTED_ENROLLMENTS)


def _with_disability():
    """An intake meeting recording a disability percentage above 0 or the barrier "disability"."""
    from hizdamnut.intake.models import IntakeMeeting

    return IntakeMeeting.objects.filter(participant=OuterRef("pk")).filter(
        Q(disability_percent__gt=0) | Q(barriers__icontains='"disability"'))


def _with_criminal_record():
    from hizdamnut.intake.models import IntakeMeeting

    return IntakeMeeting.objects.filter(participant=OuterRef("pk"), barriers__icontains='"criminal_record"')


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


def _outcome(function):
    """One indicator of the placements app, called per center (narrowed to the population, if filtered)."""
    def compute(scope):
        f = scope.filters
        participants = scope.participants() if f.narrows_population else None
        result = {}
        for cid in scope.center_ids:
            outcome = function(centers=[cid], start=f.date_from, end=f.date_to, participants=participants)
            result[cid] = Result(outcome.value, _plain(outcome.numerator), outcome.denominator)
        return result

    compute.__name__ = function.__name__
    compute.__doc__ = function.__doc__
    return compute


def _plain(number):
    return int(number) if isinstance(number, float) and number == int(number) else number


placement_rate = _outcome(outcomes.placement_rate)
retention_3 = _outcome(outcomes.retention_3)
retention_6 = _outcome(outcomes.retention_6)
retention_12 = _outcome(outcomes.retention_12)
advancement = _outcome(outcomes.advancement)


DEFAULT_PLACEMENT_TARGET = 50.0


def placement_targets(scope):
    """{center_id: the center's placement-rate target (%)} for the year of the period's end (default 50%)."""
    year = scope.filters.date_to.year
    targets = dict(YearlyTarget.objects.filter(center_id__in=scope.center_ids, year=year)
                   .values_list("center_id", "placement_rate"))
    return {cid: float(targets.get(cid, DEFAULT_PLACEMENT_TARGET)) for cid in scope.center_ids}


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


# ------------------------------------------------------------------ the funnel

FUNNEL_STAGES = ("inquiry", "screened", "intake", "routed", "placed")
# An inquiry has reached a stage once it has a status change to that stage or to a later one.
_STAGE_STATUSES = {
    "screened": ("screened", "intake_scheduled", "intake_held", "routed"),
    "intake": ("intake_held", "routed"),
    "routed": ("routed",),
}


def funnel(scope):
    """{center_id: {stage: {"reached": n, "days": [days from the previous stage, ...]}}} for the inquiries
    received in the period, each followed to today: a stage's date is the first status change to it (or a
    later stage); "placed" is the first placement of the inquiry's participant starting on or after routing."""
    return scope.cached("funnel", lambda: _funnel(scope))


def _funnel(scope):
    from hizdamnut.inquiries.models import Inquiry
    from hizdamnut.inquiries.selectors import status_reached_on
    from hizdamnut.placements.models import Placement

    f = scope.filters
    inquiries = Inquiry.objects.filter(center_id__in=scope.center_ids, received_on__range=(f.date_from, f.date_to))
    if f.narrows_population:  # only inquiries already linked to a participant of the population
        inquiries = inquiries.filter(participant__in=scope.participants())
    rows = list(inquiries.values_list("pk", "center_id", "received_on", "participant_id"))
    reached = status_reached_on(inquiries)
    starts = {}
    placements = Placement.objects.filter(participant__in=inquiries.values("participant_id")).order_by("start_date")
    for participant_id, start_date in placements.values_list("participant_id", "start_date"):
        starts.setdefault(participant_id, []).append(start_date)

    result = {cid: {stage: {"reached": 0, "days": []} for stage in FUNNEL_STAGES} for cid in scope.center_ids}
    for pk, center_id, received_on, participant_id in rows:
        stages = result[center_id]
        stages["inquiry"]["reached"] += 1
        previous = received_on
        changes = reached.get(pk, {})
        for stage in FUNNEL_STAGES[1:]:
            if stage == "placed":
                day = next((d for d in starts.get(participant_id, []) if d >= previous), None)
            else:
                days = [changes[s] for s in _STAGE_STATUSES[stage] if s in changes]
                day = max(min(days), previous) if days else None
            if day is None:
                break
            stages[stage]["reached"] += 1
            stages[stage]["days"].append((day - previous).days)
            previous = day
    return result


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
        return median_days([d for cid in center_ids for d in data[cid][stage]["days"]])

    compute.__name__ = f"days_to_{stage}"
    compute.total = total
    return compute


def median_days(days):
    """The median of a list of day counts, with how many there were; None when there are none."""
    return Result(one_decimal(statistics.median(days)) if days else None, None, len(days))


funnel_screened, funnel_intake, funnel_routed, funnel_placed = (_conversion(s) for s in FUNNEL_STAGES[1:])
days_to_screened, days_to_intake, days_to_routed, days_to_placed = (_median_days(s) for s in FUNNEL_STAGES[1:])


def funnel_placed_overall(scope):
    """Inquiries of the period whose participant was placed ÷ inquiries of the period."""
    return {cid: ratio_result(stages["placed"]["reached"], stages["inquiry"]["reached"])
            for cid, stages in funnel(scope).items()}


# ------------------------------------------------------------------ breakdowns: inquiries, responses, programs


def _inquiries_in(scope):
    from hizdamnut.inquiries.models import Inquiry

    f = scope.filters
    inquiries = Inquiry.objects.filter(center_id__in=scope.center_ids, received_on__range=(f.date_from, f.date_to))
    if f.narrows_population:
        inquiries = inquiries.filter(participant__in=scope.participants())
    return inquiries


def _count_by(rows, center_ids, keys):
    result = {cid: {key: 0 for key in keys} for cid in center_ids}
    for center_id, key, n in rows:
        result[center_id][key] = result[center_id].get(key, 0) + n
    return result


def inquiries_by_source(scope):
    """{center_id: {source: count}} of the inquiries received in the period."""
    from hizdamnut.inquiries.models import Source

    rows = _inquiries_in(scope).values_list("center_id", "source").annotate(n=Count("pk")).order_by()
    return _count_by(rows, scope.center_ids, Source.values)


def inquiries_by_reason(scope):
    """{center_id: {reason (top-level category) id: count}} of the inquiries received in the period."""
    rows = _inquiries_in(scope).values_list("center_id", "category_id").annotate(n=Count("pk")).order_by()
    return _count_by(rows, scope.center_ids, [])


def participants_by_response(scope):
    """{center_id: {response: participants}}: each participant's latest routing decision taken in the period."""
    from hizdamnut.intake.models import Response, RoutingDecision

    f = scope.filters
    decisions = RoutingDecision.objects.filter(
        participant__in=scope.participants(), decided_on__range=(f.date_from, f.date_to)
    ).order_by("decided_on", "pk").values_list("participant_id", "participant__center_id", "response")
    latest = {pk: (center_id, response) for pk, center_id, response in decisions}
    result = {cid: {response: 0 for response in Response.values} for cid in scope.center_ids}
    for center_id, response in latest.values():
        result[center_id][response] += 1
    return result


def participants_by_program(scope):
    """{center_id: {program id: participants}} who were in a group of the program during the period."""
    f = scope.filters
    rows = (
        _enrollments().filter(participant__in=scope.participants(), enrolled_on__lte=f.date_to)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=f.date_from))
        .values_list("participant__center_id", "cohort__program_id").annotate(n=Count("participant", distinct=True))
        .order_by()
    )
    return _count_by(rows, scope.center_ids, [])


def caseload_per_worker(user, scope):
    """Today's caseload and overdue items of every accompanying worker of the scope's centers.

    Caseload size and overdue tasks come from the plans app (`team_caseloads`); overdue follow-ups are the
    placements app's follow-ups past their due date and not recorded. Rows: {"worker", "centers", "caseload",
    "overdue_tasks", "overdue_follow_ups"}.
    """
    from hizdamnut.centers.models import StaffProfile
    from hizdamnut.placements.models import FollowUp
    from hizdamnut.plans.selectors import team_caseloads

    workers = team_caseloads(user, scope.today)
    ids = [w.pk for w in workers]
    centers_of = {}
    through = StaffProfile.centers.through.objects.filter(staffprofile__user_id__in=ids)
    for user_id, center_id in through.values_list("staffprofile__user_id", "center_id"):
        centers_of.setdefault(user_id, set()).add(center_id)
    follow_ups = dict(
        FollowUp.objects.filter(done_on__isnull=True, due_on__lt=scope.today,
                                placement__participant__case_worker_id__in=ids,
                                placement__participant__center_id__in=scope.center_ids)
        .values_list("placement__participant__case_worker_id").annotate(n=Count("pk")).order_by()
    )
    wanted = set(scope.center_ids)
    rows = []
    for worker in workers:
        if not centers_of.get(worker.pk, set()) & wanted:
            continue
        if scope.filters.worker_id and worker.pk != scope.filters.worker_id:
            continue
        rows.append({"worker": worker, "centers": centers_of[worker.pk] & wanted, "caseload": worker.caseload_size,
                     "overdue_tasks": worker.overdue_tasks, "overdue_follow_ups": follow_ups.get(worker.pk, 0)})
    return rows


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
    group: str = ""  # the dashboard shows the cards in groups: GROUPS

    def total(self, scope, center_ids, per_center):
        """The figure for several centers together: its own rule if it has one (medians), else sums."""
        if hasattr(self.compute, "total"):
            return self.compute.total(scope, center_ids)
        return combine(per_center[cid] for cid in center_ids)


INDICATORS = [
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
    Indicator(
        "placement_rate", _("Placement rate"), "percent", placement_rate,
        _("Participants in active accompaniment during the period whose placement in work started in the period "
          "÷ participants in active accompaniment during the period (they became active by the period's end and "
          "were not closed before it). A participant counts once however many placements. "
          "Target: the center's yearly placement-rate target (default 50%)."),
        numerator_label=_("placed in the period"), denominator_label=_("in active accompaniment"),
        target=_("the center's target (default 50%)"), target_value=50,
        group="outcomes",
    ),
    Indicator(
        "retention_3", _("Retention at 3 months"), "percent", retention_3,
        _("Placements whose 3-month mark (start date + 3 months) falls in the period and whose 3-month follow-up "
          "is recorded: the share still employed, with the same or another employer. Follow-ups not yet recorded "
          "are left out of both (they show as overdue)."),
        numerator_label=_("still employed"), denominator_label=_("follow-ups recorded"),
        group="outcomes",
    ),
    Indicator(
        "retention_6", _("Retention at 6 months"), "percent", retention_6,
        _("As retention at 3 months, for the 6-month mark and follow-up."),
        numerator_label=_("still employed"), denominator_label=_("follow-ups recorded"),
        group="outcomes",
    ),
    Indicator(
        "retention_12", _("Retention at 12 months"), "percent", retention_12,
        _("As retention at 3 months, for the 12-month mark and follow-up."),
        numerator_label=_("still employed"), denominator_label=_("follow-ups recorded"),
        group="outcomes",
    ),
    Indicator(
        "advancement", _("Advancement"), "percent", advancement,
        _("Placements with a follow-up recorded in the period while employed: the share with at least one such "
          "follow-up recording an advancement (raise, promotion, more hours, training)."),
        numerator_label=_("placements that advanced"), denominator_label=_("placements followed up"),
        group="outcomes",
    ),
    Indicator(
        "funnel_screened", _("Funnel: inquiry → screened"), "percent", funnel_screened,
        _("Inquiries received in the period that were screened (or went further) ÷ inquiries received in the "
          "period. Each inquiry is followed to today."),
        numerator_label=_("screened"), denominator_label=_("inquiries"),
        group="funnel",
    ),
    Indicator(
        "funnel_intake", _("Funnel: screened → intake"), "percent", funnel_intake,
        _("Of the period's inquiries that were screened, the share whose intake meeting was held."),
        numerator_label=_("intake held"), denominator_label=_("screened"),
        group="funnel",
    ),
    Indicator(
        "funnel_routed", _("Funnel: intake → routed"), "percent", funnel_routed,
        _("Of the period's inquiries whose intake meeting was held, the share routed to a response."),
        numerator_label=_("routed"), denominator_label=_("intake held"),
        group="funnel",
    ),
    Indicator(
        "funnel_placed", _("Funnel: routed → placed"), "percent", funnel_placed,
        _("Of the period's inquiries that were routed, the share whose participant started a placement on or "
          "after the routing date."),
        numerator_label=_("placed"), denominator_label=_("routed"),
        group="funnel",
    ),
    Indicator(
        "funnel_placed_overall", _("Funnel: inquiry → placed"), "percent", funnel_placed_overall,
        _("Inquiries received in the period whose participant has since been placed ÷ inquiries received in "
          "the period."),
        numerator_label=_("placed"), denominator_label=_("inquiries"),
        group="funnel",
    ),
    Indicator(
        "days_to_screened", _("Median days: inquiry → screened"), "days", days_to_screened,
        _("Median number of days from the inquiry to its screening, over the period's inquiries that were "
          "screened. The total is the median over all those inquiries, not an average of medians."),
        denominator_label=_("inquiries screened"),
        group="funnel",
    ),
    Indicator(
        "days_to_intake", _("Median days: screened → intake"), "days", days_to_intake,
        _("Median number of days from screening to the intake meeting, over the period's inquiries that "
          "reached intake."),
        denominator_label=_("intakes held"),
        group="funnel",
    ),
    Indicator(
        "days_to_routed", _("Median days: intake → routed"), "days", days_to_routed,
        _("Median number of days from the intake meeting to the routing decision."),
        denominator_label=_("inquiries routed"),
        group="funnel",
    ),
    Indicator(
        "days_to_placed", _("Median days: routed → placed"), "days", days_to_placed,
        _("Median number of days from the routing decision to the start of the first placement after it."),
        denominator_label=_("inquiries placed"),
        group="funnel",
    ),
    Indicator(
        "region_residents_share", _("Region residents"), "percent", region_residents_share,
        _("Participants in accompaniment during the period who live in another city of the center's region ÷ "
          "all participants in accompaniment during the period. Residents of the center's city come first; "
          "region residents may be at most 30%."),
        numerator_label=_("region residents"), denominator_label=_("participants in accompaniment"),
        target=_("at most 30%"), target_value=30, higher_is_better=False,
        group="mix",
    ),
    Indicator(
        "file_holders_share", _("Holders of a social-services file"), "percent", file_holders_share,
        _("Participants in accompaniment during the period who have had an active file at the social services "
          "department in the three years before the period's end ÷ all participants in accompaniment. "
          "The mix aims at about 70%."),
        numerator_label=_("file holders"), denominator_label=_("participants in accompaniment"),
        target=_("about 70%"), target_value=70,
        group="mix",
    ),
    Indicator(
        "welfare_profile_share", _("Welfare-profile participants"), "percent", welfare_profile_share,
        _("Participants in accompaniment during the period without an active file, who joined on a welfare "
          "profile ÷ all participants in accompaniment. The mix aims at about 30%."),
        numerator_label=_("welfare-profile participants"), denominator_label=_("participants in accompaniment"),
        target=_("about 30%"), target_value=30,
        group="mix",
    ),
]
GROUPS = {
    "targets": _("Participants and the yearly target"),
    "outcomes": _("Employment outcomes"),
    "funnel": _("From inquiry to placement"),
    "mix": _("Who the center serves"),
}
INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}

# Participants by status is a breakdown rather than one figure; the dashboard defines it too.
STATUS_DEFINITION = _("Each participant's journey status on the period's last day (from the status history); "
                      "participants registered after that day are not counted.")

FUNNEL_DEFINITION = _("Inquiries received in the period, each followed to today through screening, the intake "
                      "meeting, routing and a placement. Conversion = inquiries that reached the stage ÷ those that "
                      "reached the previous one; median days between the two stages.")

# The breakdowns: one definition each (shown on the dashboard and the definitions page, in docs/indicators.md).
BREAKDOWNS = {
    "participants_by_status": (_("Participants by status"), STATUS_DEFINITION),
    "inquiries_by_source": (_("Inquiries by source"), _(
        "Inquiries received in the period, by how the person reached the center. Share = the source's inquiries ÷ "
        "all inquiries of the period.")),
    "inquiries_by_reason": (_("Inquiries by reason"), _(
        "Inquiries received in the period, by their reason (the top level of the reasons list). Share = the "
        "reason's inquiries ÷ all inquiries of the period.")),
    "participants_by_response": (_("Participants by response"), _(
        "Participants with a routing decision taken in the period, by the decided response (their latest "
        "decision in the period). Share = ÷ participants routed in the period.")),
    "participants_by_program": (_("Participants by program"), _(
        "Participants who were in a group of the program at some time in the period (joined by its end, not "
        "left before its start; waiting lists and withdrawals do not count). A participant in two programs "
        "counts in each.")),
    "caseload_per_worker": (_("Caseload per worker"), _(
        "Today, for each accompanying worker: participants they are responsible for whose journey is not "
        "closed; overdue tasks (open, past their due date); overdue follow-ups (past their due date, not "
        "recorded). Not limited to the period.")),
}


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
            "total": indicator.total(scope, scope.center_ids, per_center),
            "median": median(r.value for r in per_center.values()) if indicator.available else None,
        }
    return by_indicator
