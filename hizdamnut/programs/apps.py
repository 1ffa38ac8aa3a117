from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["Program", "Cohort", "Session", "Enrollment", "SessionAttendance"]


class ProgramsConfig(AppConfig):
    name = "hizdamnut.programs"
    verbose_name = _("Programs")

    def ready(self):
        register_app(self, audited=MODELS)

        from .timeline import register

        register()
