"""What each export holds, built for a user and the filters she chose: the same file whether it is downloaded
at once (a plain link) or made in the background while the page shows progress (reports/tasks.py)."""

import datetime
from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.scoping import visible_centers
from hizdamnut.surveys.indicators import survey_report
from hizdamnut.surveys.models import Questionnaire
from hizdamnut.surveys.views import report_filters

from .dashboard import build_dashboard, dashboard_tables, period_dates, period_text
from .exports import FILE_FORMATS, download, render_file
from .forms import DashboardFilterForm
from .indicators import Filters
from .survey_tables import survey_tables


@dataclass
class ExportFile:
    tables: list
    filename: str
    file_format: str
    title: str = ""
    subtitle: str = ""
    landscape_page: bool = True
    about: list = field(default_factory=list)
    center: object = None  # the one center it is about, if any (the audit log's scope)

    def render(self, progress=None):
        return render_file(self.tables, file_format=self.file_format, title=self.title, subtitle=self.subtitle,
                           landscape_page=self.landscape_page, about=self.about, progress=progress)

    def response(self):
        return download(self.tables, filename=self.filename, file_format=self.file_format, title=self.title,
                        subtitle=self.subtitle, landscape_page=self.landscape_page, about=self.about)

    @property
    def file_name(self):
        return f"{self.filename}.{self.file_format}"


def check_format(file_format):
    if file_format not in FILE_FORMATS:
        raise Http404


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


def dashboard_form(user, query):
    return DashboardFilterForm(query or None, user=user)


def dashboard_file(user, query, file_format):
    """The dashboard's tables for the filters in `query` (the page's query string)."""
    form = dashboard_form(user, query)
    data = build_dashboard(user, form.filters(), center=form.chosen_center())
    return ExportFile(dashboard_tables(data), export_name("dashboard", data), file_format, title=_("Dashboard"),
                      subtitle=period_text(data), about=export_about(data), center=form.chosen_center())


def yearly_center(user, center_code, year):
    """The center of a yearly report, or 404: a center the user sees, a year from 2015 to this one."""
    center = get_object_or_404(visible_centers(user), code=center_code)
    if not 2015 <= year <= timezone.localdate().year:
        raise Http404
    return center


def yearly_file(user, center_code, year):
    """The numbers a center sends the ministry for one year, as one PDF."""
    center = yearly_center(user, center_code, year)
    filters = Filters(date_from=datetime.date(year, 1, 1), date_to=min(datetime.date(year, 12, 31),
                                                                         timezone.localdate()))
    data = build_dashboard(user, filters, center=center)
    # one center: no comparison between centers; caseload is today's, not the year's
    tables = [table for table in dashboard_tables(data) if not table.compares_centers and not table.as_of_today]
    for questionnaire in Questionnaire.objects.prefetch_related("items"):
        report = survey_report(questionnaire, centers=[center], date_from=filters.date_from, date_to=filters.date_to)
        if report["responses"]:
            domains = next(t for t in survey_tables(report, questionnaire) if t.code == "domains")
            domains.title = _("Satisfaction: %(title)s (%(n)s responses)") % {
                "title": questionnaire.title, "n": report["responses"]}
            tables.append(domains)
    return ExportFile(
        tables, f"yearly-report-{center.code}-{year}", "pdf", landscape_page=False,
        title=_("Yearly report %(year)s – %(center)s") % {"year": year, "center": center.name},
        subtitle=period_text(data), about=export_about(data), center=center,
    )


def questionnaire_or_404(code):
    return get_object_or_404(Questionnaire.objects.prefetch_related("items"), code=code)


def survey_file(user, query, code, file_format):
    """A questionnaire's report for the filters in `query` (the survey report page's query string)."""
    questionnaire = questionnaire_or_404(code)
    _form, kwargs = report_filters(user, query)
    report = survey_report(questionnaire, **kwargs)
    centers = kwargs.get("centers") or []
    about = [(_("Questionnaire"), questionnaire.title),
             (_("Centers"), ", ".join(c.name for c in centers) or _("All centers")),
             (_("Period"), " – ".join(d.strftime("%d/%m/%Y") for d in (kwargs.get("date_from"), kwargs.get("date_to"))
                                     if d) or _("All answers")),
             (_("Generated at"), timezone.localtime().replace(tzinfo=None, microsecond=0))]
    where = centers[0].code if len(centers) == 1 else "all-centers"
    return ExportFile(survey_tables(report, questionnaire), f"survey-{code}-{where}", file_format,
                      title=questionnaire.title, about=about)
