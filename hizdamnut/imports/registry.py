"""The imports a coordinator or manager can upload from the web: each is one of the bulk commands.

The web runs the very command staff run from the shell (one code path: the same columns, formats, row checks
and all-or-nothing save, docs/formats.md); this table says which command, its columns (for the template workbook)
and, for the two that need one, the choice the command takes as an option (the session, the questionnaire).
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.employers.management.commands import import_job_openings
from hizdamnut.inquiries.imports import IMPORT_COLUMNS as INQUIRY_COLUMNS
from hizdamnut.participants.management.commands import import_participants
from hizdamnut.plans.management.commands import import_meetings
from hizdamnut.programs.management.commands import import_attendance
from hizdamnut.programs.models import Session
from hizdamnut.surveys.models import Questionnaire
from hizdamnut.training.management.commands import import_courses


@dataclass(frozen=True)
class Choice:
    """The option a command needs beside the file (`--session 12`), chosen on the upload page."""

    option: str
    label: str
    choices: object  # user -> [(value, label)]


@dataclass(frozen=True)
class Import:
    code: str
    label: str
    command: str
    columns: tuple
    optional: tuple = ()
    as_user: bool = True
    choice: Choice | None = None
    example: dict = field(default_factory=dict)


def _sessions(user):
    sessions = (Session.objects.for_user(user).select_related("cohort").order_by("-starts_at")[:200])
    return [(s.pk, f"{s.cohort} · {timezone.localtime(s.starts_at):%d/%m/%Y %H:%M}") for s in sessions]


def _questionnaires(user):
    return [(q.code, q.title) for q in Questionnaire.objects.filter(is_active=True)]


IMPORTS = [
    Import("inquiries", _("Inquiries"), "import_inquiries", INQUIRY_COLUMNS,
           ("subcategory", "id_number", "first_name", "last_name", "notes")),
    Import("participants", _("Participants"), "import_participants", tuple(import_participants.COLUMNS),
           tuple(import_participants.OPTIONAL)),
    Import("meetings", _("Meetings"), "import_meetings", tuple(import_meetings.COLUMNS),
           tuple(import_meetings.OPTIONAL)),
    Import("attendance", _("Attendance"), "import_attendance", tuple(import_attendance.COLUMNS),
           choice=Choice("--session", _("Session"), _sessions)),
    Import("openings", _("Job openings"), "import_job_openings", tuple(import_job_openings.COLUMNS),
           tuple(import_job_openings.OPTIONAL)),
    Import("courses", _("Courses"), "import_courses", tuple(import_courses.COLUMNS), tuple(import_courses.OPTIONAL)),
    Import("survey_responses", _("Survey responses"), "import_survey_responses", ("center_code", "answered_on"),
           as_user=False, choice=Choice("--questionnaire", _("Questionnaire"), _questionnaires)),
]
BY_CODE = {item.code: item for item in IMPORTS}


def template_columns(item, choice_value=None):
    """The header row of the import's template workbook (a questionnaire adds one column per item)."""
    columns = [*item.columns, *item.optional]
    if item.code == "survey_responses" and choice_value:
        questionnaire = Questionnaire.objects.filter(code=choice_value).first()
        if questionnaire is not None:
            columns += list(questionnaire.items.values_list("code", flat=True))
    return columns
