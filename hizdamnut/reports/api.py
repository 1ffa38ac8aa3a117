from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema

from hizdamnut.centers.permissions import require_role

from .dashboard import build_dashboard
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


def _dashboard(request, query):
    require_role(request, DASHBOARD_ROLES)
    params = {k: v for k, v in query.dict().items() if v not in (None, "", False)}
    form = DashboardFilterForm(params or None, user=request.user)
    if params and not form.is_valid():
        if "center" in form.errors:
            raise Http404
        raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
    return build_dashboard(request.user, form.filters(), center=form.chosen_center())


@router.get("/dashboard", response=dict)
def dashboard(request, query: Query[DashboardQuery]):
    """Every dashboard figure (value, numerator, denominator, per center, total, national median), the
    participants by status and the monthly trend — the same numbers as the page and its Excel/PDF."""
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
    data = _dashboard(request, query)
    keys = {"participants_by_status": "by_status", "trend": "trend", "funnel": "funnel",
            "inquiries_by_source": "inquiries_by_source", "inquiries_by_reason": "inquiries_by_reason",
            "participants_by_response": "by_response", "participants_by_program": "by_program"}
    if code in keys:
        return data[keys[code]]
    if code == "caseload_per_worker":
        return {"rows": data["caseload"]}
    for figure in data["indicators"]:
        if figure["code"] == code:
            return {**figure, "period": data["period"], "filters": data["filters"]}
    raise Http404
