from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["CommunityService"]


class DirectoryConfig(AppConfig):
    name = "hizdamnut.directory"
    verbose_name = _("Community services")

    def ready(self):
        register_app(self, audited=MODELS)
