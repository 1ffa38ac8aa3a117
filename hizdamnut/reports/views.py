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

from .dashboard import build_dashboard, dashboard_sections, dashboard_tables, period_text
from .exports import download
from .forms import DashboardFilterForm
from .indicators import BREAKDOWNS, FUNNEL_DEFINITION, INDICATORS, STATUS_DEFINITION, Filters
from .survey_tables import survey_tables

DASHBOARD_ROLES = MANAGEMENT_ROLES | NATIONWIDE_ROLES


def _dashboard_from_request(request):
    form = DashboardFilterForm(request.GET or None, user=request.user)
    dashboard = build_dashboard(request.user, form.filters(), center=form.chosen_center())
    return form, dashboard


@role_required(DASHBOARD_ROLES)
def dashboard(request):
    form, data = _dashboard_from_request(request)
    return render(request, "reports/dashboard.html", {
        "form": form, "data": data, "query": request.GET.urlencode(),
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


@role_required(DASHBOARD_ROLES)
def dashboard_export(request, file_format):
    _form, data = _dashboard_from_request(request)
    record_export(request, what="dashboard", file_format=file_format, center=_form.chosen_center())
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
        subtitle=period_text(data),
    )


@role_required(SURVEY_ROLES)
def survey_export(request, code, file_format):
    questionnaire = get_object_or_404(Questionnaire.objects.prefetch_related("items"), code=code)
    _form, kwargs = report_filters(request)
    report = survey_report(questionnaire, **kwargs)
    record_export(request, what=f"survey_{code}", file_format=file_format)
    return download(survey_tables(report, questionnaire), filename=f"survey-{code}", file_format=file_format,
                    title=questionnaire.title)
