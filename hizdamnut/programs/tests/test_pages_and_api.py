import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.programs.models import Enrollment, EnrollmentStatus, SessionAttendance
from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, ProgramFactory, SessionFactory


@pytest.fixture
def worker(staff):
    return staff(Role.COORDINATOR, username="coord")


@pytest.fixture
def far(other_center):
    cohort = CohortFactory(center=other_center)
    session = SessionFactory(cohort=cohort)
    enrollment = EnrollmentFactory(cohort=cohort, participant=ParticipantFactory(center=other_center))
    return {"cohort": cohort, "session": session, "enrollment": enrollment}


@pytest.mark.parametrize("role", list(Role))
def test_catalog_page_renders_for_every_role(client, staff, role):
    client.force_login(staff(role, username=f"u-{role}"))
    response = client.get("/programs/")
    assert response.status_code == 200
    assert "אמצע הדרך" in response.content.decode()


def test_catalog_page_costs_a_fixed_number_of_queries(client, worker, center, django_assert_max_num_queries):
    for _ in range(5):
        CohortFactory(center=center)
    client.force_login(worker)
    with django_assert_max_num_queries(8):
        client.get("/programs/")


@pytest.mark.parametrize("size", [1, 10])
def test_cohort_page_costs_a_fixed_number_of_queries(client, worker, center, django_assert_max_num_queries, size):
    cohort = CohortFactory(center=center, capacity=size)
    for _ in range(size):
        EnrollmentFactory(cohort=cohort, participant=ParticipantFactory(center=center))
        SessionFactory(cohort=cohort)
    client.force_login(worker)
    with django_assert_max_num_queries(10):
        assert client.get(f"/programs/cohorts/{cohort.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/programs/sessions/{cohort.sessions.first().pk}/attendance/").status_code == 200


def test_another_centers_cohort_pages_are_404(client, worker, far):
    client.force_login(worker)
    assert client.get(f"/programs/cohorts/{far['cohort'].pk}/").status_code == 404
    assert client.get(f"/programs/cohorts/{far['cohort'].pk}/calendar.ics").status_code == 404
    assert client.get(f"/programs/sessions/{far['session'].pk}/attendance/").status_code == 404
    assert client.post(f"/programs/cohorts/{far['cohort'].pk}/enroll/", {}).status_code == 404
    response = client.post(f"/programs/enrollments/{far['enrollment'].pk}/end/", {"outcome": "completed"})
    assert response.status_code == 404


def test_another_centers_cohort_api_is_404(client, worker, far):
    client.force_login(worker)
    base = "/api/v1/programs"
    for path in (f"/cohorts/{far['cohort'].pk}", f"/cohorts/{far['cohort'].pk}/sessions",
                 f"/cohorts/{far['cohort'].pk}/enrollments", f"/cohorts/{far['cohort'].pk}/calendar.ics",
                 f"/sessions/{far['session'].pk}/attendance"):
        assert client.get(base + path).status_code == 404, path
    assert client.post(f"{base}/enrollments/{far['enrollment'].pk}/end", {"outcome": "completed"},
                       content_type="application/json").status_code == 404
    assert far["cohort"].pk not in [c["id"] for c in client.get(f"{base}/cohorts").json()]


def test_enrolling_on_the_page_says_waiting_list_when_full(client, worker, center):
    cohort = CohortFactory(center=center, capacity=1)
    first, second = ParticipantFactory(center=center), ParticipantFactory(center=center)
    client.force_login(worker)
    client.post(f"/programs/cohorts/{cohort.pk}/enroll/", {"participant": first.pk})
    response = client.post(f"/programs/cohorts/{cohort.pk}/enroll/", {"participant": second.pk}, follow=True)
    assert "waiting list" in response.content.decode() or "רשימת ההמתנה" in response.content.decode()
    assert Enrollment.objects.get(participant=second).status == EnrollmentStatus.WAITLISTED


def test_api_enrollment_and_promotion(client, worker, center):
    cohort = CohortFactory(center=center, capacity=1)
    first, second = ParticipantFactory(center=center), ParticipantFactory(center=center)
    client.force_login(worker)
    one = client.post(f"/api/v1/programs/cohorts/{cohort.pk}/enrollments", {"participant": first.pk},
                      content_type="application/json").json()
    two = client.post(f"/api/v1/programs/cohorts/{cohort.pk}/enrollments", {"participant": second.pk},
                      content_type="application/json").json()
    assert two["enrollment"]["status"] == "waitlisted" and "ברשימת ההמתנה" in two["message"]
    ended = client.post(f"/api/v1/programs/enrollments/{one['enrollment']['id']}/end",
                        {"outcome": "dropped", "reason": "מעבר דירה"}, content_type="application/json").json()
    assert ended["promoted"]["participant"] == second.pk and ended["promoted"]["status"] == "enrolled"


def test_api_attendance_for_a_stranger_is_422(client, worker, center):
    cohort = CohortFactory(center=center)
    member = ParticipantFactory(center=center)
    EnrollmentFactory(cohort=cohort, participant=member)
    session = SessionFactory(cohort=cohort)
    client.force_login(worker)
    response = client.put(f"/api/v1/programs/sessions/{session.pk}/attendance",
                          {"present": [member.pk, ParticipantFactory(center=center).pk]},
                          content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "present"]
    assert not SessionAttendance.objects.exists()
    response = client.put(f"/api/v1/programs/sessions/{session.pk}/attendance", {"present": [member.pk]},
                          content_type="application/json")
    assert response.json() == [{"participant": member.pk, "name": member.full_name, "present": True}]


def test_attendance_sheet_page_saves_the_group(client, worker, center):
    cohort = CohortFactory(center=center)
    a, b = ParticipantFactory(center=center), ParticipantFactory(center=center)
    EnrollmentFactory(cohort=cohort, participant=a)
    EnrollmentFactory(cohort=cohort, participant=b)
    session = SessionFactory(cohort=cohort)
    client.force_login(worker)
    assert client.post(f"/programs/sessions/{session.pk}/attendance/", {"present": [b.pk]}).status_code == 302
    assert dict(SessionAttendance.objects.values_list("enrollment__participant", "present")) == {
        a.pk: False, b.pk: True
    }


def test_api_new_cohort_with_a_past_session_is_422(client, worker, center):
    program = ProgramFactory()
    client.force_login(worker)
    response = client.post("/api/v1/programs/cohorts", {
        "program": program.code, "center": center.code, "name": "x",
        "sessions": [(timezone.now() - datetime.timedelta(days=1)).isoformat()]}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "sessions"]


def test_opening_a_cohort_on_the_page(client, worker, center):
    program = ProgramFactory()
    client.force_login(worker)
    start = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/programs/p/{program.code}/", {
        "center": center.pk, "name": "קבוצת בוקר", "capacity": 12, "first_session": start, "session_count": 6,
        "every_days": 7, "duration_minutes": 90})
    assert response.status_code == 302
    cohort = program.cohorts.get()
    assert cohort.sessions.count() == 6


def test_cohort_calendar_lists_its_sessions(client, worker, center):
    cohort = CohortFactory(center=center)
    for n in range(3):
        SessionFactory(cohort=cohort, starts_at=timezone.now() + datetime.timedelta(days=n + 1))
    client.force_login(worker)
    response = client.get(f"/programs/cohorts/{cohort.pk}/calendar.ics")
    assert len([c for c in Calendar.from_ical(response.content).walk() if c.name == "VEVENT"]) == 3
    assert client.get(f"/api/v1/programs/cohorts/{cohort.pk}/calendar.ics").status_code == 200


def test_enrollment_shows_on_the_participant_timeline(client, worker, center):
    participant = ParticipantFactory(center=center)
    EnrollmentFactory(cohort=CohortFactory(center=center), participant=participant, created_by=worker)
    client.force_login(worker)
    kinds = [event["kind"] for event in client.get(f"/api/v1/plans/participants/{participant.pk}/timeline").json()]
    assert "enrollment" in kinds

