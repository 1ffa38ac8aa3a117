"""Query parameters go through forms that validate and scope them: a malformed value or another center's record
is a 404, never a 500, and never shown."""

import pytest

from hizdamnut.centers.roles import Role
from hizdamnut.employers.tests.factories import EmployerFactory
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("/inquiries/new/", "participant"),
    ("/intake/new/", "participant"),
    ("/intake/new/", "inquiry"),
    ("/intake/referrals/new/", "participant"),
    ("/intake/referrals/new/", "inquiry"),
    ("/training/applications/new/", "participant"),
    ("/employers/openings/new/", "employer"),
]


def _foreign(name, other_center):
    factory = {"participant": ParticipantFactory, "inquiry": InquiryFactory, "employer": EmployerFactory}[name]
    return factory(center=other_center)


@pytest.mark.parametrize("url, name", PAGES)
@pytest.mark.parametrize("value", ["abc", "1.5", "999999"])
def test_a_malformed_or_unknown_record_in_the_query_is_not_found(coordinator_client, url, name, value):
    assert coordinator_client.get(url, {name: value}).status_code == 404


@pytest.mark.parametrize("url, name", PAGES)
def test_another_centers_record_in_the_query_is_not_found(coordinator_client, other_center, url, name):
    assert coordinator_client.get(url, {name: _foreign(name, other_center).pk}).status_code == 404


@pytest.mark.parametrize("url, name", PAGES)
def test_a_record_of_the_users_center_in_the_query_opens_the_page(coordinator_client, center, url, name):
    factory = {"participant": ParticipantFactory, "inquiry": InquiryFactory, "employer": EmployerFactory}[name]
    # an inquiry without a participant goes on to registration first
    assert coordinator_client.get(url, {name: factory(center=center).pk}).status_code in (200, 302)


def test_the_referral_list_ignores_an_unknown_status(coordinator_client):
    assert coordinator_client.get("/intake/referrals/", {"status": "bogus", "page": "x"}).status_code == 200


@pytest.mark.parametrize("value", ["abc", "-1"])
def test_the_audit_log_refuses_a_malformed_participant(client, staff, value):
    client.force_login(staff(Role.MANAGER))
    assert client.get("/audit/", {"participant": value}).status_code == 404


def test_the_audit_log_filters_by_participant(client, staff, center):
    client.force_login(staff(Role.MANAGER))
    participant = ParticipantFactory(center=center)
    assert client.get("/audit/", {"participant": participant.pk, "page": "last"}).status_code == 200
