from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODELS = ["Employer", "EmployerLocation", "EmployerContact", "Agreement", "Interaction", "JobOpening",
          "CandidateProfile", "Candidacy"]


class EmployersConfig(AppConfig):
    name = "hizdamnut.employers"
    verbose_name = _("Employers")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in MODELS:
            auditlog.register(getattr(models, model))

        from .participant_file import register

        register()
