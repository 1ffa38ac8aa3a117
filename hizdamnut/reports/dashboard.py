"""The dashboard's figures as one JSON-able structure: the page, the API and the exports all read it."""

from django.utils.translation import gettext as _

from hizdamnut.centers.models import Center
from hizdamnut.centers.scoping import visible_centers
from hizdamnut.participants.models import JourneyStatus

from . import indicators
from .exports import Table
from .indicators import INDICATORS, Scope, combine, median


def build_dashboard(user, filters, center=None, today=None):
    """Figures for the user's centers (or the chosen one), with the median over every center for comparison."""
    all_centers = list(Center.objects.order_by("code"))
    visible = set(visible_centers(user).values_list("pk", flat=True))
    shown = [c for c in all_centers if c.pk in visible and (center is None or c.pk == center.pk)]
    scope = Scope(all_centers, filters, **({"today": today} if today else {}))
    shown_ids = [c.pk for c in shown]

    figures = []
    for indicator in INDICATORS:
        per_center = indicator.compute(scope)
        total = combine(per_center[cid] for cid in shown_ids)
        figures.append({
            "code": indicator.code, "label": str(indicator.label), "unit": indicator.unit,
            "definition": str(indicator.definition), "target": str(indicator.target),
            "target_value": indicator.target_value, "available": indicator.available,
            "numerator_label": str(indicator.numerator_label), "denominator_label": str(indicator.denominator_label),
            **total.as_dict(),
            "national_median": median(r.value for r in per_center.values()) if indicator.available else None,
            "by_center": {c.code: per_center[c.pk].as_dict() for c in shown},
        })

    status = indicators.participants_by_status(scope)
    status_total = {s: sum(status[cid][s] for cid in shown_ids) for s in JourneyStatus.values}
    trend = indicators.new_active_by_month(scope)
    months = list(next(iter(trend.values())).keys()) if trend else []
    return {
        "period": {"from": filters.date_from.isoformat(), "to": filters.date_to.isoformat()},
        "filters": {"age_band": filters.age_band, "gender": filters.gender, "single_parent": filters.single_parent,
                    "worker": filters.worker_id, "center": center.code if center else None},
        "population": filters.describe(),
        "centers": [{"code": c.code, "name": c.name} for c in shown],
        "indicators": figures,
        "by_status": {
            "labels": {s: str(label) for s, label in JourneyStatus.choices},
            "total": status_total,
            "by_center": {c.code: status[c.pk] for c in shown},
        },
        "trend": {
            "months": months,
            "total": [sum(trend[cid][m] for cid in shown_ids) for m in months],
            "by_center": {c.code: [trend[c.pk][m] for m in months] for c in shown},
        },
    }


def figure(dashboard, code):
    return next(f for f in dashboard["indicators"] if f["code"] == code)


def dashboard_tables(dashboard):
    """The dashboard's tables (the same numbers the page shows) for Excel and PDF."""
    key = Table(
        _("Key figures"),
        [_("Indicator"), _("Value"), _("Unit"), _("Numerator"), _("Denominator"), _("Target"), _("National median")],
        [[f["label"], f["value"], "%" if f["unit"] == "percent" else _("participants"), f["numerator"],
          f["denominator"], f["target"], f["national_median"]] for f in dashboard["indicators"]],
        number_formats={1: "0.0", 6: "0.0"},
    )
    centers = dashboard["centers"]
    by_center = Table(
        _("By center"),
        [_("Center")] + [f["label"] for f in dashboard["indicators"]],
        [[c["name"]] + [f["by_center"][c["code"]]["value"] for f in dashboard["indicators"]] for c in centers]
        + [[_("Total")] + [f["value"] for f in dashboard["indicators"]]]
        + [[_("National median")] + [f["national_median"] for f in dashboard["indicators"]]],
        percent_columns={i + 1 for i, f in enumerate(dashboard["indicators"]) if f["unit"] == "percent"},
    )
    labels = dashboard["by_status"]["labels"]
    statuses = list(labels)
    by_status = Table(
        _("Participants by status"),
        [_("Center")] + [labels[s] for s in statuses] + [_("Total")],
        [[c["name"]] + [dashboard["by_status"]["by_center"][c["code"]][s] for s in statuses]
         + [sum(dashboard["by_status"]["by_center"][c["code"]].values())] for c in centers]
        + [[_("Total")] + [dashboard["by_status"]["total"][s] for s in statuses]
           + [sum(dashboard["by_status"]["total"].values())]],
    )
    trend = Table(
        _("New active participants by month"),
        [_("Month")] + [c["name"] for c in centers] + [_("Total")],
        [[month] + [dashboard["trend"]["by_center"][c["code"]][i] for c in centers] + [dashboard["trend"]["total"][i]]
         for i, month in enumerate(dashboard["trend"]["months"])],
    )
    return [key, by_center, by_status, trend]


def period_text(dashboard):
    period = dashboard["period"]
    text = _("Period: %(start)s – %(end)s") % {"start": period["from"], "end": period["to"]}
    if dashboard.get("population"):
        text += " · " + _("Population: %(filters)s") % {"filters": dashboard["population"]}
    return text
