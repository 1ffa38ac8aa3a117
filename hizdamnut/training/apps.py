from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["Course", "TrainingApplication"]


class TrainingConfig(AppConfig):
    name = "hizdamnut.training"
    verbose_name = _("Training")

    def ready(self):
        register_app(self, audited=MODELS, participant_file=True)
