"""The authorization matrix: every page of the URL conf and every API operation × every role × own / other center.

ROUTES is the explicit table of who may open what. A URL name in the URL conf without an entry fails
`test_every_page_has_an_entry`, so a new page cannot escape the matrix. For each role the test opens every page
on an object of the role's own center and of another center, and checks:
- a role not in the entry's roles is refused (403, or a redirect to sign in for the public pages' opposites);
- an allowed role opens its own center's page (200, or a redirect after a POST action);
- an allowed role of one center gets 404 for another center's object — never 200 with foreign data;
- never a server error.
The API half does the same for every operation of the router (GET on objects of both centers).
"""

import datetime
from collections import Counter

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from hizdamnut.api.api import api
from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import (
    ALL_ROLES,
    CASEWORK_ROLES,
    IMPORT_ROLES,
    MANAGEMENT_ROLES,
    NATIONWIDE_ROLES,
    WRITER_ROLES,
    Role,
)
from hizdamnut.employers.tests.factories import CandidacyFactory, CandidateProfileFactory, JobOpeningFactory
from hizdamnut.inquiries.models import Screening
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.jobs.models import Job, JobStatus
from hizdamnut.participants.privacy import EXPORT_ROLES
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.tests.factories import FollowUpFactory
from hizdamnut.plans.access import READ_ROLES, TEAM_VIEW_ROLES, WRITE_ROLES
from hizdamnut.plans.tests.factories import CareerPlanFactory, GoalFactory, TaskFactory
from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, ProgramFactory, SessionFactory
from hizdamnut.reports.views import DASHBOARD_ROLES
from hizdamnut.surveys.tests.factories import make_questionnaire
from hizdamnut.surveys.views import PAPER_ROLES, SURVEY_ROLES
from hizdamnut.training.tests.factories import TrainingApplicationFactory

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # no sign-in needed (sign-in, password reset, the anonymous survey)
SIGNED_IN = "signed_in"  # any signed-in user, whatever the role
GET, POST = "GET", "POST"

# name: (who may open it, what its URL points at, method). `what` names a key of `world()`; None: no object.
ROUTES = {
    "home": (SIGNED_IN, None, GET),
    "account": (SIGNED_IN, None, GET),
    "login": (PUBLIC, None, GET),
    "logout": (SIGNED_IN, None, POST),
    "two_factor_setup": (SIGNED_IN, None, GET),
    "two_factor_verify": (SIGNED_IN, None, GET),
    "two_factor_disable": (SIGNED_IN, None, POST),
    "password_change": (SIGNED_IN, None, GET),
    "password_change_done": (SIGNED_IN, None, GET),
    "password_reset": (PUBLIC, None, GET),
    "password_reset_done": (PUBLIC, None, GET),
    "password_reset_confirm": (PUBLIC, "reset", GET),
    "password_reset_complete": (PUBLIC, None, GET),
    "set_language": (PUBLIC, None, POST),
    "participants:list": (ALL_ROLES, None, GET),
    "participants:create": (WRITER_ROLES, None, GET),
    "participants:detail": (ALL_ROLES, "participant", GET),
    "participants:update": (WRITER_ROLES, "participant", GET),
    "audit:log": (MANAGEMENT_ROLES, None, GET),
    "audit:review": (MANAGEMENT_ROLES, None, GET),
    "imports:index": (IMPORT_ROLES, None, GET),
    "imports:upload": (IMPORT_ROLES, "import", GET),
    "imports:save": (IMPORT_ROLES, "import", POST),
    "imports:template": (IMPORT_ROLES, "import", GET),
    "imports:job": (IMPORT_ROLES, "import_job", GET),
    "jobs:status": (ALL_ROLES, "job", GET),
    "jobs:download": (ALL_ROLES, "job", GET),
    "inquiries:link": (WRITER_ROLES, "inquiry", POST),
    "inquiries:matches": (WRITER_ROLES, None, GET),
    "inquiries:subcategories": (WRITER_ROLES, None, GET),
    "participants:picker": (ALL_ROLES, None, GET),
    "placements:follow_up_owner": (WRITER_ROLES, "follow_up", POST),
    "placements:match_outcomes": (ALL_ROLES, None, GET),
    "reports:participant_export": (EXPORT_ROLES, "participant_record", GET),
    "inquiries:queue": (ALL_ROLES, None, GET),
    "inquiries:create": (WRITER_ROLES, None, GET),
    "inquiries:rules": (ALL_ROLES, None, GET),
    "inquiries:report": (ALL_ROLES, None, GET),
    "inquiries:detail": (ALL_ROLES, "inquiry", GET),
    "inquiries:status": (WRITER_ROLES, "inquiry", POST),
    "inquiries:schedule": (WRITER_ROLES, "inquiry", POST),
    "inquiries:screen": (WRITER_ROLES, "inquiry", GET),
    "inquiries:register": (WRITER_ROLES, "inquiry", GET),
    "inquiries:override": (WRITER_ROLES, "screening", POST),
    "intake:create": (CASEWORK_ROLES, "participant_query", GET),
    "intake:model": (ALL_ROLES, None, GET),
    "intake:detail": (ALL_ROLES, "intake", GET),
    "intake:decide": (CASEWORK_ROLES, "intake", GET),
    "intake:referrals": (ALL_ROLES, None, GET),
    "intake:referral_create": (WRITER_ROLES, "participant_query", GET),
    "intake:referral_detail": (ALL_ROLES, "referral", GET),
    "directory:list": (ALL_ROLES, None, GET),
    "occupations:suggest": (ALL_ROLES, None, GET),
    "plans:caseload": (READ_ROLES, None, GET),
    "plans:participant": (READ_ROLES, "participant", GET),
    "plans:vision": (WRITE_ROLES, "participant", GET),
    "plans:goal_create": (WRITE_ROLES, "participant", GET),
    "plans:task_create": (WRITE_ROLES, "participant", GET),
    "plans:meeting_create": (WRITE_ROLES, "participant", GET),
    "plans:note_create": (WRITE_ROLES, "participant", GET),
    "plans:status": (WRITE_ROLES, "participant", GET),
    "plans:timeline": (READ_ROLES, "participant", GET),
    "plans:skills": (READ_ROLES, "participant", GET),
    "plans:goal_status": (WRITE_ROLES, "goal", POST),
    "plans:task_status": (WRITE_ROLES, "task", POST),
    "plans:my_calendar": (READ_ROLES, None, GET),
    "plans:worker_calendar": (TEAM_VIEW_ROLES, "worker", GET),  # a teammate's; one's own is my_calendar
    "programs:list": (ALL_ROLES, None, GET),
    "programs:program": (ALL_ROLES, "program", GET),
    "programs:cohort": (ALL_ROLES, "cohort", GET),
    "programs:enroll": (WRITER_ROLES, "cohort", POST),
    "programs:session_create": (WRITER_ROLES, "cohort", POST),
    "programs:cohort_calendar": (ALL_ROLES, "cohort", GET),
    "programs:end_enrollment": (WRITER_ROLES, "enrollment", POST),
    "programs:attendance": (ALL_ROLES, "session", GET),
    "employers:list": (ALL_ROLES, None, GET),
    "employers:create": (WRITER_ROLES, None, GET),
    "employers:detail": (ALL_ROLES, "employer", GET),
    "employers:update": (WRITER_ROLES, "employer", GET),
    "employers:board": (ALL_ROLES, "employer", GET),
    "employers:opening_create": (WRITER_ROLES, None, GET),
    "employers:opening": (ALL_ROLES, "opening", GET),
    "employers:opening_update": (WRITER_ROLES, "opening", GET),
    "employers:recommend": (WRITER_ROLES, "opening", POST),
    "employers:move": (WRITER_ROLES, "candidacy", POST),
    "employers:participant": (ALL_ROLES, "participant", GET),
    "training:list": (ALL_ROLES, None, GET),
    "training:course_create": (WRITER_ROLES, None, GET),
    "training:application_create": (WRITER_ROLES, None, GET),
    "training:application": (ALL_ROLES, "application", GET),
    "placements:hire": (WRITER_ROLES, "candidacy_pk", GET),
    "placements:participant": (ALL_ROLES, "participant_pk", GET),
    "placements:create": (WRITER_ROLES, "participant_pk", GET),
    "placements:detail": (ALL_ROLES, "placement", GET),
    "placements:follow_up": (WRITER_ROLES, "follow_up", GET),
    "placements:follow_ups_due": (ALL_ROLES, None, GET),
    "placements:outcomes": (ALL_ROLES, None, GET),
    "surveys:list": (SURVEY_ROLES, None, GET),
    "surveys:thanks": (PUBLIC, None, GET),
    "surveys:answer": (PUBLIC, "survey_token", GET),
    "surveys:report": (SURVEY_ROLES, "survey", GET),
    "surveys:paper": (PAPER_ROLES, "survey", GET),
    "surveys:qr": (SURVEY_ROLES, "survey_qr", GET),
    "reports:dashboard": (DASHBOARD_ROLES, None, GET),
    "reports:definitions": (DASHBOARD_ROLES, None, GET),
    "reports:dashboard_export": (DASHBOARD_ROLES, "export", GET),
    "reports:yearly_report": (DASHBOARD_ROLES, "yearly", GET),
    "reports:survey_export": (SURVEY_ROLES, "survey_export", GET),
}
# What belongs to no center (so there is no "other center's" copy): the same object on both sides.
SHARED = {None, "reset", "program", "survey", "survey_token", "export", "survey_export", "import"}
# What only the user who made it may open (a background job): another's answers 404 whatever the role.
OWN_ONLY = {"job", "import_job"}


def url_names():
    """Every named page of the URL conf except Django's admin and the API (which has its own half below)."""

    def walk(patterns, namespace=None, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                yield from walk(pattern.url_patterns,
                                f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                                prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                if not prefix.startswith(("admin/", "api/")):
                    yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_page_has_an_entry():
    missing = sorted(set(url_names()) - set(ROUTES))
    assert not missing, f"add these URL names to ROUTES (who may open them): {missing}"
    assert not sorted(set(ROUTES) - set(url_names())), "ROUTES names a page that no longer exists"


def center_world(center, staff_user):
    """One object of each kind at `center`, as URL kwargs (and a query string where a page takes one)."""
    participant = ParticipantFactory(center=center, status="active")
    inquiry = InquiryFactory(center=center)
    screening = Screening.objects.create(inquiry=inquiry, screened_on=timezone.localdate(), rules_version="t",
                                         decision="eligible")
    intake = IntakeMeetingFactory(participant=participant)
    plan = CareerPlanFactory(participant=participant)
    cohort = CohortFactory(center=center)
    enrollment = EnrollmentFactory(cohort=cohort, participant=participant)
    session = SessionFactory(cohort=cohort)
    opening = JobOpeningFactory(employer__center=center)
    CandidateProfileFactory(participant=participant)
    candidacy = CandidacyFactory(opening=opening, participant=participant)
    follow_up = FollowUpFactory(placement__participant=participant)
    application = TrainingApplicationFactory(participant=participant, course__center=center)
    from hizdamnut.directory.models import CommunityService
    from hizdamnut.intake.models import Referral

    service = CommunityService.objects.create(center=center, code=f"svc-{center.code.lower()}", name_he="שירות")
    referral = Referral.objects.create(center=center, participant=participant, service=service,
                                       sent_on=timezone.localdate())
    return {
        "participant": ({"pk": participant.pk}, {}),
        "participant_record": ({"pk": participant.pk, "file_format": "json"}, {}),
        "participant_pk": ({"participant_pk": participant.pk}, {}),
        "participant_query": ({}, {"participant": participant.pk}),
        "inquiry": ({"pk": inquiry.pk}, {}),
        "screening": ({"pk": screening.pk}, {}),
        "intake": ({"pk": intake.pk}, {}),
        "referral": ({"pk": referral.pk}, {}),
        "goal": ({"pk": GoalFactory(plan=plan).pk}, {}),
        "task": ({"pk": TaskFactory(plan=plan).pk}, {}),
        "worker": ({"worker_id": staff_user.pk}, {}),
        "cohort": ({"pk": cohort.pk}, {}),
        "enrollment": ({"pk": enrollment.pk}, {}),
        "session": ({"pk": session.pk}, {}),
        "employer": ({"pk": opening.employer_id}, {}),
        "opening": ({"pk": opening.pk}, {}),
        "candidacy": ({"pk": candidacy.pk}, {}),
        "candidacy_pk": ({"candidacy_pk": candidacy.pk}, {}),
        "application": ({"pk": application.pk}, {}),
        "placement": ({"pk": follow_up.placement_id}, {}),
        "follow_up": ({"pk": follow_up.pk}, {}),
        "survey_qr": ({"code": "test-q", "center_code": center.code}, {}),
        "yearly": ({"center_code": center.code, "year": datetime.date.today().year}, {}),
        **user_jobs(center, staff_user),
    }


def user_jobs(center, user):
    """A finished export and a finished import check of `user` at `center`, as URL kwargs."""
    export = Job.objects.create(user=user, center=center, kind="dashboard_export", status=JobStatus.DONE,
                                file=b"PK", file_name="dashboard.xlsx", content_type="application/octet-stream")
    check = Job.objects.create(user=user, center=center, kind="import_check", status=JobStatus.DONE,
                               params={"code": "inquiries", "token": "x"},
                               result={"problems": [], "rows": 1, "done": False, "summary": ""})
    return {"job": ({"pk": export.pk}, {}), "import_job": ({"code": "inquiries", "pk": check.pk}, {})}


@pytest.fixture
def world(center, other_center, staff):
    make_questionnaire()
    shared = {
        None: ({}, {}),
        "reset": ({"uidb64": "MQ", "token": "set-password"}, {}),
        "program": ({"code": ProgramFactory().code}, {}),
        "survey": ({"code": "test-q"}, {}),
        "survey_token": ({"token": "not-a-token"}, {}),
        "export": ({"file_format": "xlsx"}, {}),
        "import": ({"code": "inquiries"}, {}),
        "survey_export": ({"code": "test-q", "file_format": "xlsx"}, {}),
    }
    own = center_world(center, staff(Role.COACH, username="own_worker"))
    other = center_world(other_center, staff(Role.COACH, centers=[other_center], username="other_worker"))
    return {"own": {**shared, **own}, "other": {**shared, **other}}


def may_open(role, who):
    return who in (PUBLIC, SIGNED_IN) or role in who


def check(client, name, role, side, world):
    who, what, method = ROUTES[name]
    kwargs, query = world[side][what]
    url = reverse(name, kwargs=kwargs)
    response = client.post(url, query) if method == POST else client.get(url, query)
    status = response.status_code
    if status >= 500:
        return f"{name} [{side}] {role}: {status}"
    if not may_open(role, who):
        if status not in (302, 403, 404):
            return f"{name} [{side}] {role}: {status}, expected a refusal"
    elif side == "other" and what not in SHARED and (role not in NATIONWIDE_ROLES or what in OWN_ONLY) \
            and who != PUBLIC:
        if status != 404:
            return f"{name} [{side}] {role}: {status}, expected 404 for another center's object"
    elif method == GET and status not in (200, 302) and who != PUBLIC:
        return f"{name} [{side}] {role}: {status}, expected the page"
    return None


MATRIX = Counter()


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_pages_by_role_and_center(client, staff, world, role, center):
    user = staff(role, centers=[] if role in NATIONWIDE_ROLES else None, username=f"matrix_{role}")
    world["own"].update(user_jobs(center, user))  # a job is its maker's alone: the role's own user makes it
    problems = []
    for name in ROUTES:
        for side in ("own", "other"):
            client.force_login(user)  # sign-out and language pages end the session: sign in again each time
            MATRIX["pages"] += 1
            problem = check(client, name, role, side, world)
            if problem:
                problems.append(problem)
    assert not problems, "\n".join(problems)


def test_signed_out_visitors_reach_only_the_public_pages(client, world):
    problems = []
    for name, (who, what, method) in ROUTES.items():
        kwargs, query = world["own"][what]
        url = reverse(name, kwargs=kwargs)
        response = client.post(url, query) if method == POST else client.get(url, query)
        if response.status_code >= 500 or (who != PUBLIC and response.status_code not in (302, 401, 403, 404)):
            problems.append(f"{name}: {response.status_code}")
    assert not problems, problems


# ------------------------------------------------------------------ the API half

def api_get_operations():
    """(path template, operation id) of every GET operation of the router."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return [(path, op["operationId"]) for path, methods in schema["paths"].items()
            for method, op in methods.items() if method == "get"]


def api_operations():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return [(method.upper(), path) for path, methods in schema["paths"].items() for method in methods]


def fill(path, ids):
    """The path with each {param} replaced by the id of the object of that kind, or 1."""
    import re

    return re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), 1)), path)


def api_ids(world_side):
    flat = {}
    for kind, (kwargs, _query) in world_side.items():
        if kind and kwargs:
            value = next(iter(kwargs.values()))
            flat[{"participant": "participant_id", "inquiry": "inquiry_id", "screening": "screening_id",
                  "intake": "intake_id", "referral": "referral_id", "goal": "goal_id", "task": "task_id",
                  "worker": "worker_id", "cohort": "cohort_id", "enrollment": "enrollment_id",
                  "session": "session_id", "employer": "employer_id", "opening": "opening_id",
                  "candidacy": "candidacy_id", "application": "application_id", "placement": "placement_id",
                  "follow_up": "follow_up_id", "survey": "code", "program": "code",
                  "job": "job_id"}.get(kind, kind)] = value
    return flat


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_api_reads_by_role_and_center(client, staff, world, role):
    user = staff(role, centers=[] if role in NATIONWIDE_ROLES else None, username=f"api_{role}")
    header = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)[1]}"}
    own, other = api_ids(world["own"]), api_ids(world["other"])
    problems = []
    for path, _op in api_get_operations():
        own_status = client.get(fill(path, own), **header).status_code
        MATRIX["api"] += 1
        if own_status >= 500:
            problems.append(f"GET {path} own {role}: {own_status}")
        if "{" in path and role not in NATIONWIDE_ROLES:
            other_url = fill(path, other)
            if other_url != fill(path, own):
                other_status = client.get(other_url, **header).status_code
                MATRIX["api"] += 1
                if other_status not in (403, 404, 422):
                    problems.append(f"GET {path} other center {role}: {other_status}, expected 404")
    assert not problems, "\n".join(problems)


def test_every_api_operation_needs_a_caller(client, world):
    problems = []
    for method, path in api_operations():
        response = client.generic(method, fill(path, api_ids(world["own"])), "{}", content_type="application/json")
        if response.status_code not in (401, 403, 404, 405):
            problems.append(f"{method} {path}: {response.status_code}")
    assert not problems, problems
