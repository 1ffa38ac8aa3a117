"""The dashboard's figures as one JSON-able structure: the page, the API and the exports all read it."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hizdamnut.centers.indicators import registered
from hizdamnut.centers.models import Center
from hizdamnut.centers.scoping import visible_centers
from hizdamnut.inquiries.models import InquiryCategory, Source
from hizdamnut.intake.models import RoutingTrack
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.placements.indicators import FUNNEL_STAGES, funnel_totals
from hizdamnut.programs.models import Program
from hizdamnut.routers import report_reads

from . import indicators
from .exports import Table
from .indicators import INDICATORS, Filters, Scope, median
from .medians import national_figures


def build_dashboard(user, filters, center=None, today=None):
    """Figures for the user's centers (or the chosen one), with the median over every center for comparison.

    Read from the replica database when there is one (hizdamnut/routers.py)."""
    with report_reads():
        return _build_dashboard(user, filters, center=center, today=today)


def _build_dashboard(user, filters, center=None, today=None):
    all_centers = list(Center.objects.order_by("code"))
    shown = _shown(user, center, all_centers)
    when = {"today": today} if today else {}
    shown_ids = [c.pk for c in shown]
    # The other centers' values, for the national median: counted once a day in the background rather than on
    # every request. Until they are counted (a new period or population), the median waits for them: the request
    # counts the centers shown only (docs/indicators.md).
    several = len(shown) < len(all_centers)
    others = national_figures(filters, today or timezone.localdate()) if several else None
    median_pending = several and others is None
    scope = Scope(shown, filters, **when)

    figures = []
    for indicator in INDICATORS:
        per_center = indicator.compute(scope)
        total = indicator.total(scope, shown_ids, per_center)
        available = indicator.available
        values = [r.value for r in per_center.values()]
        if others and available:
            values += [value for cid, value in others.values.get(indicator.code, {}).items()
                       if int(cid) not in shown_ids]
        figures.append({
            "code": indicator.code, "label": str(indicator.label), "unit": indicator.unit,
            "group": str(indicators.GROUPS[indicator.group]),
            "definition": str(indicator.definition), "target": str(indicator.target),
            "target_value": indicator.target_value, "available": available,
            "numerator_label": str(indicator.numerator_label), "denominator_label": str(indicator.denominator_label),
            **total.as_dict(),
            "national_median": median(values) if available and not median_pending else None,
            "by_center": {c.code: per_center[c.pk].as_dict() for c in shown},
        })

    targets = indicators.placement_targets(scope)
    placement = figure({"indicators": figures}, "placement_rate")
    placement["center_targets"] = {c.code: targets[c.pk] for c in shown}
    if len(shown) == 1:
        placement["target_value"] = targets[shown[0].pk]
        placement["target"] = f"{targets[shown[0].pk]:g}%"

    status = indicators.participants_by_status(scope)
    status_total = {s: sum(status[cid][s] for cid in shown_ids) for s in JourneyStatus.values}
    trend = indicators.new_active_by_month(scope)
    months = list(next(iter(trend.values())).keys()) if trend else []
    return {
        "period": {"from": filters.date_from.isoformat(), "to": filters.date_to.isoformat()},
        "filters": {"age_band": filters.age_band, "gender": filters.gender, "single_parent": filters.single_parent,
                    "worker": filters.worker_id, "program": filters.program_id, "disability": filters.disability,
                    "released_prisoner": filters.released_prisoner, "center": center.code if center else None},
        "population": filters.describe(),
        # When the other centers' figures in the national median were counted (None: with this request's).
        "median_counted_at": timezone.localtime(others.computed_at).isoformat(timespec="minutes") if others else None,
        # True while the other centers' figures of this period and population are being counted: no median yet.
        "median_pending": median_pending,
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
        "funnel": _funnel(scope, shown),
        **_breakdowns(scope, shown),
        **_caseloads(user, scope, shown),
    }


def _shown(user, center, all_centers):
    """The centers the dashboard shows: the user's, or the chosen one."""
    visible = set(visible_centers(user).values_list("pk", flat=True))
    return [c for c in all_centers if c.pk in visible and (center is None or c.pk == center.pk)]


def team_caseloads(user, filters, center=None, *, by):
    """The team's caseloads alone (the API's breakdowns "caseload_per_worker" and "caseload_per_center"), by
    worker or by center whatever the number of centers shown."""
    with report_reads():
        shown = _shown(user, center, list(Center.objects.order_by("code")))
        scope = Scope(shown, filters)
        return caseload_center_rows(scope, shown) if by == "center" else caseload_rows(user, scope, shown)


def _caseloads(user, scope, shown):
    """The team's caseloads: a row per worker when the dashboard shows one center (or one worker), else a row per
    center ("caseload_by": "center"; its workers are a click away), as 1,800 workers' rows would be of the
    country (docs/indicators.md)."""
    if len(shown) > 1 and not scope.filters.worker_id:
        return {"caseload_by": "center", "caseload": [], "caseload_by_center": caseload_center_rows(scope, shown)}
    return {"caseload_by": "worker", "caseload": caseload_rows(user, scope, shown), "caseload_by_center": []}


def caseload_center_rows(scope, shown):
    """The rows per center, as the dashboard's JSON holds them."""
    rows = indicators.caseload_per_center(scope)
    return [{"center": c.code, "name": c.name, **rows[c.pk]} for c in shown]


def caseload_rows(user, scope, shown):
    """The rows per worker, as the dashboard's JSON holds them."""
    return [
        {"worker": row["worker"].get_full_name() or row["worker"].username, "worker_id": row["worker"].pk,
         "centers": [c.code for c in shown if c.pk in row["centers"]], "caseload": row["caseload"],
         "overdue_tasks": row["overdue_tasks"], "overdue_follow_ups": row["overdue_follow_ups"]}
        for row in indicators.caseload_per_worker(user, scope)
    ]


def _funnel(scope, shown):
    """Per stage: inquiries that reached it, conversion from the previous stage and median days (as the
    indicators funnel_* and days_to_* compute them)."""
    labels = dict(zip(FUNNEL_STAGES, (
        pgettext("funnel stage", "Inquiry"), pgettext("funnel stage", "Screened"),
        pgettext("funnel stage", "Intake"), pgettext("funnel stage", "Routed"), pgettext("funnel stage", "Placed")),
                      strict=True))
    return {"total": funnel_totals(scope, [c.pk for c in shown], labels),
            "by_center": {c.code: funnel_totals(scope, [c.pk], labels) for c in shown}}


def _breakdown(counts, shown, labels):
    """{"labels", "total", "by_center"} with every key that has a label, in the labels' order."""
    keys = list(labels)
    total = {k: sum(counts[c.pk].get(k, 0) for c in shown) for k in keys}
    return {"labels": {str(k): str(v) for k, v in labels.items()},
            "total": {str(k): total[k] for k in keys},
            "by_center": {c.code: {str(k): counts[c.pk].get(k, 0) for k in keys} for c in shown}}


def _breakdowns(scope, shown):
    reasons = indicators.inquiries_by_reason(scope)
    programs = indicators.participants_by_program(scope)
    used_reasons = {k for counts in reasons.values() for k, n in counts.items() if n}
    used_programs = {k for counts in programs.values() for k, n in counts.items() if n}
    return {
        "inquiries_by_source": _breakdown(indicators.inquiries_by_source(scope), shown, dict(Source.choices)),
        "inquiries_by_reason": _breakdown(reasons, shown, {
            c.pk: c.label for c in InquiryCategory.objects.filter(pk__in=used_reasons).order_by("position", "code")}),
        "by_response": _breakdown(indicators.participants_by_response(scope), shown, dict(RoutingTrack.choices)),
        "by_program": _breakdown(programs, shown, {
            p.pk: p.name for p in Program.objects.filter(pk__in=used_programs).order_by("kind", "code")}),
    }


HOME_FIGURES = ("new_active_participants", "pace_to_date", "region_residents_share", "file_holders_share")


def home_figures(user, today):
    """The home page's figures of the year so far, over the user's centers: each computed alone (not the whole
    dashboard), with what its card shows."""
    scope = Scope(list(visible_centers(user).order_by("code")), Filters(today.replace(month=1, day=1), today),
                  today=today)
    figures = []
    for indicator in registered(HOME_FIGURES):
        total = indicator.total(scope, scope.center_ids, indicator.compute(scope))
        figures.append({"code": indicator.code, "label": str(indicator.label), "unit": indicator.unit,
                        "definition": str(indicator.definition), "target": str(indicator.target),
                        "value": total.value})
    return figures


def figure(dashboard, code):
    return next(f for f in dashboard["indicators"] if f["code"] == code)


def dashboard_tables(dashboard):
    """The dashboard's tables (the same numbers the page shows) for Excel and PDF."""
    key = Table(
        _("Key figures"),
        [_("Indicator"), _("Value"), _("Unit"), _("Numerator"), _("Denominator"), _("Target"), _("National median")],
        [[f["label"], f["value"], UNITS[f["unit"]](), f["numerator"],
          f["denominator"], target_cell(f, dashboard), f["national_median"]] for f in dashboard["indicators"]],
        number_formats={1: "0.0", 5: "0.0", 6: "0.0"}, code="key_figures",
    )
    centers = dashboard["centers"]
    by_center = Table(  # indicators as rows, so that many indicators and many centers both fit a page
        _("By center"),
        [_("Indicator"), _("Unit")] + short_names([c["name"] for c in centers]) + [_("Total"), _("National median")],
        [[f["label"], UNITS[f["unit"]]()] + [f["by_center"][c["code"]]["value"] for c in centers]
         + [f["value"], f["national_median"]] for f in dashboard["indicators"]]
        + [[_("Placement-rate target"), "%"] + [figure(dashboard, "placement_rate")["center_targets"][c["code"]]
                                                for c in centers] + [None, None]],
        code="by_center", compares_centers=True,
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
        code="by_status",
    )
    trend = Table(
        _("New active participants by month"),
        [_("Month")] + [c["name"] for c in centers] + [_("Total")],
        [[month] + [dashboard["trend"]["by_center"][c["code"]][i] for c in centers] + [dashboard["trend"]["total"][i]]
         for i, month in enumerate(dashboard["trend"]["months"])],
        code="trend",
    )
    funnel = Table(
        _("Funnel: inquiry → screened → intake → routed → placed"),
        [_("Center"), _("Stage"), _("Reached"), _("Conversion from the previous stage"), _("Median days")],
        [[c["name"], row["label"], row["reached"], row["conversion"], row["median_days"]]
         for c in centers for row in dashboard["funnel"]["by_center"][c["code"]]]
        + [[_("Total"), row["label"], row["reached"], row["conversion"], row["median_days"]]
           for row in dashboard["funnel"]["total"]],
        percent_columns={3}, number_formats={4: "0.0"}, code="funnel",
    )
    breakdowns = [
        _breakdown_table(_("Inquiries by source"), dashboard["inquiries_by_source"], centers,
                         code="inquiries_by_source"),
        _breakdown_table(_("Inquiries by reason"), dashboard["inquiries_by_reason"], centers,
                         code="inquiries_by_reason"),
        _breakdown_table(_("Participants by response"), dashboard["by_response"], centers,
                         code="participants_by_response"),
        _breakdown_table(_("Participants by program"), dashboard["by_program"], centers, shares=False,
                         code="participants_by_program"),
    ]
    if dashboard.get("caseload_by") == "center":
        caseload = Table(
            _("Caseload per center"),
            [_("Center"), _("Accompanying workers"), pgettext("dashboard", "Caseload"), _("Per worker"),
             _("Overdue tasks"), _("Overdue follow-ups")],
            [[row["name"], row["workers"], row["caseload"], row["per_worker"], row["overdue_tasks"],
              row["overdue_follow_ups"]] for row in dashboard["caseload_by_center"]],
            number_formats={3: "0.0"}, code="caseload_per_center", as_of_today=True,
        )
    else:
        caseload = Table(
            _("Caseload per worker"),
            [_("Worker"), _("Centers"), pgettext("dashboard", "Caseload"), _("Overdue tasks"),
             _("Overdue follow-ups")],
            [[row["worker"], ", ".join(row["centers"]), row["caseload"], row["overdue_tasks"],
              row["overdue_follow_ups"]] for row in dashboard["caseload"]],
            code="caseload_per_worker", as_of_today=True,
        )
    return [key, by_center, by_status, trend, funnel, *breakdowns, caseload]


def target_cell(found, dashboard):
    """A target as a number in the figure's unit (never "100%" as text); none when the dashboard is filtered to a
    population, since the targets are set for the whole center."""
    if dashboard.get("population"):
        return None
    return found["target_value"]


# The first screen's question, "are we on target?": these figures against their targets; the rest a click away.
HEADLINE = ("new_active_participants", "target_attainment", "pace_to_date", "placement_rate")
# Figures measured against a yearly count target: meaningless for a filtered population (12 single parents
# against the whole center's target), so hidden then.
AGAINST_COUNT_TARGETS = ("target_attainment", "pace_to_date")


def short_names(names):
    """Center names without the words they all share ("מרכז הזדמנות נתניה" → "נתניה"), for narrow columns."""
    if len(names) < 2:
        return names
    words = [name.split() for name in names]
    shared = 0
    while all(len(w) > shared + 1 and w[shared] == words[0][shared] for w in words):
        shared += 1
    return [" ".join(w[shared:]) for w in words]


UNITS = {"percent": lambda: "%", "count": lambda: _("participants"), "days": lambda: _("days")}


def _breakdown_table(title, breakdown, centers, shares=True, code=""):
    """Rows = categories; per center (and in total) the count and, where categories add up, the share."""
    columns, percent_columns = [_("Category")], set()
    for name in [c["name"] for c in centers] + [_("Total")]:
        columns.append(name)
        if shares:
            columns.append(_("%(name)s (%%)") % {"name": name})
            percent_columns.add(len(columns) - 1)
    sums = {c["code"]: sum(breakdown["by_center"][c["code"]].values()) for c in centers}
    grand = sum(breakdown["total"].values())
    rows = []
    for key, label in breakdown["labels"].items():
        row = [label]
        for code in [c["code"] for c in centers] + [None]:
            n = breakdown["total"][key] if code is None else breakdown["by_center"][code][key]
            row.append(n)
            if shares:
                row.append(indicators.percent(n, grand if code is None else sums[code]))
        rows.append(row)
    return Table(title, columns, rows, percent_columns=percent_columns, code=code)


def period_dates(dashboard):
    """The dashboard's period as dates (it holds them as ISO text, for the API)."""
    return tuple(datetime.date.fromisoformat(dashboard["period"][key]) for key in ("from", "to"))


def period_text(dashboard):
    start, end = period_dates(dashboard)
    text = _("Period: %(start)s – %(end)s") % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
    if dashboard.get("population"):
        text += " · " + _("Population: %(filters)s") % {"filters": dashboard["population"]}
    return text


# ------------------------------------------------------------------ the page: charts and sections, ready to render


def dashboard_sections(dashboard):
    """What the dashboard page shows beside the figures: chart specs, the status rows and the breakdown tables."""
    return {"charts": dashboard_charts(dashboard), "status_rows": _status_rows(dashboard),
            "breakdowns": _breakdown_sections(dashboard)}


def _center_series(dashboard, code):
    """One indicator over the shown centers, as a bar chart with the national median."""
    found = figure(dashboard, code)
    return {
        "labels": [c["name"] for c in dashboard["centers"]],
        "values": [found["by_center"][c["code"]]["value"] for c in dashboard["centers"]],
        "label": str(found["label"]) + " (%)",
        "median": found["national_median"], "median_label": _("National median"),
    }


def dashboard_charts(dashboard):
    """The charts of the page: the monthly trend, target attainment by center and, when known, placement."""
    charts = {
        "trend": {"labels": dashboard["trend"]["months"], "values": dashboard["trend"]["total"],
                  "label": _("New active participants")},
        "comparison": _center_series(dashboard, "target_attainment"),
    }
    placement = figure(dashboard, "placement_rate")
    if placement["available"]:
        charts["placement"] = {
            **_center_series(dashboard, "placement_rate"),
            "targets": [placement["center_targets"][c["code"]] for c in dashboard["centers"]],
            "target_label": _("Placement-rate target"),
        }
    return charts


def _status_rows(dashboard):
    by_status = dashboard["by_status"]
    return [{"center": c, "counts": [by_status["by_center"][c["code"]][s] for s in by_status["labels"]]}
            for c in dashboard["centers"]]


def _breakdown_sections(data):
    """The category tables of the page: rows = categories, per center and in total the count and share."""
    sections = []
    for code, key, shares in (("inquiries_by_source", "inquiries_by_source", True),
                              ("inquiries_by_reason", "inquiries_by_reason", True),
                              ("participants_by_response", "by_response", True),
                              ("participants_by_program", "by_program", False)):
        breakdown = data[key]
        sums = {c["code"]: sum(breakdown["by_center"][c["code"]].values()) for c in data["centers"]}
        grand = sum(breakdown["total"].values())
        rows = []
        for category, label in breakdown["labels"].items():
            cells = [(breakdown["by_center"][c["code"]][category],
                      indicators.percent(breakdown["by_center"][c["code"]][category], sums[c["code"]]))
                     for c in data["centers"]]
            rows.append({"label": label, "cells": cells,
                         "total": (breakdown["total"][category],
                                   indicators.percent(breakdown["total"][category], grand))})
        title, definition = indicators.BREAKDOWNS[code]
        sections.append({"code": code, "title": title, "definition": definition,
                         "rows": rows, "shares": shares, "grand": grand})
    return sections
