from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["IntakeMeeting", "RoutingDecision", "Referral"]


class IntakeConfig(AppConfig):
    name = "hizdamnut.intake"
    verbose_name = _("Intake and routing")

    def ready(self):
        register_app(self, audited=MODELS, participant_file=True)
