"""The main menu: each entry names a URL and the roles that see it.

Entries whose URL is not (yet) installed are skipped, so an app adds its page
here once and the menu follows.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.permissions import has_role
from hizdamnut.centers.roles import (
    ALL_ROLES,
    CASEWORK_ROLES,
    IMPORT_ROLES,
    MANAGEMENT_ROLES,
    NATIONWIDE_ROLES,
    WRITER_ROLES,
    Role,
)

MENU = [
    ("home", _("Home"), ALL_ROLES),
    ("inquiries:queue", _("Inquiries"), CASEWORK_ROLES | {Role.NATIONAL_VIEWER}),
    ("participants:list", _("Participants"), ALL_ROLES),
    ("plans:caseload", _("Caseload"), CASEWORK_ROLES),
    ("programs:list", _("Programs"), ALL_ROLES),
    ("employers:list", _("Employers"), ALL_ROLES - {Role.TRAINING_COORDINATOR}),
    ("training:list", _("Training"), ALL_ROLES - {Role.EMPLOYER_LEAD}),
    ("directory:list", _("Services directory"), ALL_ROLES),
    ("reports:dashboard", _("Dashboard"), MANAGEMENT_ROLES | NATIONWIDE_ROLES),
    ("surveys:list", _("Surveys"), MANAGEMENT_ROLES | NATIONWIDE_ROLES | {Role.COORDINATOR}),
    ("imports:index", _("Imports"), IMPORT_ROLES),
    ("audit:log", _("Audit log"), MANAGEMENT_ROLES),
]


def menu(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for url_name, label, roles in MENU:
        if not has_role(user, roles):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": label, "active": active})
    return {"menu": items}


# The participant's record links to each stage of their journey (URL names taking the participant's pk,
# or a page that takes `?participant=<pk>`), for the roles that may open it. The intake meeting is linked from
# its section of the file (the existing meeting, or a new one when there is none).
_READ_PLAN = CASEWORK_ROLES | NATIONWIDE_ROLES
PARTICIPANT_LINKS = [
    ("plans:participant", _("Career plan"), _READ_PLAN, "path"),
    ("plans:timeline", _("Timeline"), _READ_PLAN, "path"),
    ("plans:skills", _("Skills"), _READ_PLAN, "path"),
    ("plans:status", _("Status"), CASEWORK_ROLES, "path"),
    ("inquiries:create", _("Record an inquiry"), WRITER_ROLES, "query"),
    ("employers:participant", _("Work profile and matching positions"), ALL_ROLES, "path"),
    ("placements:participant", _("Placements and follow-ups"), ALL_ROLES, "path"),
]


def participant_links(user, participant):
    links = []
    for url_name, label, roles, style in PARTICIPANT_LINKS:
        if not has_role(user, roles):
            continue
        try:
            if style == "path":
                url = reverse(url_name, args=[participant.pk])
            else:
                url = f"{reverse(url_name)}?participant={participant.pk}"
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": label})
    return links
