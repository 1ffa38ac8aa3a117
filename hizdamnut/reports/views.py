import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import MANAGEMENT_ROLES, NATIONWIDE_ROLES
from hizdamnut.centers.scoping import sees_all_centers, visible_centers
from hizdamnut.surveys.models import Questionnaire
from hizdamnut.surveys.reporting import survey_report
from hizdamnut.surveys.views import SURVEY_ROLES, report_filters

from .dashboard import build_dashboard, dashboard_tables, figure, period_text
from .exports import PDF_TYPE, download, pdf_story
from .forms import DashboardFilterForm
from .indicators import BREAKDOWNS, FUNNEL_DEFINITION, INDICATORS, STATUS_DEFINITION, Filters, percent
from .survey_tables import survey_tables

DASHBOARD_ROLES = MANAGEMENT_ROLES | NATIONWIDE_ROLES


def _dashboard_from_request(request):
    form = DashboardFilterForm(request.GET or None, user=request.user)
    dashboard = build_dashboard(request.user, form.filters(), center=form.chosen_center())
    return form, dashboard


@role_required(DASHBOARD_ROLES)
def dashboard(request):
    form, data = _dashboard_from_request(request)
    comparison = figure(data, "target_attainment")
    charts = {
        "trend": {"labels": data["trend"]["months"], "values": data["trend"]["total"],
                  "label": _("New active participants")},
        "comparison": {
            "labels": [c["name"] for c in data["centers"]],
            "values": [comparison["by_center"][c["code"]]["value"] for c in data["centers"]],
            "label": str(comparison["label"]) + " (%)",
            "median": comparison["national_median"],
            "median_label": _("National median"),
        },
    }
    placement = figure(data, "placement_rate")
    if placement["available"]:
        charts["placement"] = {
            "labels": [c["name"] for c in data["centers"]],
            "values": [placement["by_center"][c["code"]]["value"] for c in data["centers"]],
            "label": str(placement["label"]) + " (%)",
            "median": placement["national_median"], "median_label": _("National median"),
            "targets": [placement["center_targets"][c["code"]] for c in data["centers"]],
            "target_label": _("Placement-rate target"),
        }
    status_rows = [
        {"center": c, "counts": [data["by_status"]["by_center"][c["code"]][s] for s in data["by_status"]["labels"]]}
        for c in data["centers"]
    ]
    return render(request, "reports/dashboard.html", {
        "form": form, "data": data, "charts": charts, "query": request.GET.urlencode(),
        "national": sees_all_centers(request.user) and form.chosen_center() is None,
        "status_rows": status_rows, "status_definition": STATUS_DEFINITION,
        "breakdowns": _breakdown_sections(data),
        "definitions": {**{k: v[1] for k, v in BREAKDOWNS.items()}, "funnel": FUNNEL_DEFINITION},
        "year": timezone.localdate().year,
    })


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
            cells = [(breakdown["by_center"][c["code"]][category], percent(breakdown["by_center"][c["code"]][category],
                                                                           sums[c["code"]]))
                     for c in data["centers"]]
            rows.append({"label": label, "cells": cells,
                         "total": (breakdown["total"][category], percent(breakdown["total"][category], grand))})
        sections.append({"code": code, "title": BREAKDOWNS[code][0], "definition": BREAKDOWNS[code][1],
                         "rows": rows, "shares": shares, "grand": grand})
    return sections


@role_required(DASHBOARD_ROLES)
def definitions(request):
    return render(request, "reports/definitions.html", {"indicators": INDICATORS,
                                                        "status_definition": STATUS_DEFINITION,
                                                        "breakdowns": BREAKDOWNS})


@role_required(DASHBOARD_ROLES)
def dashboard_export(request, file_format):
    _form, data = _dashboard_from_request(request)
    return download(dashboard_tables(data), filename="dashboard", file_format=file_format,
                    title=_("Dashboard"), subtitle=period_text(data))


@role_required(DASHBOARD_ROLES)
def yearly_report(request, center_code, year):
    """The numbers a center sends the ministry for one year, as one PDF."""
    center = get_object_or_404(visible_centers(request.user), code=center_code)
    today = timezone.localdate()
    if not 2015 <= year <= today.year:
        raise Http404
    filters = Filters(date_from=datetime.date(year, 1, 1), date_to=min(datetime.date(year, 12, 31), today))
    data = build_dashboard(request.user, filters, center=center)
    tables = dashboard_tables(data)
    # one center: no comparison table; caseload is today's, not the year's
    tables = [table for i, table in enumerate(tables) if i != 1 and i != len(tables) - 1]
    for questionnaire in Questionnaire.objects.prefetch_related("items"):
        report = survey_report(questionnaire, centers=[center], date_from=filters.date_from, date_to=filters.date_to)
        if report["responses"]:
            domains = survey_tables(report, questionnaire)[1]
            domains.title = _("Satisfaction: %(title)s (%(n)s responses)") % {
                "title": questionnaire.title, "n": report["responses"]}
            tables.append(domains)
    return _pdf_response(
        tables, filename=f"yearly-report-{center.code}-{year}",
        title=_("Yearly report %(year)s – %(center)s") % {"year": year, "center": center.name},
        subtitle=period_text(data),
    )


def _pdf_response(tables, *, filename, title, subtitle):
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from .exports import _page_number

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=36, rightMargin=36, topMargin=36,
                                 bottomMargin=36)
    document.build(pdf_story(tables, title, subtitle), onFirstPage=_page_number, onLaterPages=_page_number)
    response = HttpResponse(buffer.getvalue(), content_type=PDF_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@role_required(SURVEY_ROLES)
def survey_export(request, code, file_format):
    questionnaire = get_object_or_404(Questionnaire.objects.prefetch_related("items"), code=code)
    _form, kwargs = report_filters(request)
    report = survey_report(questionnaire, **kwargs)
    return download(survey_tables(report, questionnaire), filename=f"survey-{code}", file_format=file_format,
                    title=questionnaire.title)
