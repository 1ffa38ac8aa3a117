from django.shortcuts import get_object_or_404

from hizdamnut.centers.permissions import role_required
from hizdamnut.surveys.models import Questionnaire
from hizdamnut.surveys.reporting import survey_report
from hizdamnut.surveys.views import SURVEY_ROLES, report_filters

from .exports import download
from .survey_tables import survey_tables


@role_required(SURVEY_ROLES)
def survey_export(request, code, file_format):
    questionnaire = get_object_or_404(Questionnaire.objects.prefetch_related("items"), code=code)
    _form, kwargs = report_filters(request)
    report = survey_report(questionnaire, **kwargs)
    return download(survey_tables(report, questionnaire), filename=f"survey-{code}", file_format=file_format,
                    title=questionnaire.title)


def dashboard(request):
    raise NotImplementedError


dashboard_export = yearly_report = dashboard
