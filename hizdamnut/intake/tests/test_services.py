import datetime

import pytest
from django.core.exceptions import ValidationError

from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService
from hizdamnut.inquiries.models import InquiryStatus
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.intake import services
from hizdamnut.intake.models import ReferralStatus, RoutingTrack
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.participants.tests.factories import ParticipantFactory

from .factories import IntakeMeetingFactory

TODAY = datetime.date.today()
READY = dict.fromkeys(["self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills"], 5)


def meeting_fields(**overrides):
    fields = {"held_on": TODAY, "needs": "עבודה קרובה לבית", "goals": "משרה מלאה", "barriers": ["childcare"], **READY}
    fields.update(overrides)
    return fields


def test_intake_meeting_moves_the_inquiry_to_intake_held(coordinator, center):
    participant = ParticipantFactory(center=center)
    inquiry = InquiryFactory(center=center, participant=participant, status=InquiryStatus.SCREENED)
    meeting = services.record_intake_meeting(actor=coordinator, participant=participant, inquiry=inquiry,
                                             **meeting_fields())
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.INTAKE_HELD
    assert meeting.staff == coordinator


def test_intake_meeting_refuses_unknown_barriers(coordinator, center):
    with pytest.raises(ValidationError) as exc:
        services.record_intake_meeting(actor=coordinator, participant=ParticipantFactory(center=center),
                                       **meeting_fields(barriers=["bad_luck"]))
    assert "barriers" in exc.value.message_dict


def test_intake_meeting_refuses_predictors_outside_1_to_5(coordinator, center):
    with pytest.raises(ValidationError) as exc:
        services.record_intake_meeting(actor=coordinator, participant=ParticipantFactory(center=center),
                                       **meeting_fields(motivation=6))
    assert "motivation" in exc.value.message_dict


def test_intake_meeting_cannot_be_in_the_future(coordinator, center):
    with pytest.raises(ValidationError) as exc:
        services.record_intake_meeting(actor=coordinator, participant=ParticipantFactory(center=center),
                                       **meeting_fields(held_on=TODAY + datetime.timedelta(days=1)))
    assert "held_on" in exc.value.message_dict


def test_shared_decision_makes_the_participant_active(coordinator, center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), **READY)
    decision = services.record_routing_decision(intake=meeting, response=RoutingTrack.SHORT_TERM_COACHING,
                                                actor=coordinator)
    meeting.participant.refresh_from_db()
    assert meeting.participant.status == JourneyStatus.ACTIVE
    assert meeting.participant.status_changes.filter(status=JourneyStatus.ACTIVE).exists()
    assert (decision.recommended_response, decision.model_version) == ("short_term_coaching", "2026.1")


def test_decision_differing_from_the_recommendation_needs_a_reason(coordinator, center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), **READY)
    with pytest.raises(ValidationError) as exc:
        services.record_routing_decision(intake=meeting, response=RoutingTrack.COURSES, actor=coordinator)
    assert "override_reason" in exc.value.message_dict


def test_decision_differing_with_a_reason_is_recorded(coordinator, center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), **READY)
    decision = services.record_routing_decision(intake=meeting, response=RoutingTrack.COURSES, actor=coordinator,
                                                override_reason="רוצה קודם קורס", participant_agreed=True)
    assert (decision.response, decision.recommended_response) == ("courses", "short_term_coaching")


def test_decision_assigns_the_responsible_worker(coordinator, staff, center):
    worker = staff(Role.COACH)
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), **READY)
    services.record_routing_decision(intake=meeting, response=RoutingTrack.SHORT_TERM_COACHING, actor=coordinator,
                                     case_worker=worker)
    meeting.participant.refresh_from_db()
    assert meeting.participant.case_worker == worker


def test_decision_routes_the_inquiry(coordinator, center):
    participant = ParticipantFactory(center=center)
    inquiry = InquiryFactory(center=center, participant=participant, status=InquiryStatus.INTAKE_HELD)
    meeting = IntakeMeetingFactory(participant=participant, inquiry=inquiry, **READY)
    services.record_routing_decision(intake=meeting, response=RoutingTrack.SHORT_TERM_COACHING, actor=coordinator)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ROUTED
    assert inquiry.status_changes.filter(status=InquiryStatus.ROUTED, changed_on=TODAY).exists()


def test_referral_out_decision_closes_the_accompaniment_as_referred_elsewhere(coordinator, center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), barriers=["addiction"])
    services.record_routing_decision(intake=meeting, response=RoutingTrack.REFERRAL_OUT, actor=coordinator)
    meeting.participant.refresh_from_db()
    assert meeting.participant.status == JourneyStatus.CLOSED


def test_worker_of_another_center_cannot_decide(staff, center, other_center):
    outsider = staff(Role.COORDINATOR, centers=[other_center])
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center), **READY)
    with pytest.raises(ValidationError):
        services.record_routing_decision(intake=meeting, response=RoutingTrack.SHORT_TERM_COACHING, actor=outsider)


def test_referral_closes_an_open_inquiry_as_referred_out(coordinator, center):
    inquiry = InquiryFactory(center=center)
    service = CommunityService.objects.get(code="otzma_center")
    referral = services.create_referral(actor=coordinator, service=service, inquiry=inquiry,
                                        follow_up_on=TODAY + datetime.timedelta(days=30))
    inquiry.refresh_from_db()
    assert (referral.status, inquiry.status) == (ReferralStatus.SENT, InquiryStatus.REFERRED_OUT)


def test_referral_follow_up_cannot_precede_it(coordinator, center):
    with pytest.raises(ValidationError) as exc:
        services.create_referral(actor=coordinator, service=CommunityService.objects.first(),
                                 participant=ParticipantFactory(center=center),
                                 follow_up_on=TODAY - datetime.timedelta(days=1))
    assert "follow_up_on" in exc.value.message_dict


def test_referral_moves_from_sent_to_confirmed_to_closed(coordinator, center):
    referral = services.create_referral(actor=coordinator, service=CommunityService.objects.first(),
                                        participant=ParticipantFactory(center=center))
    services.update_referral(referral=referral, actor=coordinator, status=ReferralStatus.CONFIRMED)
    services.update_referral(referral=referral, actor=coordinator, status=ReferralStatus.CLOSED)
    with pytest.raises(ValidationError):
        services.update_referral(referral=referral, actor=coordinator, status=ReferralStatus.SENT)


def test_intake_meeting_staff_must_work_at_the_center(coordinator, staff, center, other_center):
    outsider = staff(Role.COACH, centers=[other_center])
    with pytest.raises(ValidationError) as exc:
        services.record_intake_meeting(actor=coordinator, participant=ParticipantFactory(center=center),
                                       **meeting_fields(staff=outsider))
    assert "staff" in exc.value.message_dict
