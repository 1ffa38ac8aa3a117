"""A repeat caller is recognised before a second file is opened, and an inquiry can be linked to a known person."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hizdamnut.inquiries import services
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.participants.tests.factories import ParticipantFactory

from .factories import InquiryFactory, category_tree

TODAY = datetime.date.today()


@pytest.fixture
def tree(db):
    return category_tree()


def inquiry_data(center, tree, **fields):
    return {"center": center.pk, "received_on": TODAY.isoformat(), "channel": "phone", "source": "self",
            "category": tree.pk, "first_name": "מחמד", "last_name": "ח'ליל", "phone": "0541112222", **fields}


def test_a_likely_known_caller_is_offered_before_saving(coordinator_client, center, tree):
    known = ParticipantFactory(center=center, first_name="מוחמד", last_name="חליל")
    response = coordinator_client.post(reverse("inquiries:create"), inquiry_data(center, tree))
    assert response.status_code == 200
    assert [m.participant for m in response.context["matches"]] == [known]
    assert not Inquiry.objects.exists()
    assert "same_person" in response.content.decode()


def test_choosing_the_known_person_links_the_inquiry(coordinator_client, center, tree):
    known = ParticipantFactory(center=center, first_name="מוחמד", last_name="חליל")
    response = coordinator_client.post(reverse("inquiries:create"), inquiry_data(center, tree, same_person=known.pk))
    assert response.status_code == 302
    assert Inquiry.objects.get().participant == known


def test_confirming_a_new_person_saves_without_a_link(coordinator_client, center, tree):
    ParticipantFactory(center=center, first_name="מוחמד", last_name="חליל")
    response = coordinator_client.post(reverse("inquiries:create"), inquiry_data(center, tree, new_person="1"))
    assert response.status_code == 302
    assert Inquiry.objects.get().participant is None


def test_an_earlier_unlinked_inquiry_from_the_same_phone_is_offered(coordinator_client, center, tree):
    earlier = InquiryFactory(center=center, phone="0541112222", first_name="אחר")
    response = coordinator_client.post(reverse("inquiries:create"), inquiry_data(center, tree))
    assert response.context["earlier"] == [earlier]
    assert Inquiry.objects.count() == 1


def test_matches_are_looked_up_as_the_caller_is_typed(coordinator_client, center):
    ParticipantFactory(center=center, first_name="פאטמה", last_name="עבד אל רחמן")
    response = coordinator_client.get(reverse("inquiries:matches"), {
        "center": center.pk, "first_name": "פטמא", "last_name": "עבדאלרחמן"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "עבד אל רחמן" in response.content.decode()


def test_matches_of_another_center_are_not_shown(coordinator_client, center, other_center):
    ParticipantFactory(center=other_center, phone="0541112222")
    response = coordinator_client.get(reverse("inquiries:matches"), {"phone": "0541112222"})
    assert response.context["matches"] == []


def test_inquiry_page_offers_likely_matches_and_links_one(coordinator_client, center):
    known = ParticipantFactory(center=center, phone="0541112222")
    inquiry = InquiryFactory(center=center, phone="0541112222", first_name="שם")
    page = coordinator_client.get(reverse("inquiries:detail", args=[inquiry.pk]))
    assert [m.participant for m in page.context["matches"]] == [known]
    response = coordinator_client.post(reverse("inquiries:link", args=[inquiry.pk]), {"participant": known.pk})
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.participant == known


def test_an_inquiry_is_not_linked_to_a_participant_of_another_center(coordinator_client, center, other_center):
    stranger = ParticipantFactory(center=other_center)
    inquiry = InquiryFactory(center=center)
    coordinator_client.post(reverse("inquiries:link", args=[inquiry.pk]), {"participant": stranger.pk})
    inquiry.refresh_from_db()
    assert inquiry.participant is None


def test_a_linked_inquiry_is_not_relinked_to_someone_else(coordinator, center):
    inquiry = InquiryFactory(center=center, participant=ParticipantFactory(center=center))
    with pytest.raises(ValidationError) as exc:
        services.link_participant(inquiry=inquiry, participant=ParticipantFactory(center=center), actor=coordinator)
    assert "participant" in exc.value.message_dict


def test_api_links_an_inquiry_and_lists_matches(coordinator_client, center):
    known = ParticipantFactory(center=center, phone="0541112222")
    inquiry = InquiryFactory(center=center)
    matches = coordinator_client.get("/api/v1/inquiries/matches", {"center": center.code, "phone": "0541112222"})
    assert [m["participant_id"] for m in matches.json()] == [known.pk]
    response = coordinator_client.post(f"/api/v1/inquiries/{inquiry.pk}/participant",
                                       {"participant_id": known.pk}, content_type="application/json")
    assert response.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.participant == known
