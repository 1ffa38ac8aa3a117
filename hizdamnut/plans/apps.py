from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "hizdamnut.plans"
    verbose_name = _("Career plans")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in (models.CareerPlan, models.Goal, models.Task, models.PlanChange, models.Meeting,
                      models.SkillAssessment, models.SkillScore):
            auditlog.register(model)
        # A therapeutic note's text must not leak into the audit log, which more roles may read.
        auditlog.register(models.Note, exclude_fields=["text"])

        from .participant_file import register

        register()
