from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["Center", "YearlyTarget", "StaffProfile"]


class CentersConfig(AppConfig):
    name = "hizdamnut.centers"
    verbose_name = _("Centers")

    def ready(self):
        register_app(self, audited=MODELS, audit_options={"StaffProfile": {"m2m_fields": {"centers"}}})
