from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ["Placement", "FollowUp"]


class PlacementsConfig(AppConfig):
    name = "hizdamnut.placements"
    verbose_name = _("Placements")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in MODELS:
            auditlog.register(getattr(models, model))

        from .participant_file import register

        register()
