import datetime
import json

import pytest
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.employers.tests.factories import CandidacyFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def worker(staff):
    return staff(Role.SOCIAL_WORKER, username="worker")


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def foreign(other_center):
    placement = PlacementFactory(participant=ParticipantFactory(center=other_center))
    return FollowUpFactory(placement=placement)


def test_due_fragment_lists_the_workers_overdue_follow_up(worker_client, worker, center):
    participant = ParticipantFactory(center=center, case_worker=worker)
    FollowUpFactory(placement=PlacementFactory(participant=participant), due_on=TODAY - datetime.timedelta(days=2))
    response = worker_client.get("/placements/follow-ups/due/")
    assert reverse("placements:follow_ups_due") == "/placements/follow-ups/due/"
    body = response.content.decode()
    assert participant.full_name in body and "overdue" in body
    assert "<html" not in body  # a fragment, for htmx


def test_due_fragment_costs_a_fixed_number_of_queries(worker_client, worker, center, django_assert_max_num_queries):
    for _ in range(5):
        FollowUpFactory(placement=PlacementFactory(participant=ParticipantFactory(center=center, case_worker=worker)),
                        due_on=TODAY)
    with django_assert_max_num_queries(6):
        worker_client.get("/placements/follow-ups/due/")


def test_home_page_of_a_social_worker_shows_the_follow_ups_panel(worker_client, worker, center):
    participant = ParticipantFactory(center=center, case_worker=worker)
    FollowUpFactory(placement=PlacementFactory(participant=participant), due_on=TODAY)
    assert participant.full_name in worker_client.get("/").content.decode()


def test_another_centers_placement_is_404(worker_client, foreign):
    assert worker_client.get(reverse("placements:detail", args=[foreign.placement_id])).status_code == 404


def test_another_centers_follow_up_is_404(worker_client, foreign):
    assert worker_client.get(reverse("placements:follow_up", args=[foreign.pk])).status_code == 404


def test_another_centers_participant_placements_are_404(worker_client, foreign):
    url = reverse("placements:participant", args=[foreign.placement.participant_id])
    assert worker_client.get(url).status_code == 404


def test_hiring_another_centers_candidate_is_404(worker_client, other_center):
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=other_center)))
    assert worker_client.get(reverse("placements:hire", args=[candidacy.pk])).status_code == 404


def test_hire_page_records_the_placement(client, staff, center):
    client.force_login(staff(Role.EMPLOYER_LEAD))
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=center)),
                                 cv_sent_on=TODAY, stage="cv_sent")
    response = client.post(reverse("placements:hire", args=[candidacy.pk]), {
        "role": "קופאי/ת", "start_date": TODAY.isoformat(), "hours_per_week": 20, "monthly_wage": "1000",
        "contract_type": "hourly", "fits_ability": "yes", "fits_desire": "yes", "fits_vision": "partly",
        "advances_previous_job": "no_previous"})
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.stage == "hired" and candidacy.placement.below_minimum_wage


def test_outcomes_page_shows_a_dash_for_nothing_to_count(worker_client):
    body = worker_client.get(reverse("placements:outcomes")).content.decode()
    assert "—" in body


def test_api_follow_ups_due(worker_client, worker, center):
    FollowUpFactory(placement=PlacementFactory(participant=ParticipantFactory(center=center, case_worker=worker)),
                    due_on=TODAY)
    assert len(worker_client.get("/api/v1/placements/follow-ups/due").json()) == 1


@pytest.mark.parametrize("path", ["/api/v1/placements/{placement}"])
def test_api_another_centers_placement_is_404(worker_client, foreign, path):
    assert worker_client.get(path.format(placement=foreign.placement_id)).status_code == 404


def test_api_recording_another_centers_follow_up_is_404(worker_client, foreign):
    response = worker_client.post(f"/api/v1/placements/follow-ups/{foreign.pk}",
                                  json.dumps({"done_on": str(TODAY), "employment": "same"}),
                                  content_type="application/json")
    assert response.status_code == 404


def test_api_follow_up_before_start_is_422(worker_client, center):
    follow_up = FollowUpFactory(placement=PlacementFactory(participant=ParticipantFactory(center=center)))
    before = follow_up.placement.start_date - datetime.timedelta(days=1)
    response = worker_client.post(f"/api/v1/placements/follow-ups/{follow_up.pk}",
                                  json.dumps({"done_on": str(before), "employment": "same"}),
                                  content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "done_on"]


def test_api_hire_for_a_closed_opening_is_422(client, staff, center):
    client.force_login(staff(Role.EMPLOYER_LEAD))
    candidacy = CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=center), status="closed"),
                                 stage="cv_sent", cv_sent_on=TODAY)
    response = client.post(f"/api/v1/placements/hire/{candidacy.pk}", json.dumps({
        "start_date": str(TODAY), "monthly_wage": "7000"}), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "opening"]


def test_api_indicators_give_null_for_a_zero_denominator(worker_client):
    results = worker_client.get("/api/v1/placements/indicators?start=2025-01-01&end=2025-12-31").json()
    assert {r["code"] for r in results} >= {"placement", "retention_3", "retention_6", "retention_12"}
    assert all(r["value"] is None for r in results)


def test_api_indicators_for_another_center_is_404(worker_client, other_center):
    response = worker_client.get("/api/v1/placements/indicators?start=2025-01-01&end=2025-12-31&center=BSH")
    assert response.status_code == 404


def test_self_employment_recorded_through_the_page(worker_client, worker, center):
    participant = ParticipantFactory(center=center, status="active", case_worker=worker)
    response = worker_client.post(reverse("placements:create", args=[participant.pk]), {
        "self_employed": "on", "role": "תופרת עצמאית", "start_date": TODAY.isoformat(), "hours_per_week": 25,
        "monthly_wage": "4000", "contract_type": "self_employed", "fits_ability": "yes", "fits_desire": "yes",
        "fits_vision": "yes", "advances_previous_job": "no_previous"})
    assert response.status_code == 302
    placement = participant.placements.get()
    assert placement.self_employed and placement.is_optimal and placement.follow_ups.count() == 4


def test_a_start_too_far_ahead_shows_the_message_on_the_form(worker_client, center):
    participant = ParticipantFactory(center=center, status="active")
    response = worker_client.post(reverse("placements:create", args=[participant.pk]), {
        "employer_name": "מוסך", "role": "מכונאי", "start_date": (TODAY + datetime.timedelta(days=400)).isoformat(),
        "hours_per_week": 40, "monthly_wage": "8000", "contract_type": "permanent", "fits_ability": "yes",
        "fits_desire": "yes", "fits_vision": "yes", "advances_previous_job": "no"})
    assert response.status_code == 200
    assert "90" in response.content.decode()
    assert not participant.placements.exists()


def test_ending_a_job_through_the_page_returns_the_participant_to_active(worker_client, center):
    participant = ParticipantFactory(center=center, status="placed")
    placement = PlacementFactory(participant=participant)
    response = worker_client.post(reverse("placements:detail", args=[placement.pk]), {
        "ended_on": TODAY.isoformat(), "end_reason": "צמצומים"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == "active"
    placement.refresh_from_db()
    assert placement.ended_on == TODAY


def test_recording_a_follow_up_through_the_page(worker_client, center):
    follow_up = FollowUpFactory(placement=PlacementFactory(participant=ParticipantFactory(center=center)))
    response = worker_client.post(reverse("placements:follow_up", args=[follow_up.pk]), {
        "done_on": TODAY.isoformat(), "employment": "other", "hours_per_week": 40, "monthly_wage": "7500",
        "satisfaction": 5, "advancement": ["raise", "training"], "difficulties": "", "support_given": "שיחת חיזוק"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.employment == "other" and follow_up.advancement == ["raise", "training"]


def test_placement_page_warns_of_a_wage_below_the_minimum(worker_client, worker, center):
    from decimal import Decimal

    from hizdamnut.placements import services
    participant = ParticipantFactory(center=center, status="active")
    placement = services.record_placement(
        actor=worker, participant=participant, employer_name="מאפייה", role="אופה", start_date=TODAY, hours_per_week=42,
        monthly_wage=Decimal("3000"), contract_type="permanent")
    body = worker_client.get(reverse("placements:detail", args=[placement.pk])).content.decode()
    assert 'role="alert"' in body and "₪3,000" in body
