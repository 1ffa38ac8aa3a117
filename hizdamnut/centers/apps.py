from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    name = "hizdamnut.centers"
    verbose_name = _("Centers")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Center)
        auditlog.register(models.YearlyTarget)
        auditlog.register(models.StaffProfile, m2m_fields={"centers"})
