from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "hizdamnut.surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Questionnaire, QuestionnaireItem, SurveyResponse

        auditlog.register(Questionnaire)
        auditlog.register(QuestionnaireItem)
        auditlog.register(SurveyResponse)
