from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "hizdamnut.plans"
    verbose_name = _("Career plans")
