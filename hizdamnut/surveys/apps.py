from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["Questionnaire", "QuestionnaireItem", "SurveyResponse"]


class SurveysConfig(AppConfig):
    name = "hizdamnut.surveys"
    verbose_name = _("Surveys")

    def ready(self):
        register_app(self, audited=MODELS)
