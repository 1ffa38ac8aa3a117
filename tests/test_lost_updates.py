"""No lost updates: optimistic locking on edits, PATCH writes only what is sent, a form posted twice saves once."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from hizdamnut.api.models import ApiToken
from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.employers.tests.factories import EmployerFactory
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.inquiries.tests.factories import category_tree
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def form_data(form):
    """What a browser would post back for `form` as rendered (hidden fields included)."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[field.html_name] = value.isoformat()
        else:
            data[field.html_name] = str(getattr(value, "pk", value))
    return data


@pytest.fixture
def person(center):
    return ParticipantFactory(center=center, phone="0501111111")


@pytest.fixture
def two_workers(staff):
    first, second = Client(), Client()
    first.force_login(staff(Role.COORDINATOR, username="first"))
    second.force_login(staff(Role.COACH, username="second"))
    return first, second


def open_edit(client, url):
    return form_data(client.get(url).context["form"])


def test_second_writer_is_refused_with_the_fields_changed_since_they_opened_it(two_workers, person):
    first, second = two_workers
    url = reverse("participants:update", args=[person.pk])
    mine, theirs = open_edit(first, url), open_edit(second, url)
    assert mine["version"] == "1"

    mine["phone"] = "0502222222"
    assert first.post(url, mine).status_code == 302
    theirs["children_under_18"] = "3"
    response = second.post(url, theirs)

    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.phone, person.children_under_18, person.version) == ("0502222222", 0, 2)
    message = " ".join(response.context["form"].non_field_errors())
    assert str(Participant._meta.get_field("phone").verbose_name) in message
    assert "0502222222" in message and "0501111111" in message  # the current value and theirs
    # The page now carries the current version: saving again (the second writer decided) keeps their values.
    again = form_data(response.context["form"])
    assert again["version"] == "2"
    assert second.post(url, again).status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.children_under_18, person.version) == ("0501111111", 3, 3)


def test_a_stale_form_that_changes_nothing_someone_else_changed_still_saves(two_workers, person):
    first, second = two_workers
    url = reverse("participants:update", args=[person.pk])
    mine, theirs = open_edit(first, url), open_edit(second, url)
    mine["children_under_18"] = "2"
    first.post(url, mine)
    theirs["children_under_18"] = "2"
    assert second.post(url, theirs).status_code == 302


def test_every_save_counts_a_version(person):
    person.save()
    person.save(update_fields=["phone"])
    person.refresh_from_db()
    assert person.version == 3


def test_an_employer_edit_from_a_stale_form_is_refused(two_workers, center):
    first, second = two_workers
    employer = EmployerFactory(center=center, name="מאפיית השרון")
    url = reverse("employers:update", args=[employer.pk])
    mine, theirs = open_edit(first, url), open_edit(second, url)
    mine["name"] = "מאפיית השרון בע״מ"
    assert first.post(url, mine).status_code == 302
    theirs["notes"] = "פגישה ביום ראשון"
    response = second.post(url, theirs)
    assert response.status_code == 200
    assert "מאפיית השרון בע״מ" in " ".join(response.context["form"].non_field_errors())


def test_an_inquiry_form_posted_three_times_records_one_inquiry(coordinator_client, center):
    tree = category_tree()
    page = coordinator_client.get(reverse("inquiries:create"))
    data = form_data(page.context["form"])
    assert len(data["submit_token"]) == 32
    data.update({"center": center.pk, "channel": "phone", "source": "self", "first_name": "סמאח",
                 "phone": "0541234567", "category": tree.pk, "subcategory": tree.children.first().pk})
    responses = [coordinator_client.post(reverse("inquiries:create"), data) for _ in range(3)]
    inquiry = Inquiry.objects.get()
    assert [r.status_code for r in responses] == [302, 302, 302]
    assert {r.url for r in responses} == {reverse("inquiries:detail", args=[inquiry.pk])}


def test_a_refused_post_does_not_use_up_its_token(coordinator_client, center):
    tree = category_tree()
    data = form_data(coordinator_client.get(reverse("inquiries:create")).context["form"])
    data.update({"center": center.pk, "channel": "phone", "source": "self", "category": tree.pk,
                 "subcategory": tree.children.first().pk, "first_name": "סמאח", "phone": "12"})
    assert coordinator_client.post(reverse("inquiries:create"), data).status_code == 200
    data["phone"] = "0541234567"
    assert coordinator_client.post(reverse("inquiries:create"), data).status_code == 302
    assert Inquiry.objects.count() == 1


def test_a_participant_registration_posted_twice_registers_once(coordinator_client, center):
    from hizdamnut.participants.tests.factories import valid_id_number

    data = form_data(coordinator_client.get(reverse("participants:create")).context["form"])
    data.update({"center": center.pk, "first_name": "רנא", "last_name": "חורי", "id_number": valid_id_number(77),
                 "birth_date": "1988-03-01", "gender": "female", "phone": "0527654321",
                 "city": City.objects.get(name_he="נתניה").pk, "children_under_18": "0"})
    first = coordinator_client.post(reverse("participants:create"), data)
    second = coordinator_client.post(reverse("participants:create"), data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Participant.objects.count() == 1


@pytest.fixture
def bearer(coordinator):
    _token, key = ApiToken.issue(coordinator)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_patch_writes_only_the_fields_sent(client, bearer, person):
    before = Participant.objects.get(pk=person.pk)
    response = client.patch(f"/api/v1/participants/{person.pk}", {"email": "rana@example.org"},
                            content_type="application/json", **bearer)
    assert response.status_code == 200
    after = Participant.objects.get(pk=person.pk)
    assert after.email == "rana@example.org"
    for name in ("first_name", "last_name", "id_number", "birth_date", "phone", "city_id", "children_under_18"):
        assert getattr(after, name) == getattr(before, name)
    assert response.json()["version"] == 2


def test_patch_from_a_stale_version_is_409_naming_the_fields(client, bearer, person):
    person.phone = "0503333333"
    person.save()
    response = client.patch(f"/api/v1/participants/{person.pk}", {"phone": "0504444444", "version": 1},
                            content_type="application/json", **bearer)
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert response.json()["changed"] == [str(Participant._meta.get_field("phone").verbose_name)]
    by_header = client.patch(f"/api/v1/participants/{person.pk}", {"phone": "0504444444"},
                             content_type="application/json", HTTP_IF_MATCH='"1"', **bearer)
    assert by_header.status_code == 409
    fresh = client.patch(f"/api/v1/participants/{person.pk}", {"phone": "0504444444"},
                         content_type="application/json", HTTP_IF_MATCH='"2"', **bearer)
    assert fresh.status_code == 200


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


def _in_threads(*targets):
    errors = []

    def run(target):
        try:
            target()
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_from_the_same_version_save_one_and_refuse_the_other(staff, center):
    from hizdamnut.participants import services
    from hizdamnut.versioning import StaleVersion

    person = ParticipantFactory(center=center)
    writer = staff(Role.COORDINATOR, username="writer")
    barrier = threading.Barrier(2)

    def edit(phone):
        def run():
            mine = Participant.objects.get(pk=person.pk)
            barrier.wait()
            services.update_participant(actor=writer, participant=mine, version=1, phone=phone)
        return run

    errors = _in_threads(edit("0505555555"), edit("0506666666"))
    assert len(errors) == 1 and isinstance(errors[0], StaleVersion)
    assert Participant.objects.get(pk=person.pk).version == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_enrolments_for_the_last_seat_give_one_place_and_one_waiting_list(staff, center):
    from hizdamnut.programs import services
    from hizdamnut.programs.models import Enrollment, EnrollmentStatus
    from hizdamnut.programs.tests.factories import CohortFactory

    writer = staff(Role.COORDINATOR, username="writer")
    cohort = CohortFactory(center=center, capacity=1)
    people = [ParticipantFactory(center=center) for _ in range(2)]
    barrier = threading.Barrier(2)

    def enrol(person):
        def run():
            barrier.wait()
            services.enroll(actor=writer, cohort=cohort, participant=person)
        return run

    errors = _in_threads(*(enrol(p) for p in people))
    statuses = sorted(Enrollment.objects.filter(cohort=cohort).values_list("status", flat=True))
    taken = [s for s in statuses if s == EnrollmentStatus.ENROLLED]
    assert len(taken) == 1
    assert len(statuses) + len(errors) == 2


def test_a_referral_patch_from_a_stale_version_is_409(client, bearer, center, person):
    from hizdamnut.directory.models import CommunityService
    from hizdamnut.intake.models import Referral

    service = CommunityService.objects.create(center=center, code="svc", name_he="שירות")
    referral = Referral.objects.create(center=center, participant=person, service=service, sent_on=TODAY)
    url = f"/api/v1/intake/referrals/{referral.pk}"
    assert client.patch(url, {"note": "א", "version": 1}, content_type="application/json", **bearer).status_code == 200
    stale = client.patch(url, {"note": "ב", "version": 1}, content_type="application/json", **bearer)
    assert stale.status_code == 409
    assert client.patch(url, {"status": "confirmed"}, content_type="application/json", **bearer).json()["note"] == "א"


def test_sqlite_waits_for_the_write_lock_instead_of_failing():
    """20 enrolments at once gave 14 "database is locked" errors: writers now queue (WAL, BEGIN IMMEDIATE)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import django, json; django.setup(); from django.db import connection as c; "
            "print(json.dumps([c.vendor, c.settings_dict.get('OPTIONS', {})]))")
    env = {"PATH": "", "DJANGO_SETTINGS_MODULE": "hizdamnut.settings", "HZ_DEV": "1"}
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1], env=env,
                            capture_output=True, text=True)
    vendor, options = __import__("json").loads(result.stdout)
    assert vendor == "sqlite"
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"] and "busy_timeout" in options["init_command"]


# ------------------------------------------------------------------ every write path without an edit form
# Status moves, candidacy moves, follow-ups, vouchers, task and goal toggles, links: each is sent with the version
# the writer read (the API body's `version` or If-Match, the page's hidden `version` field). Two writers start
# from the same version and want different outcomes: the first is saved, the second is refused and nothing of
# it is written.


def _write_paths(center):
    """{name: (record, (method, url, first, second) for the API, (url name, first, second) for the page)}.

    Built fresh for each test; `first` and `second` are what two writers send from the same version.
    """
    from hizdamnut.employers.tests.factories import CandidacyFactory, JobOpeningFactory
    from hizdamnut.inquiries.tests.factories import InquiryFactory
    from hizdamnut.placements.tests.factories import FollowUpFactory
    from hizdamnut.plans.tests.factories import CareerPlanFactory, GoalFactory, TaskFactory
    from hizdamnut.training.tests.factories import TrainingApplicationFactory

    person = ParticipantFactory(center=center, status="active")
    other_person = ParticipantFactory(center=center)
    plan = CareerPlanFactory(participant=person)
    goal, task = GoalFactory(plan=plan), TaskFactory(plan=plan)
    inquiry = InquiryFactory(center=center)
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer__center=center), participant=person)
    follow_up = FollowUpFactory(placement__participant=ParticipantFactory(center=center, status="placed"))
    placement = follow_up.placement
    application = TrainingApplicationFactory(participant=person, course__center=center, status="submitted")
    docs = application.course.required_documents
    today = TODAY.isoformat()
    back = (TODAY + datetime.timedelta(days=90)).isoformat()
    pause = {"status": "paused", "note": "חופשת לידה", "expected_return": back}
    close = {"status": "closed", "reason": "moved", "confirmed": "on"}
    return {
        "goal status": (goal, ("POST", f"/api/v1/plans/goals/{goal.pk}/status", {"status": "achieved"},
                               {"status": "dropped"}),
                        ("plans:goal_status", {"status": "achieved"}, {"status": "dropped"})),
        "task done": (task, ("POST", f"/api/v1/plans/tasks/{task.pk}/status", {"status": "done"},
                             {"status": "cancelled"}),
                      ("plans:task_status", {"status": "done"}, {"status": "cancelled"})),
        "vision": (plan, ("PUT", f"/api/v1/plans/participants/{person.pk}/plan/vision", {"vision": "טבחית"},
                          {"vision": "גננת"}), None),
        "participant status": (person, ("POST", f"/api/v1/plans/participants/{person.pk}/status", pause, close),
                               ("plans:status", {**pause, "on": today}, {**close, "on": today})),
        "inquiry status": (inquiry, ("POST", f"/api/v1/inquiries/{inquiry.pk}/status", {"status": "unreachable"},
                                     {"status": "declined"}),
                           ("inquiries:status", {"status": "unreachable"}, {"status": "declined"})),
        "inquiry link": (inquiry, ("POST", f"/api/v1/inquiries/{inquiry.pk}/participant",
                                   {"participant_id": person.pk}, {"participant_id": other_person.pk}),
                         ("inquiries:link", {"participant": person.pk}, {"participant": other_person.pk})),
        "candidacy move": (candidacy, ("POST", f"/api/v1/employers/candidates/{candidacy.pk}/move",
                                       {"stage": "cv_sent"}, {"stage": "withdrawn", "reason": "מצאה עבודה"}),
                           ("employers:move", {"stage": "cv_sent"}, {"stage": "interview", "on": today})),
        "placement end": (placement, ("POST", f"/api/v1/placements/{placement.pk}/end",
                                      {"ended_on": today, "reason": "צמצומים"}, {"ended_on": today, "reason": "מעבר"}),
                          ("placements:detail", {"ended_on": today, "end_reason": "צמצומים"},
                           {"ended_on": today, "end_reason": "מעבר"})),
        "follow-up": (follow_up, ("POST", f"/api/v1/placements/follow-ups/{follow_up.pk}",
                                  {"done_on": today, "employment": "same"}, {"done_on": today, "employment": "none"}),
                      None),
        "voucher documents": (application, ("PUT", f"/api/v1/training/applications/{application.pk}/documents",
                                            {"received": docs[:1]}, {"received": docs[1:]}),
                              ("training:application", {"action": "documents", "documents": docs[:1]},
                               {"action": "documents", "documents": docs[1:]})),
        "voucher move": (application, ("POST", f"/api/v1/training/applications/{application.pk}/move",
                                       {"status": "approved"}, {"status": "declined", "reason": "אין תקציב"}),
                         ("training:application", {"status": "approved"}, {"status": "declined"})),
    }


WRITE_PATHS = ["goal status", "task done", "vision", "participant status", "inquiry status", "inquiry link",
               "candidacy move", "placement end", "follow-up", "voucher documents", "voucher move"]


def _stored(record):
    """The record's stored fields (what a refused write must leave untouched)."""
    fresh = type(record)._base_manager.get(pk=record.pk)
    return {f.attname: getattr(fresh, f.attname) for f in type(record)._meta.concrete_fields}


@pytest.mark.parametrize("path", WRITE_PATHS)
def test_an_api_write_from_a_stale_version_is_refused_with_409(client, bearer, center, path):
    record, (method, url, first, second), _page = _write_paths(center)[path]
    version = type(record)._base_manager.get(pk=record.pk).version
    send = {"POST": client.post, "PUT": client.put}[method]
    assert send(url, {**first, "version": version}, content_type="application/json", **bearer).status_code < 300
    saved = _stored(record)
    assert saved["version"] == version + 1 or saved["version"] > version
    stale = send(url, {**second, "version": version}, content_type="application/json", **bearer)
    assert stale.status_code == 409, stale.content
    assert stale.json()["current_version"] == saved["version"] and stale.json()["changed"]
    assert _stored(record) == saved  # nothing of the second writer's was written
    by_header = send(url, second, content_type="application/json", HTTP_IF_MATCH=f'"{version}"', **bearer)
    assert by_header.status_code == 409


@pytest.mark.parametrize("path", [name for name in WRITE_PATHS if name not in ("vision", "follow-up")])
def test_a_page_action_from_a_stale_version_is_refused_and_says_so(coordinator_client, center, path):
    from django.contrib.messages import get_messages
    from django.utils import translation

    record, _api, (url_name, first, second) = _write_paths(center)[path]
    version = type(record)._base_manager.get(pk=record.pk).version
    url = reverse(url_name, args=[record.pk])
    coordinator_client.post(url, {**first, "version": version})
    saved = _stored(record)
    assert saved["version"] > version, "the first writer's action was not saved"
    response = coordinator_client.post(url, {**second, "version": version})
    assert _stored(record) == saved
    # Flashed on the page it returns to, or (a form shown again) above the form.
    shown = [str(m) for m in get_messages(response.wsgi_request)] + [response.content.decode()]
    with translation.override("he"):
        from hizdamnut.versioning import StaleVersion  # noqa: F401 - the message below is its text

        expected = translation.gettext("Someone else saved this record after you opened it. Fields that differ: "
                                       "%(fields)s. Check the current values; saving again keeps yours.")
    assert any(expected.split("%(fields)s")[0].strip() in message for message in shown), shown


def test_a_stale_htmx_task_toggle_is_409_and_reloads_the_page(coordinator_client, center):
    record, _api, (url_name, first, second) = _write_paths(center)["task done"]
    url = reverse(url_name, args=[record.pk])
    htmx = {"HTTP_HX_REQUEST": "true"}
    assert coordinator_client.post(url, {**first, "version": 1}, **htmx).status_code == 200
    stale = coordinator_client.post(url, {**second, "version": 1}, **htmx)
    assert stale.status_code == 409 and stale["HX-Refresh"] == "true"
    assert type(record).objects.get(pk=record.pk).status == "done"


def test_every_api_write_to_an_existing_record_takes_a_version():
    """Generated from the router: an operation that changes a record named in its path accepts `version` (or is a
    create under a parent, or an action on a record that is not versioned)."""
    from hizdamnut.api.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    creates_or_unversioned = {
        # creates a new record under the one in the path
        "/api/v1/inquiries/{inquiry_id}/screenings", "/api/v1/intake/meetings/{meeting_id}/decision",
        "/api/v1/plans/participants/{participant_id}/goals", "/api/v1/plans/participants/{participant_id}/tasks",
        "/api/v1/plans/participants/{participant_id}/meetings", "/api/v1/plans/participants/{participant_id}/notes",
        "/api/v1/plans/participants/{participant_id}/skills", "/api/v1/programs/cohorts/{cohort_id}/sessions",
        "/api/v1/programs/cohorts/{cohort_id}/enrollments", "/api/v1/employers/{employer_id}/locations",
        "/api/v1/employers/{employer_id}/contacts", "/api/v1/employers/{employer_id}/agreements",
        "/api/v1/employers/{employer_id}/interactions", "/api/v1/employers/openings/{opening_id}/candidates",
        "/api/v1/placements/hire/{candidacy_id}", "/api/v1/surveys/questionnaires/{code}/responses",
        # starts a background export (a new job) of the figures the path names; nothing existing changes
        "/api/v1/reports/exports/yearly/{center_code}/{year}", "/api/v1/reports/exports/surveys/{code}",
        # records that carry no version: a screening's override, an enrolment, a session's attendance
        "/api/v1/inquiries/screenings/{screening_id}/override", "/api/v1/programs/enrollments/{enrollment_id}/end",
        "/api/v1/programs/sessions/{session_id}/attendance",
    }
    missing = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method not in ("post", "put", "patch") or "{" not in path or path in creates_or_unversioned:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            ref = body.get("$ref", "").rsplit("/", 1)[-1]
            properties = schema["components"]["schemas"].get(ref, body).get("properties", {})
            if "version" not in properties:
                missing.append(f"{method.upper()} {path}")
    assert not missing, f"these writes to an existing record take no version: {missing}"
