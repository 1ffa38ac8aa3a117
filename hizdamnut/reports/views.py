import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.audit.services import record_export
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import MANAGEMENT_ROLES, NATIONWIDE_ROLES
from hizdamnut.centers.scoping import sees_all_centers, visible_centers
from hizdamnut.surveys.indicators import survey_report
from hizdamnut.surveys.models import Questionnaire
from hizdamnut.surveys.views import SURVEY_ROLES, report_filters

from .dashboard import (
    AGAINST_COUNT_TARGETS,
    HEADLINE,
    build_dashboard,
    dashboard_sections,
    dashboard_tables,
    period_dates,
    period_text,
)
from .exports import download
from .forms import DashboardFilterForm
from .indicators import BREAKDOWNS, FUNNEL_DEFINITION, GROUPS, INDICATORS, STATUS_DEFINITION, Filters
from .survey_tables import survey_tables

DASHBOARD_ROLES = MANAGEMENT_ROLES | NATIONWIDE_ROLES


def _dashboard_from_request(request):
    form = DashboardFilterForm(request.GET or None, user=request.user)
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
    })


@role_required(DASHBOARD_ROLES)
def definitions(request):
    return render(request, "reports/definitions.html", {"indicators": INDICATORS,
                                                        "status_definition": STATUS_DEFINITION,
                                                        "breakdowns": BREAKDOWNS})


def export_about(data, *, centers=None):
    """What an export holds, on its first sheet and first page: centers, period, filters, when it was made."""
    start, end = (f"{day:%d/%m/%Y}" for day in period_dates(data))
    names = centers if centers is not None else [c["name"] for c in data["centers"]]
    return [
        (_("Centers"), ", ".join(names) or _("All centers")),
        (_("Period"), f"{start} – {end}"),
        (_("Filters"), data.get("population") or _("None: every participant")),
        (_("Targets"), _("Hidden: the yearly targets are set for the whole center, not for a filtered population.")
         if data.get("population") else _("The centers' yearly targets")),
        (_("Generated at"), timezone.localtime().replace(tzinfo=None, microsecond=0)),
    ]


def export_name(prefix, data):
    """A file name that says what the file holds: dashboard-NTN-2026-01-01-2026-06-30-filtered."""
    codes = [c["code"] for c in data["centers"]]
    where = codes[0] if len(codes) == 1 else ("all-centers" if codes else "no-center")
    filtered = "-filtered" if data.get("population") else ""
    return f"{prefix}-{where}-{data['period']['from']}-{data['period']['to']}{filtered}"


@role_required(DASHBOARD_ROLES)
def dashboard_export(request, file_format):
    _form, data = _dashboard_from_request(request)
    record_export(request, what="dashboard", file_format=file_format, center=_form.chosen_center())
    return download(dashboard_tables(data), filename=export_name("dashboard", data), file_format=file_format,
                    title=_("Dashboard"), subtitle=period_text(data), about=export_about(data))


@role_required(DASHBOARD_ROLES)
def yearly_report(request, center_code, year):
    """The numbers a center sends the ministry for one year, as one PDF."""
    center = get_object_or_404(visible_centers(request.user), code=center_code)
    today = timezone.localdate()
    if not 2015 <= year <= today.year:
        raise Http404
    filters = Filters(date_from=datetime.date(year, 1, 1), date_to=min(datetime.date(year, 12, 31), today))
    data = build_dashboard(request.user, filters, center=center)
    record_export(request, what=f"yearly_report_{year}", file_format="pdf", center=center)
    # one center: no comparison between centers; caseload is today's, not the year's
    tables = [table for table in dashboard_tables(data) if not table.compares_centers and not table.as_of_today]
    for questionnaire in Questionnaire.objects.prefetch_related("items"):
        report = survey_report(questionnaire, centers=[center], date_from=filters.date_from, date_to=filters.date_to)
        if report["responses"]:
            domains = next(t for t in survey_tables(report, questionnaire) if t.code == "domains")
            domains.title = _("Satisfaction: %(title)s (%(n)s responses)") % {
                "title": questionnaire.title, "n": report["responses"]}
            tables.append(domains)
    return download(
        tables, filename=f"yearly-report-{center.code}-{year}", file_format="pdf", landscape_page=False,
        title=_("Yearly report %(year)s – %(center)s") % {"year": year, "center": center.name},
        subtitle=period_text(data), about=export_about(data),
    )


@role_required(SURVEY_ROLES)
def survey_export(request, code, file_format):
    questionnaire = get_object_or_404(Questionnaire.objects.prefetch_related("items"), code=code)
    _form, kwargs = report_filters(request)
    report = survey_report(questionnaire, **kwargs)
    centers = kwargs.get("centers") or []
    about = [(_("Questionnaire"), questionnaire.title),
             (_("Centers"), ", ".join(c.name for c in centers) or _("All centers")),
             (_("Period"), " – ".join(d.strftime("%d/%m/%Y") for d in (kwargs.get("date_from"), kwargs.get("date_to"))
                                     if d) or _("All answers")),
             (_("Generated at"), timezone.localtime().replace(tzinfo=None, microsecond=0))]
    where = centers[0].code if len(centers) == 1 else "all-centers"
    record_export(request, what=f"survey_{code}", file_format=file_format)
    return download(survey_tables(report, questionnaire), filename=f"survey-{code}-{where}", file_format=file_format,
                    title=questionnaire.title, about=about)
