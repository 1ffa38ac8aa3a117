from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.audit.services import record_export
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import MANAGEMENT_ROLES, NATIONWIDE_ROLES
from hizdamnut.centers.scoping import sees_all_centers
from hizdamnut.jobs.services import start_job
from hizdamnut.jobs.views import progress_response
from hizdamnut.surveys.views import SURVEY_ROLES

from . import tasks
from .dashboard import AGAINST_COUNT_TARGETS, HEADLINE, build_dashboard, dashboard_sections, period_dates
from .export_files import (
    check_format,
    dashboard_file,
    dashboard_form,
    questionnaire_or_404,
    survey_file,
    yearly_center,
    yearly_file,
)
from .indicators import BREAKDOWNS, FUNNEL_DEFINITION, GROUPS, INDICATORS, STATUS_DEFINITION

DASHBOARD_ROLES = MANAGEMENT_ROLES | NATIONWIDE_ROLES


def _dashboard_from_request(request):
    form = dashboard_form(request.user, request.GET)
    dashboard = build_dashboard(request.user, form.filters(), center=form.chosen_center())
    return form, dashboard


@role_required(DASHBOARD_ROLES)
def dashboard(request):
    form, data = _dashboard_from_request(request)
    # The first screen answers "are we on target?"; the funnel's figures are its table, not cards beside it.
    hidden = AGAINST_COUNT_TARGETS if data["population"] else ()
    headline = [f for f in data["indicators"] if f["code"] in HEADLINE and f["code"] not in hidden]
    funnel_group = str(GROUPS["funnel"])
    more = [f for f in data["indicators"] if f["code"] not in HEADLINE and f["group"] != funnel_group]
    return render(request, "reports/dashboard.html", {
        "form": form, "data": data, "query": request.GET.urlencode(), "headline": headline, "more_figures": more,
        "period": period_dates(data),
        "national": sees_all_centers(request.user) and form.chosen_center() is None,
        "status_definition": STATUS_DEFINITION, **dashboard_sections(data),
        "definitions": {**{k: v[1] for k, v in BREAKDOWNS.items()}, "funnel": FUNNEL_DEFINITION},
        "year": timezone.localdate().year,
        "center_queries": _center_queries(request, data),
    })


def _center_queries(request, data):
    """{center code: this page's query string with that center chosen}: the per-center caseload rows open the
    center's dashboard, where its workers are listed."""
    queries = {}
    for row in data["caseload_by_center"]:
        query = request.GET.copy()
        query["center"] = row["center"]
        queries[row["center"]] = query.urlencode()
    return queries


@role_required(DASHBOARD_ROLES)
def definitions(request):
    return render(request, "reports/definitions.html", {"indicators": INDICATORS,
                                                        "status_definition": STATUS_DEFINITION,
                                                        "breakdowns": BREAKDOWNS})


def start_export(request, kind, *, center=None, title, audit, **params):
    """Starts a background export (a POST from the page's button, htmx): the progress fragment, polling until the
    download link; a POST without htmx goes to the job's own page."""
    job = start_job(user=request.user, kind=kind, task=tasks.export, center=center,
                    params={**params, "title": title, "audit": audit})
    if not request.htmx:
        return redirect("jobs:status", job.pk)
    return progress_response(request, job)


@role_required(DASHBOARD_ROLES)
def dashboard_export(request, file_format):
    """The dashboard as Excel or PDF: at once for a link (GET), in the background with progress for a POST."""
    if request.method == "POST":
        check_format(file_format)
        form = dashboard_form(request.user, request.GET)
        query = request.GET.urlencode()
        return start_export(request, "dashboard_export", center=form.chosen_center(), query=query,
                            format=file_format, title=_("Dashboard") + f" ({file_format.upper()})",
                            audit={"what": "dashboard", "format": file_format, "query": request.GET.dict()})
    export_file = dashboard_file(request.user, request.GET, file_format)
    record_export(request, what="dashboard", file_format=file_format, center=export_file.center)
    return export_file.response()


@role_required(DASHBOARD_ROLES)
def yearly_report(request, center_code, year):
    """The numbers a center sends the ministry for one year, as one PDF."""
    if request.method == "POST":
        center = yearly_center(request.user, center_code, year)
        return start_export(request, "yearly_report", center=center, center_code=center.code, year=year,
                            title=_("Yearly report %(year)s – %(center)s") % {"year": year, "center": center.name},
                            audit={"what": f"yearly_report_{year}", "format": "pdf", "query": {}})
    export_file = yearly_file(request.user, center_code, year)
    record_export(request, what=f"yearly_report_{year}", file_format="pdf", center=export_file.center)
    return export_file.response()


@role_required(SURVEY_ROLES)
def survey_export(request, code, file_format):
    if request.method == "POST":
        check_format(file_format)
        questionnaire = questionnaire_or_404(code)
        return start_export(request, "survey_export", code=code, format=file_format,
                            query=request.GET.urlencode(), title=f"{questionnaire.title} ({file_format.upper()})",
                            audit={"what": f"survey_{code}", "format": file_format, "query": request.GET.dict()})
    export_file = survey_file(request.user, request.GET, code, file_format)
    record_export(request, what=f"survey_{code}", file_format=file_format)
    return export_file.response()
