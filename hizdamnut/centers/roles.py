"""Staff roles and the groups of roles that pages allow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    SOCIAL_WORKER = "social_worker", _("Employment social worker")
    COACH = "coach", _("Employment coach")
    EMPLOYER_LEAD = "employer_lead", _("Employer-relations lead")
    TRAINING_COORDINATOR = "training_coordinator", _("Training coordinator")
    MANAGER = "manager", _("Center manager")
    NATIONAL_VIEWER = "national_viewer", _("National viewer")
    SYSTEM_ADMIN = "system_admin", _("System admin")


ALL_ROLES = frozenset(Role)
# Roles that see every center rather than the centers they belong to.
NATIONWIDE_ROLES = frozenset({Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN})
# Everyone but the national viewer may change data.
WRITER_ROLES = ALL_ROLES - {Role.NATIONAL_VIEWER}
# The people who work with participants day to day.
CASEWORK_ROLES = frozenset(
    {Role.COORDINATOR, Role.SOCIAL_WORKER, Role.COACH, Role.MANAGER, Role.SYSTEM_ADMIN}
)
MANAGEMENT_ROLES = frozenset({Role.MANAGER, Role.SYSTEM_ADMIN})
# The roles that hold intake meetings and are a participant's responsible worker (not the manager).
INTAKE_ROLES = frozenset({Role.COORDINATOR, Role.SOCIAL_WORKER, Role.COACH})
# The roles that upload the files a center keeps (imports from the web).
IMPORT_ROLES = frozenset({Role.COORDINATOR, Role.MANAGER, Role.SYSTEM_ADMIN})
# The roles that facilitate groups and workshops.
FACILITATOR_ROLES = INTAKE_ROLES | {Role.TRAINING_COORDINATOR, Role.EMPLOYER_LEAD}
