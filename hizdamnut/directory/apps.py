from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "hizdamnut.directory"
    verbose_name = _("Community services")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import CommunityService

        auditlog.register(CommunityService)
