import datetime
import json

import pytest
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.employers.models import Candidacy, JobOpening
from hizdamnut.employers.tests.factories import (
    CandidacyFactory,
    CandidateProfileFactory,
    EmployerFactory,
    JobOpeningFactory,
)
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(other_center):
    """Another center's employer, opening, candidacy and participant."""
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=other_center)))
    return candidacy


def test_lead_page_shows_open_positions_and_candidates_in_progress(lead_client, center):
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=center), title="מחסנאי"))
    response = lead_client.get(reverse("employers:list"))
    assert response.status_code == 200
    assert "מחסנאי" in response.content.decode()
    assert candidacy.participant.full_name in response.content.decode()


def test_lead_page_costs_a_fixed_number_of_queries(lead_client, center, django_assert_max_num_queries):
    for _ in range(5):
        CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=center)))
    with django_assert_max_num_queries(12):
        lead_client.get(reverse("employers:list"))


def test_opening_page_ranks_candidates_with_reasons(lead_client, center):
    opening = JobOpeningFactory(employer=EmployerFactory(center=center), occupation="cashier")
    fit = CandidateProfileFactory(participant=ParticipantFactory(center=center, status="active"))
    response = lead_client.get(reverse("employers:opening", args=[opening.pk]))
    body = response.content.decode()
    assert fit.participant.full_name in body
    assert "cashier" in body  # the occupation reason


@pytest.mark.parametrize("name", ["employers:detail", "employers:board"])
def test_another_centers_employer_is_404(lead_client, foreign, name):
    assert lead_client.get(reverse(name, args=[foreign.opening.employer_id])).status_code == 404


@pytest.mark.parametrize("name", ["employers:opening", "employers:opening_update"])
def test_another_centers_opening_is_404(lead_client, foreign, name):
    assert lead_client.get(reverse(name, args=[foreign.opening_id])).status_code == 404


def test_another_centers_participant_matches_are_404(lead_client, foreign):
    assert lead_client.get(reverse("employers:participant", args=[foreign.participant_id])).status_code == 404


def test_moving_another_centers_candidate_is_404(lead_client, foreign):
    response = lead_client.post(reverse("employers:move", args=[foreign.pk]), {"stage": "cv_sent"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.stage == "recommended"


def test_pages_need_a_sign_in(client, center):
    assert client.get(reverse("employers:list")).status_code == 302


def test_a_national_viewer_cannot_open_the_new_opening_form(client, staff):
    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[]))
    assert client.get(reverse("employers:opening_create")).status_code == 403


def test_creating_an_opening_through_the_page(lead_client, center):
    employer = EmployerFactory(center=center)
    response = lead_client.post(reverse("employers:opening_create"), {
        "employer": employer.pk, "title": "נהג/ת חלוקה", "occupation": "driver", "positions": 2, "hours_per_week": 40,
        "shift": "day", "city": center.city_id, "education_required": 0, "experience_years_required": 1,
        "licences_required": "B", "flexible_thresholds": ["experience"], "status": "open",
    })
    opening = JobOpening.objects.get(title="נהג/ת חלוקה")
    assert response.status_code == 302
    assert opening.licences_required == ["B"] and opening.flexible_thresholds == ["experience"]


def test_recommend_and_move_through_the_pages(lead_client, center):
    opening = JobOpeningFactory(employer=EmployerFactory(center=center))
    participant = ParticipantFactory(center=center, status="active")
    lead_client.post(reverse("employers:recommend", args=[opening.pk]), {"participant": participant.pk})
    candidacy = Candidacy.objects.get(opening=opening, participant=participant)
    lead_client.post(reverse("employers:move", args=[candidacy.pk]), {"stage": "cv_sent", "priority": "on"})
    candidacy.refresh_from_db()
    assert candidacy.stage == "cv_sent" and candidacy.priority


# API


def test_api_lists_only_own_centers_openings(lead_client, center, foreign):
    mine = JobOpeningFactory(employer=EmployerFactory(center=center))
    ids = [o["id"] for o in lead_client.get("/api/v1/employers/openings").json()["items"]]
    assert ids == [mine.pk]


@pytest.mark.parametrize("path", [
    "/api/v1/employers/{employer}", "/api/v1/employers/{employer}/candidates", "/api/v1/employers/openings/{opening}",
    "/api/v1/employers/openings/{opening}/matches", "/api/v1/employers/openings/{opening}/candidates",
    "/api/v1/employers/participants/{participant}/matches",
])
def test_api_another_centers_records_are_404(lead_client, foreign, path):
    url = path.format(employer=foreign.opening.employer_id, opening=foreign.opening_id,
                      participant=foreign.participant_id)
    assert lead_client.get(url).status_code == 404


def test_api_move_of_another_centers_candidate_is_404(lead_client, foreign):
    response = lead_client.post(f"/api/v1/employers/candidates/{foreign.pk}/move", json.dumps({"stage": "cv_sent"}),
                                content_type="application/json")
    assert response.status_code == 404


def test_api_matches_show_the_named_parts(lead_client, center):
    opening = JobOpeningFactory(employer=EmployerFactory(center=center))
    CandidateProfileFactory(participant=ParticipantFactory(center=center, status="active"))
    [match] = lead_client.get(f"/api/v1/employers/openings/{opening.pk}/matches").json()
    assert match["score"] == sum(part["points"] for part in match["parts"])
    assert {part["code"] for part in match["parts"]} >= {"occupation", "commute", "shift"}


def test_api_rejection_without_reason_is_422_naming_the_field(lead_client, center):
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=center)))
    response = lead_client.post(f"/api/v1/employers/candidates/{candidacy.pk}/move",
                                json.dumps({"stage": "rejected"}), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "reason"]


def test_api_creates_an_opening(lead_client, center):
    employer = EmployerFactory(center=center)
    response = lead_client.post("/api/v1/employers/openings", json.dumps({
        "employer_id": employer.pk, "title": "טבח/ית", "occupation": "cook", "hours_per_week": 35, "city": "Netanya",
        "opened_on": str(datetime.date.today())}), content_type="application/json")
    assert response.status_code == 201, response.content


def test_api_employer_detail_and_log(lead_client, center):
    employer = EmployerFactory(center=center)

    def post(path, body):
        return lead_client.post(f"/api/v1/employers/{employer.pk}/{path}", json.dumps(body),
                                content_type="application/json")

    assert post("locations", {"city": "נתניה", "address": "הרצל 1"}).status_code == 201
    assert post("contacts", {"name": "מיכל לוי", "phone": "0521234567"}).status_code == 201
    assert post("agreements", {"title": "הסכם קליטה", "signed_on": "2026-01-05"}).status_code == 201
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    assert post("interactions", {"occurred_on": future, "kind": "call", "summary": "x"}).status_code == 422
    assert post("interactions", {"occurred_on": "2026-01-06", "kind": "call", "summary": "שיחה"}).status_code == 201
    detail = lead_client.get(f"/api/v1/employers/{employer.pk}").json()
    assert [len(detail[k]) for k in ("locations", "contacts", "agreements", "interactions")] == [1, 1, 1, 1]


def test_api_adding_to_another_centers_employer_is_404(lead_client, foreign):
    response = lead_client.post(f"/api/v1/employers/{foreign.opening.employer_id}/contacts",
                                json.dumps({"name": "x"}), content_type="application/json")
    assert response.status_code == 404


def test_opening_page_costs_a_fixed_number_of_queries(lead_client, center, django_assert_max_num_queries):
    opening = JobOpeningFactory(employer=EmployerFactory(center=center))
    for _ in range(8):
        CandidateProfileFactory(participant=ParticipantFactory(center=center, status="active"))
    for _ in range(3):
        CandidacyFactory(opening=opening)
    with django_assert_max_num_queries(12):
        assert lead_client.get(reverse("employers:opening", args=[opening.pk])).status_code == 200


def test_employer_page_costs_a_fixed_number_of_queries(lead_client, center, django_assert_max_num_queries):
    employer = EmployerFactory(center=center)
    for _ in range(4):
        JobOpeningFactory(employer=employer)
    with django_assert_max_num_queries(14):
        assert lead_client.get(reverse("employers:detail", args=[employer.pk])).status_code == 200


def test_logging_an_interaction_on_the_employer_page(lead_client, center):
    employer = EmployerFactory(center=center)
    lead_client.post(reverse("employers:detail", args=[employer.pk]), {
        "section": "interaction", "interaction-occurred_on": datetime.date.today().isoformat(),
        "interaction-kind": "visit", "interaction-summary": "ביקור במפעל"})
    assert employer.interactions.get().summary == "ביקור במפעל"


def test_participant_work_page_saves_the_profile_and_ranks_openings(lead_client, center):
    opening = JobOpeningFactory(employer=EmployerFactory(center=center), occupation="מחסנאות")
    participant = ParticipantFactory(center=center, status="active")
    response = lead_client.post(reverse("employers:participant", args=[participant.pk]), {
        "ready_for_work": "on", "desired_occupations": "מחסנאות, נהיגה", "education_level": 3, "experience_years": 1,
        "max_commute_km": 20, "available_shifts": ["day"]})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.candidate_profile.desired_occupations == ["מחסנאות", "נהיגה"]
    body = lead_client.get(reverse("employers:participant", args=[participant.pk])).content.decode()
    assert opening.title in body


def test_employer_board_groups_candidates_by_stage(lead_client, center):
    employer = EmployerFactory(center=center)
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer=employer), stage="cv_sent",
                                 cv_sent_on=datetime.date.today())
    body = lead_client.get(reverse("employers:board", args=[employer.pk])).content.decode()
    assert f'id="candidacy-{candidacy.pk}"' in body


def test_a_rejection_without_reason_on_the_board_shows_the_message(lead_client, center):
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=center)))
    response = lead_client.post(reverse("employers:move", args=[candidacy.pk]), {"stage": "rejected"}, follow=True)
    candidacy.refresh_from_db()
    assert candidacy.stage == "recommended"
    assert "message error" in response.content.decode()
