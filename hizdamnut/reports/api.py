from datetime import date
from typing import Literal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status

from hizdamnut.centers.permissions import require_role
from hizdamnut.jobs.api import JobOut, job_out
from hizdamnut.jobs.services import start_job
from hizdamnut.surveys.views import SURVEY_ROLES

from . import tasks
from .dashboard import build_dashboard, team_caseloads
from .export_files import questionnaire_or_404, yearly_center
from .forms import DashboardFilterForm
from .indicators import BREAKDOWNS, INDICATORS
from .views import DASHBOARD_ROLES

router = Router(tags=["reports"])


class DashboardQuery(Schema):
    center: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    age_band: str | None = None
    gender: str | None = None
    single_parent: bool | None = None
    worker: int | None = None
    program: int | None = None
    disability: bool | None = None
    released_prisoner: bool | None = None


class DefinitionOut(Schema):
    code: str
    label: str
    unit: str
    definition: str
    numerator: str
    denominator: str
    target: str
    available: bool


def _filters(query):
    return {k: v for k, v in query.dict().items() if v not in (None, "", False)}


def _dashboard_form(request, query):
    require_role(request, DASHBOARD_ROLES)
    params = _filters(query)
    form = DashboardFilterForm(params or None, user=request.user)
    if params and not form.is_valid():
        if "center" in form.errors:
            raise Http404
        raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
    return form


def _dashboard(request, query):
    form = _dashboard_form(request, query)
    return build_dashboard(request.user, form.filters(), center=form.chosen_center())


@router.get("/dashboard", response=dict)
def dashboard(request, query: Query[DashboardQuery]):
    """Every dashboard figure (value, numerator, denominator, per center, total, national median), the
    participants by status and the monthly trend — the same numbers as the page and its Excel/PDF. On a dashboard
    of some centers, the national median is null and `median_pending` true while the other centers' figures for the
    period and population are being counted in the background (ask again in a minute)."""
    return _dashboard(request, query)


@router.get("/indicators", response=list[DefinitionOut])
def definitions(request):
    """How each indicator is defined (numerator, denominator, target)."""
    require_role(request, DASHBOARD_ROLES)
    rows = [
        {"code": i.code, "label": str(i.label), "unit": i.unit, "definition": str(i.definition),
         "numerator": str(i.numerator_label), "denominator": str(i.denominator_label), "target": str(i.target),
         "available": i.available}
        for i in INDICATORS
    ]
    rows += [{"code": code, "label": str(label), "unit": "count", "definition": str(definition), "numerator": "",
              "denominator": "", "target": "", "available": True} for code, (label, definition) in BREAKDOWNS.items()]
    return rows


@router.get("/indicators/{code}", response=dict)
def indicator(request, code: str, query: Query[DashboardQuery]):
    """One dashboard figure: an indicator code or a breakdown code from /indicators, `trend` or `funnel`."""
    if code in ("caseload_per_worker", "caseload_per_center"):
        form = _dashboard_form(request, query)
        by = "center" if code == "caseload_per_center" else "worker"
        return {"rows": team_caseloads(request.user, form.filters(), form.chosen_center(), by=by)}
    data = _dashboard(request, query)
    keys = {"participants_by_status": "by_status", "trend": "trend", "funnel": "funnel",
            "inquiries_by_source": "inquiries_by_source", "inquiries_by_reason": "inquiries_by_reason",
            "participants_by_response": "by_response", "participants_by_program": "by_program"}
    if code in keys:
        return data[keys[code]]
    for figure in data["indicators"]:
        if figure["code"] == code:
            return {**figure, "period": data["period"], "filters": data["filters"]}
    raise Http404


FileFormat = Literal["xlsx", "pdf"]


def _start(request, kind, *, center=None, title, audit, **params):
    job = start_job(user=request.user, kind=kind, task=tasks.export, center=center,
                    params={**params, "title": title, "audit": audit})
    return Status(202, job_out(job))


@router.post("/exports/dashboard", response={202: JobOut})
def export_dashboard(request, query: Query[DashboardQuery], file_format: FileFormat = "xlsx"):
    """Starts the dashboard's Excel or PDF (the filters of GET /dashboard) in the background: follow it with
    GET /jobs/{id} and fetch the file from its `download_url` when `status` is `done`."""
    form = _dashboard_form(request, query)
    filters = {k: str(v) for k, v in _filters(query).items()}
    return _start(request, "dashboard_export", center=form.chosen_center(), query=urlencode(filters),
                  format=file_format, title=f"Dashboard ({file_format.upper()})",
                  audit={"what": "dashboard", "format": file_format, "query": filters})


@router.post("/exports/yearly/{center_code}/{int:year}", response={202: JobOut})
def export_yearly_report(request, center_code: str, year: int):
    """Starts a center's yearly report (PDF) in the background; see POST /exports/dashboard."""
    require_role(request, DASHBOARD_ROLES)
    center = yearly_center(request.user, center_code, year)
    return _start(request, "yearly_report", center=center, center_code=center.code, year=year,
                  title=f"Yearly report {year} – {center.name}",
                  audit={"what": f"yearly_report_{year}", "format": "pdf", "query": {}})


@router.post("/exports/surveys/{code}", response={202: JobOut})
def export_survey(request, code: str, file_format: FileFormat = "xlsx", center: str | None = None,
                  date_from: date | None = None, date_to: date | None = None):
    """Starts a questionnaire's report (Excel or PDF) in the background; see POST /exports/dashboard."""
    require_role(request, SURVEY_ROLES)
    questionnaire = questionnaire_or_404(code)
    filters = {k: str(v) for k, v in {"center": center, "date_from": date_from, "date_to": date_to}.items() if v}
    return _start(request, "survey_export", code=code, format=file_format, query=urlencode(filters),
                  title=f"{questionnaire.title} ({file_format.upper()})",
                  audit={"what": f"survey_{code}", "format": file_format, "query": filters})
