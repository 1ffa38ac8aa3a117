from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "hizdamnut.programs"
    verbose_name = _("Programs")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models
        from .timeline import register

        for model in (models.Program, models.Cohort, models.Session, models.Enrollment, models.SessionAttendance):
            auditlog.register(model)
        register()
