import datetime

import pytest
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService
from hizdamnut.inquiries.models import InquiryStatus
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.intake.models import IntakeMeeting, Referral, RoutingDecision
from hizdamnut.participants.tests.factories import ParticipantFactory

from .factories import IntakeMeetingFactory

TODAY = datetime.date.today()
READY = dict.fromkeys(["self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills"], 5)


def test_intake_form_records_the_meeting(coordinator_client, center):
    participant = ParticipantFactory(center=center)
    inquiry = InquiryFactory(center=center, participant=participant, status=InquiryStatus.SCREENED)
    response = coordinator_client.post(f"{reverse('intake:create')}?inquiry={inquiry.pk}", {
        "held_on": TODAY.isoformat(), "duration_minutes": 60, "needs": "עבודה", "goals": "משרה",
        "barriers_family": ["childcare"], "barriers_environmental": ["language"], **READY,
    })
    assert response.status_code == 302, response.context["form"].errors
    meeting = IntakeMeeting.objects.get()
    assert meeting.barriers == ["childcare", "language"]


def test_intake_for_an_unregistered_person_sends_to_registration(coordinator_client, center):
    inquiry = InquiryFactory(center=center)
    response = coordinator_client.get(f"{reverse('intake:create')}?inquiry={inquiry.pk}")
    assert response.url == reverse("inquiries:register", args=[inquiry.pk])


def test_meeting_page_shows_the_recommendation_and_why(coordinator_client, center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), barriers=["childcare"], **READY)
    response = coordinator_client.get(reverse("intake:detail", args=[meeting.pk]))
    assert response.context["recommendation"].response == "short_term_coaching"
    assert response.context["barriers"][0]["weight"] == 1


def test_decision_form_records_the_shared_decision(coordinator_client, coordinator, center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), **READY)
    response = coordinator_client.post(reverse("intake:decide", args=[meeting.pk]), {
        "response": "short_term_coaching", "participant_agreed": "on", "decided_on": TODAY.isoformat(),
        "case_worker": coordinator.pk,
    })
    assert response.status_code == 302
    decision = RoutingDecision.objects.get()
    assert decision.participant_agreed and decision.participant.case_worker == coordinator


def test_decision_form_asks_why_when_it_differs(coordinator_client, center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), **READY)
    response = coordinator_client.post(reverse("intake:decide", args=[meeting.pk]), {
        "response": "courses", "decided_on": TODAY.isoformat()})
    assert response.status_code == 200
    assert RoutingDecision.objects.count() == 0


def test_coach_cannot_see_another_centers_meeting(client, staff, other_center):
    client.force_login(staff(Role.COACH))
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=other_center))
    assert client.get(reverse("intake:detail", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("intake:decide", args=[meeting.pk]), {}).status_code == 404


def test_another_centers_participant_cannot_get_an_intake(coordinator_client, other_center):
    participant = ParticipantFactory(center=other_center)
    assert coordinator_client.get(f"{reverse('intake:create')}?participant={participant.pk}").status_code == 404


def make_referral(center):
    return Referral.objects.create(center=center, participant=ParticipantFactory(center=center),
                                   service=CommunityService.objects.first(), sent_on=TODAY)


def test_another_centers_referral_is_404_in_the_ui(coordinator_client, other_center):
    referral = make_referral(other_center)
    assert coordinator_client.get(reverse("intake:referral_detail", args=[referral.pk])).status_code == 404


def test_referral_list_shows_only_the_users_centers(coordinator_client, center, other_center):
    make_referral(center)
    make_referral(other_center)
    response = coordinator_client.get(reverse("intake:referrals"))
    assert len(response.context["page"].object_list) == 1


def test_referral_list_costs_a_fixed_number_of_queries(coordinator_client, center, django_assert_max_num_queries):
    for _ in range(10):
        make_referral(center)
    with django_assert_max_num_queries(10):
        coordinator_client.get(reverse("intake:referrals"))


def test_referral_page_updates_status_and_follow_up(coordinator_client, center):
    referral = make_referral(center)
    coordinator_client.post(reverse("intake:referral_detail", args=[referral.pk]), {
        "status": "confirmed", "follow_up_on": (TODAY + datetime.timedelta(days=30)).isoformat()})
    referral.refresh_from_db()
    assert referral.status == "confirmed" and referral.follow_up_on == TODAY + datetime.timedelta(days=30)


@pytest.mark.parametrize("path", ["/api/v1/intake/meetings/{m}", "/api/v1/intake/meetings/{m}/recommendation",
                                  "/api/v1/intake/referrals/{r}"])
def test_another_centers_intake_and_referral_are_404_in_the_api(coordinator_client, other_center, path):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=other_center))
    referral = make_referral(other_center)
    assert coordinator_client.get(path.format(m=meeting.pk, r=referral.pk)).status_code == 404


def test_api_decision_on_another_centers_meeting_is_404(coordinator_client, other_center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=other_center))
    response = coordinator_client.post(f"/api/v1/intake/meetings/{meeting.pk}/decision",
                                       {"response": "courses"}, content_type="application/json")
    assert response.status_code == 404


def test_api_records_meeting_recommendation_and_decision(coordinator_client, center):
    participant = ParticipantFactory(center=center)
    created = coordinator_client.post("/api/v1/intake/meetings", {
        "participant_id": participant.pk, "held_on": TODAY.isoformat(), "needs": "עבודה", "goals": "משרה",
        "barriers": ["health", "family_crisis", "housing"], **dict.fromkeys(READY, 3),
    }, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    recommendation = coordinator_client.get(f"/api/v1/intake/meetings/{pk}/recommendation").json()
    assert recommendation["response"] == "social_work"
    decided = coordinator_client.post(f"/api/v1/intake/meetings/{pk}/decision", {
        "response": "group_program"}, content_type="application/json")
    assert decided.status_code == 422
    assert decided.json()["detail"][0]["loc"] == ["body", "override_reason"]
    decided = coordinator_client.post(f"/api/v1/intake/meetings/{pk}/decision", {
        "response": "social_work"}, content_type="application/json")
    assert decided.status_code == 201
    participant.refresh_from_db()
    assert participant.status == "active"


def test_api_creates_and_updates_a_referral(coordinator_client, center):
    inquiry = InquiryFactory(center=center)
    created = coordinator_client.post("/api/v1/intake/referrals", {
        "service": "national_insurance", "inquiry_id": inquiry.pk}, content_type="application/json")
    assert created.status_code == 201, created.content
    updated = coordinator_client.patch(f"/api/v1/intake/referrals/{created.json()['id']}", {"status": "closed"},
                                       content_type="application/json")
    assert updated.json()["status"] == "closed"


def test_model_page_shows_weights_and_rules(coordinator_client):
    response = coordinator_client.get(reverse("intake:model"))
    assert response.status_code == 200
    assert len(response.context["rules"]) == 5


def test_meeting_page_costs_a_fixed_number_of_queries(coordinator_client, center, django_assert_max_num_queries):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), **READY)
    with django_assert_max_num_queries(10):
        assert coordinator_client.get(reverse("intake:detail", args=[meeting.pk])).status_code == 200
