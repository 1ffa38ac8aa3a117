from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["CareerPlan", "Goal", "Task", "PlanChange", "Meeting", "SkillAssessment", "SkillScore", "Note"]


class PlansConfig(AppConfig):
    name = "hizdamnut.plans"
    verbose_name = _("Career plans")

    def ready(self):
        # A therapeutic note's text must not leak into the audit log, which more roles may read.
        register_app(self, audited=MODELS, audit_options={"Note": {"exclude_fields": ["text"]}}, participant_file=True)
