from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["Employer", "EmployerLocation", "EmployerContact", "Agreement", "Interaction", "JobOpening",
          "CandidateProfile", "Candidacy"]


class EmployersConfig(AppConfig):
    name = "hizdamnut.employers"
    verbose_name = _("Employers")

    def ready(self):
        register_app(self, audited=MODELS, participant_file=True)

        from hizdamnut.intake.signals import participant_routed
        from hizdamnut.plans.signals import skills_assessed

        from . import profiles

        # Routing and skills assessments keep the candidate profile current (nothing typed twice).
        participant_routed.connect(profiles.on_participant_routed, dispatch_uid="employers.profile_after_routing")
        skills_assessed.connect(profiles.on_skills_assessed, dispatch_uid="employers.skills_from_assessment")
