from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "hizdamnut.intake"
    verbose_name = _("Intake and routing")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import IntakeMeeting, Referral, RoutingDecision

        auditlog.register(IntakeMeeting)
        auditlog.register(RoutingDecision)
        auditlog.register(Referral)

        from .participant_file import register

        register()
