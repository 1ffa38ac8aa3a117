"""Outcome indicators: each defined once in docs/indicators.md and computed by ONE function here.

Pages, the API and `manage.py outcome_report` all call these. Every function takes the centers to count
(`centers`: an iterable of Center or None for all) and an inclusive period `start`..`end`, and optionally
the people to count (`participants`: a Participant queryset or ids; None for everyone), which narrows the
numerator and the denominator alike. A zero denominator gives `value=None` (shown "—"), never a made-up 0%.
"""

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hizdamnut.participants.models import JourneyStatus, StatusChange

from .models import FollowUp, Placement, hourly
from .rules import add_months


@dataclass
class Indicator:
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
    return Indicator(code, label, numerator, denominator, value, "%")


def _mean(code, label, values, unit, places=1):
    total = sum(values)
    value = _round(total / len(values), places) if values else None
    return Indicator(code, label, _round(total, 2), len(values), value, unit)


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


def placement_rate(*, centers, start, end, participants=None):
    """Share of participants in active accompaniment during the period whose placement started in it."""
    changes = _scoped(StatusChange.objects.filter(changed_on__lte=end), "participant", centers, participants)
    history = {}
    for participant_id, status, changed_on, pk in changes.values_list("participant_id", "status", "changed_on", "pk"):
        history.setdefault(participant_id, []).append((changed_on, pk, status))
    in_accompaniment = set()
    for participant_id, steps in history.items():
        steps.sort()
        if not any(status == JourneyStatus.ACTIVE for _day, _pk, status in steps):
            continue
        before = [status for day, _pk, status in steps if day < start]
        if before and before[-1] == JourneyStatus.CLOSED:
            continue
        in_accompaniment.add(participant_id)
    placed = set(_scoped(Placement.objects.filter(start_date__gte=start, start_date__lte=end,
                                                  participant_id__in=in_accompaniment), "participant", centers)
                 .values_list("participant_id", flat=True))
    return _share("placement", _("Placement"), len(placed), len(in_accompaniment))


def retention_at(months, *, centers, start, end, participants=None):
    """Share of placements whose N-month mark falls in the period, with that follow-up recorded, still employed."""
    follow_ups = _scoped(FollowUp.objects.filter(months_after=months, done_on__isnull=False),
                         "placement__participant", centers, participants).select_related("placement")
    counted = [f for f in follow_ups if start <= add_months(f.placement.start_date, months) <= end]
    retained = sum(1 for f in counted if f.still_employed)
    label = _("Retention at %(months)s months") % {"months": months}
    return _share(f"retention_{months}", label, retained, len(counted))


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


def advancement(*, centers, start, end, participants=None):
    """Share of placements followed up while employed in the period that recorded any advancement."""
    employed = [f for f in _recorded_in(centers, start, end, participants) if f.still_employed]
    placements = {f.placement_id for f in employed}
    advanced = {f.placement_id for f in employed if f.advancement}
    return _share("advancement", _("Advancement"), len(advanced), len(placements))


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
