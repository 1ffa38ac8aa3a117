import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import ParticipantFactory, valid_id_number

pytestmark = pytest.mark.django_db
URL = "/api/v1/participants/"


@pytest.fixture
def bearer(coordinator):
    _token, key = ApiToken.issue(coordinator)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def payload(**overrides):
    data = {"center": "NTN", "first_name": "סאמר", "last_name": "מסארווה", "id_number": valid_id_number(11),
            "birth_date": "1979-11-20", "phone": "+972-54-1234567", "city": "Netanya", "languages": ["ar", "he"]}
    data.update(overrides)
    return data


def test_requests_without_a_token_are_refused(client, center):
    assert client.get(URL).status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


def test_a_revoked_token_is_refused(client, coordinator, center):
    token, key = ApiToken.issue(coordinator)
    token.revoked = True
    token.save()
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_create_api_token_prints_a_working_key(client, coordinator, center, capsys):
    call_command("create_api_token", "coordinator")
    key = capsys.readouterr().out.strip()
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert ApiToken.objects.get().key_hash != key


def test_list_is_scoped_to_the_callers_centers(client, bearer, center, other_center):
    own = ParticipantFactory(center=center)
    ParticipantFactory(center=other_center)
    body = client.get(URL, **bearer).json()
    assert [item["id"] for item in body["items"]] == [own.pk]


def test_reading_another_centers_participant_is_404(client, bearer, other_center):
    foreign = ParticipantFactory(center=other_center)
    assert client.get(f"{URL}{foreign.pk}", **bearer).status_code == 404
    assert client.patch(f"{URL}{foreign.pk}", {"phone": "0501234567"}, content_type="application/json",
                        **bearer).status_code == 404


def test_reading_a_participant_is_audited_as_the_token_user(client, bearer, coordinator, center):
    participant = ParticipantFactory(center=center)
    body = client.get(f"{URL}{participant.pk}", **bearer).json()
    assert body["id_number"] == participant.id_number and body["center"] == "NTN"
    entry = LogEntry.objects.get_for_object(participant).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == coordinator


def test_creating_normalizes_and_returns_201(client, bearer, coordinator, center):
    response = client.post(URL, payload(), content_type="application/json", **bearer)
    assert response.status_code == 201, response.content
    assert response.json()["phone"] == "0541234567"
    participant = Participant.objects.get()
    assert LogEntry.objects.get_for_object(participant).get(action=LogEntry.Action.CREATE).actor == coordinator


@pytest.mark.parametrize(
    "field, value",
    [
        ("id_number", "123456789"), ("phone", "999"), ("birth_date", "2999-01-01"), ("center", "XXX"),
        ("city", "Atlantis"),
    ],
)
def test_bad_input_answers_422_naming_the_field_and_saves_nothing(client, bearer, center, field, value):
    response = client.post(URL, payload(**{field: value}), content_type="application/json", **bearer)
    assert response.status_code == 422
    assert field in [item["loc"][-1] for item in response.json()["detail"]]
    assert not Participant.objects.exists()


def test_a_center_the_caller_does_not_work_at_is_refused(client, bearer, center, other_center):
    response = client.post(URL, payload(center="BSH"), content_type="application/json", **bearer)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "center"


def test_duplicate_id_answers_422(client, bearer, center):
    existing = ParticipantFactory(center=center)
    response = client.post(URL, payload(id_number=existing.id_number), content_type="application/json", **bearer)
    assert response.status_code == 422 and existing.full_name in response.json()["detail"][0]["msg"]


def test_patch_updates_only_the_given_fields(client, bearer, center):
    participant = ParticipantFactory(center=center, last_name="לוי")
    response = client.patch(
        f"{URL}{participant.pk}", {"phone": "02-6543210"}, content_type="application/json", **bearer
    )
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.phone == "026543210" and participant.last_name == "לוי"


def test_national_viewer_reads_everywhere_but_may_not_write(client, staff, center, other_center):
    viewer = staff(Role.NATIONAL_VIEWER, centers=[], username="viewer")
    _token, key = ApiToken.issue(viewer)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    foreign = ParticipantFactory(center=other_center)
    assert client.get(f"{URL}{foreign.pk}", **auth).status_code == 200
    assert client.post(URL, payload(), content_type="application/json", **auth).status_code == 403


def test_search_parameter_filters(client, bearer, center):
    ParticipantFactory(center=center, first_name="עביר", last_name="דראושה")
    ParticipantFactory(center=center, first_name="שחר", last_name="טל")
    items = client.get(URL, {"q": "עביר"}, **bearer).json()["items"]
    assert [item["first_name"] for item in items] == ["עביר"]


def test_openapi_and_docs_are_served_to_signed_in_staff(client, coordinator):
    client.force_login(coordinator)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/participants/" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
