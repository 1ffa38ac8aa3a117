"""The inquiry page shows the actions allowed_actions() returns: the rule is TRANSITIONS, stated once."""

import pytest

from hizdamnut.centers.roles import Role
from hizdamnut.inquiries import services
from hizdamnut.inquiries.models import InquiryStatus
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_a_new_inquiry_can_be_screened_registered_scheduled_referred_and_moved_on(center, coordinator):
    inquiry = InquiryFactory(center=center, status=InquiryStatus.NEW, participant=None)
    actions = services.allowed_actions(inquiry=inquiry, user=coordinator)
    assert actions.screen and actions.register and actions.refer_out and actions.schedule_intake
    assert not actions.record_intake
    assert actions.next_statuses == services.TRANSITIONS[InquiryStatus.NEW]


def test_an_open_inquiry_with_a_participant_records_the_intake_instead_of_registering(center, coordinator):
    inquiry = InquiryFactory(
        center=center, status=InquiryStatus.SCREENED, participant=ParticipantFactory(center=center)
    )
    actions = services.allowed_actions(inquiry=inquiry, user=coordinator)
    assert actions.record_intake and not actions.register
    assert InquiryStatus.SCREENED not in actions.next_statuses  # no move to the status it already has


def test_a_not_eligible_inquiry_may_be_screened_again_but_not_scheduled(center, coordinator):
    inquiry = InquiryFactory(center=center, status=InquiryStatus.NOT_ELIGIBLE)
    actions = services.allowed_actions(inquiry=inquiry, user=coordinator)
    assert actions.screen and actions.refer_out and not actions.schedule_intake and not actions.register


@pytest.mark.parametrize("status", [InquiryStatus.ROUTED, InquiryStatus.REFERRED_OUT])
def test_a_closed_journey_allows_nothing_but_overriding_a_screening(center, coordinator, status):
    actions = services.allowed_actions(inquiry=InquiryFactory(center=center, status=status), user=coordinator)
    assert not (actions.screen or actions.register or actions.record_intake or actions.refer_out
                or actions.next_step or actions.next_statuses)


def test_a_reader_is_offered_no_action(center, staff):
    inquiry = InquiryFactory(center=center, status=InquiryStatus.NEW)
    actions = services.allowed_actions(inquiry=inquiry, user=staff(Role.NATIONAL_VIEWER, centers=[]))
    assert actions == services.InquiryActions()


def test_the_page_offers_only_the_allowed_actions(coordinator_client, center):
    routed = InquiryFactory(center=center, status=InquiryStatus.ROUTED)
    body = coordinator_client.get(f"/inquiries/{routed.pk}/").content.decode()
    assert f"/inquiries/{routed.pk}/status/" not in body and "/intake/referrals/new/" not in body
    new = InquiryFactory(center=center, status=InquiryStatus.NEW, participant=None)
    body = coordinator_client.get(f"/inquiries/{new.pk}/").content.decode()
    assert f"/inquiries/{new.pk}/status/" in body and f"/inquiries/{new.pk}/register/" in body
