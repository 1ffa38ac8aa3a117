from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["Placement", "FollowUp"]


class PlacementsConfig(AppConfig):
    name = "hizdamnut.placements"
    verbose_name = _("Placements")

    def ready(self):
        register_app(self, audited=MODELS, participant_file=True)
