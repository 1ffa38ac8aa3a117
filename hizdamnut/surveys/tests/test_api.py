import pytest

from hizdamnut.centers.roles import Role
from hizdamnut.surveys.models import SurveyResponse

from .factories import make_questionnaire, make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire():
    return make_questionnaire()


def test_api_lists_questionnaires_with_items(client, staff, questionnaire):
    client.force_login(staff(Role.MANAGER))
    data = client.get("/api/v1/surveys/questionnaires").json()
    assert data[0]["code"] == "test-q"
    assert [i["reverse"] for i in data[0]["items"]] == [False, True, False]


@pytest.mark.usefixtures("show_tiny_groups")
def test_api_report_matches_the_command_format(client, staff, questionnaire, center):
    make_response(questionnaire, center, {"listen": 4, "dismiss": 1})
    make_response(questionnaire, center, {"listen": 3, "dismiss": 4})
    client.force_login(staff(Role.MANAGER))
    data = client.get("/api/v1/surveys/questionnaires/test-q/report").json()
    assert data["responses"] == 2
    assert data["items"][0]["mean"] == 3.5
    assert data["domains"][0] == {"code": "attitude", "mean": 3.0, "items": 2}


def test_api_report_of_another_center_is_404(client, staff, questionnaire, other_center):
    client.force_login(staff(Role.MANAGER))
    assert client.get("/api/v1/surveys/questionnaires/test-q/report?center=BSH").status_code == 404


def test_api_paper_entry(client, staff, questionnaire, center):
    client.force_login(staff(Role.COORDINATOR))
    response = client.post("/api/v1/surveys/questionnaires/test-q/responses",
                           {"center": "NTN", "answered_on": "2026-01-02", "answers": {"listen": 4, "hours": None}},
                           content_type="application/json")
    assert response.status_code == 201
    assert SurveyResponse.objects.get().source == "paper"


def test_api_paper_entry_refuses_values_off_the_scale(client, staff, questionnaire, center):
    client.force_login(staff(Role.COORDINATOR))
    response = client.post("/api/v1/surveys/questionnaires/test-q/responses",
                           {"center": "NTN", "answered_on": "2026-01-02", "answers": {"listen": 9}},
                           content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "listen"]


def test_api_report_is_refused_to_a_coach(client, staff, questionnaire):
    client.force_login(staff(Role.COACH))
    assert client.get("/api/v1/surveys/questionnaires/test-q/report").status_code == 403
