from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "hizdamnut.participants"
    verbose_name = _("Participants")

    def ready(self):
        from auditlog.registry import auditlog

        from hizdamnut.audit.review import register_caseload

        from .models import Participant, StatusChange

        register_caseload(Participant, "case_worker")

        auditlog.register(Participant)
        auditlog.register(StatusChange)
