"""Which roles read and write accompaniment (which notes they read is `Note.objects.visible_to`)."""

from hizdamnut.centers.roles import CASEWORK_ROLES, MANAGEMENT_ROLES, NATIONWIDE_ROLES, WRITER_ROLES, Role

# The center team, the manager and the national viewer (who never writes).
READ_ROLES = CASEWORK_ROLES | NATIONWIDE_ROLES
WRITE_ROLES = CASEWORK_ROLES & WRITER_ROLES
# Who sees every worker's caseload, not only their own.
TEAM_VIEW_ROLES = MANAGEMENT_ROLES | NATIONWIDE_ROLES | {Role.COORDINATOR}
