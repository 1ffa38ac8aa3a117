"""Bad input is refused with a clear message, never a server error (each case a finding of the probe)."""

import datetime

import pytest
from django.urls import reverse

from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.participants.validators import validate_person_name
from hizdamnut.plans.models import Meeting
from hizdamnut.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db
TOMORROW = datetime.date.today() + datetime.timedelta(days=1)


@pytest.fixture
def manager_client(client, staff):
    client.force_login(staff(Role.MANAGER, username="manager"))
    return client


@pytest.fixture
def bearer(staff):
    _token, key = ApiToken.issue(staff(Role.MANAGER, username="api_manager"))
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def person(center):
    return ParticipantFactory(center=center)


def refused(response):
    """A clear refusal: a client error (or the form shown again), never a server error."""
    assert response.status_code < 500
    return response.status_code


def test_dashboard_with_a_date_at_the_end_of_time_is_refused(manager_client):
    assert refused(manager_client.get(reverse("reports:dashboard"), {"date_to": "9999-12-31"})) in (200, 400, 404)


def test_dashboard_api_ending_in_an_earlier_year_covers_that_year(client, bearer):
    response = client.get("/api/v1/reports/dashboard", {"date_to": "2000-01-01"}, **bearer)
    assert response.status_code == 200


def test_dashboard_api_starting_after_today_without_an_end_is_422(client, bearer):
    later = datetime.date.today() + datetime.timedelta(days=40)
    response = client.get("/api/v1/reports/dashboard", {"date_from": later.isoformat()}, **bearer)
    assert response.status_code == 422


def test_dashboard_api_with_a_date_before_2000_is_422(client, bearer):
    response = client.get("/api/v1/reports/dashboard", {"date_from": "0001-01-01"}, **bearer)
    assert response.status_code == 422


def test_inquiry_report_for_a_five_digit_year_is_refused(manager_client):
    assert refused(manager_client.get(reverse("inquiries:report"), {"year": "99999"})) in (200, 400, 404)


def test_caseload_of_a_worker_that_is_not_a_number_is_refused(manager_client):
    assert refused(manager_client.get(reverse("plans:caseload"), {"worker": "abc"})) in (200, 400, 404)


def test_patch_with_a_null_email_is_422(client, bearer, person):
    response = client.patch(f"/api/v1/participants/{person.pk}", {"email": None},
                            content_type="application/json", **bearer)
    assert response.status_code == 422


def test_a_note_of_two_and_a_half_megabytes_is_refused(client, bearer, person):
    response = client.post(f"/api/v1/plans/participants/{person.pk}/notes", {"text": "א" * 1_300_000},
                           content_type="application/json", **bearer)
    assert response.status_code in (400, 413, 422)


def test_a_note_longer_than_ten_thousand_characters_is_refused(client, bearer, person):
    response = client.post(f"/api/v1/plans/participants/{person.pk}/notes", {"text": "x" * 10_001},
                           content_type="application/json", **bearer)
    assert response.status_code == 422


def test_a_note_page_post_beyond_the_body_limit_is_refused(manager_client, person):
    response = manager_client.post(reverse("plans:note_create", args=[person.pk]),
                                   {"kind": "team", "text": "x" * 1_100_000})
    assert response.status_code == 400


@pytest.mark.parametrize("birth_date", ["0001-01-01", "1899-12-31", TOMORROW.isoformat()])
def test_an_implausible_birth_date_is_refused(client, bearer, person, birth_date):
    response = client.patch(f"/api/v1/participants/{person.pk}", {"birth_date": birth_date},
                            content_type="application/json", **bearer)
    assert response.status_code == 422


def test_a_participant_younger_than_fourteen_is_refused(client, bearer, person):
    ten = datetime.date.today().replace(year=datetime.date.today().year - 10, day=1)
    response = client.patch(f"/api/v1/participants/{person.pk}", {"birth_date": ten.isoformat()},
                            content_type="application/json", **bearer)
    assert response.status_code == 422


def test_forty_thousand_children_is_refused(client, bearer, person):
    response = client.patch(f"/api/v1/participants/{person.pk}", {"children_under_18": 40_000},
                            content_type="application/json", **bearer)
    assert response.status_code == 422
    assert Participant.objects.get(pk=person.pk).children_under_18 == 0


def test_a_seventy_thousand_minute_meeting_is_refused(client, bearer, person):
    response = client.post(f"/api/v1/plans/participants/{person.pk}/meetings", {
        "kind": "individual", "starts_at": "2025-01-05T10:00:00+02:00", "duration_minutes": 70_000,
    }, content_type="application/json", **bearer)
    assert response.status_code == 422
    assert not Meeting.objects.exists()


def test_a_meeting_with_a_naive_time_is_read_in_the_centers_time_zone(client, bearer, person):
    response = client.post(f"/api/v1/plans/participants/{person.pk}/meetings", {
        "kind": "individual", "starts_at": "2025-01-05T10:00:00",
    }, content_type="application/json", **bearer)
    assert response.status_code == 201
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime.datetime(2025, 1, 5, 8, 0, tzinfo=datetime.UTC)


def test_a_cohort_with_naive_session_times_is_read_in_the_centers_time_zone(client, bearer, center):
    program = ProgramFactory()
    response = client.post("/api/v1/programs/cohorts", {
        "program": program.code, "center": center.code, "name": "קבוצה", "capacity": 5,
        "sessions": [f"{TOMORROW.isoformat()}T09:00:00"],
    }, content_type="application/json", **bearer)
    assert response.status_code == 201


def test_a_name_with_a_trailing_newline_is_refused():
    validate_person_name("דנה")
    with pytest.raises(Exception):  # noqa: B017 - ValidationError
        validate_person_name("דנה\n")


def test_an_id_number_of_superscript_digits_is_422_not_a_crash(client, bearer, person):
    # Found by tests/test_properties.py: "¹".isdigit() is True, int("¹") raises.
    response = client.patch(f"/api/v1/participants/{person.pk}", {"id_number": "¹23456782"},
                            content_type="application/json", **bearer)
    assert response.status_code == 422


@pytest.mark.parametrize("year", ["99999", "-1", "9223372036854775808"])
def test_inquiry_report_api_for_an_impossible_year_is_422(client, bearer, year):
    # Found by tests/test_fuzz_api.py (a 500 before: "year 99999 is out of range").
    assert client.get("/api/v1/inquiries/report", {"year": year}, **bearer).status_code == 422


# Found by the fuzzer on PostgreSQL (tests/test_fuzz_api.py): each was a server error.
def test_a_null_character_in_an_api_body_or_query_is_refused(client, bearer, center):
    body = {"center": center.code, "first_name": "רנא", "last_name": "חורי", "id_number": "000000018",
            "birth_date": "1990-01-01", "gender": "female", "phone": "0521234567", "city": "נתניה\x00"}
    response = client.post("/api/v1/participants/", body, content_type="application/json", **bearer)
    assert response.status_code == 400  # ninja answers an unreadable body so
    assert not Participant.objects.exists()
    assert client.get("/api/v1/participants/", {"q": "a\x00b"}, **bearer).status_code == 422


def test_an_api_list_page_past_any_database_offset_is_422(client, bearer):
    assert client.get("/api/v1/employers/", {"page": "9223372036854775807"}, **bearer).status_code == 422
    assert client.get("/api/v1/employers/", {"page": "1000000"}, **bearer).status_code == 200
