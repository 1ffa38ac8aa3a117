from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["Participant", "StatusChange"]


class ParticipantsConfig(AppConfig):
    name = "hizdamnut.participants"
    verbose_name = _("Participants")

    def ready(self):
        from hizdamnut.audit.review import register_caseload

        register_caseload(self.get_model("Participant"), "case_worker")
        register_app(self, audited=MODELS)
