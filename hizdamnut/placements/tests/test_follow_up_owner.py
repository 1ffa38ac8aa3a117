"""A follow-up has an owner: the participant's responsible worker when it is scheduled, reassignable."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements import services
from hizdamnut.placements.selectors import follow_ups_due_for

TODAY = datetime.date.today()


@pytest.fixture
def worker(staff):
    return staff(Role.COACH, username="coach")


@pytest.fixture
def placement(center, worker):
    participant = ParticipantFactory(center=center, case_worker=worker, status="active")
    return services.record_placement(
        actor=worker, participant=participant, employer_name="מאפייה", role="אופה",
        start_date=TODAY - datetime.timedelta(days=40), hours_per_week=40, monthly_wage=Decimal("7500"),
        contract_type="permanent")


def test_follow_ups_belong_to_the_responsible_worker(placement, worker):
    assert {f.owner for f in placement.follow_ups.all()} == {worker}


def test_a_reassigned_follow_up_moves_to_the_new_owners_due_list(placement, worker, staff):
    other = staff(Role.SOCIAL_WORKER, username="sw")
    first = placement.follow_ups.order_by("due_on").first()
    services.reassign_follow_up(actor=worker, follow_up=first, owner=other)
    assert first in follow_ups_due_for(other)
    assert first not in follow_ups_due_for(worker)


def test_a_follow_up_cannot_go_to_another_centers_worker(placement, worker, staff, other_center):
    stranger = staff(Role.COACH, username="far", centers=[other_center])
    with pytest.raises(ValidationError) as error:
        services.reassign_follow_up(actor=worker, follow_up=placement.follow_ups.first(), owner=stranger)
    assert "owner" in error.value.message_dict


def test_the_owner_is_shown_and_reassigned_from_the_follow_up_page(client, placement, worker, staff):
    other = staff(Role.SOCIAL_WORKER, username="sw", first_name="רונית", last_name="כהן")
    follow_up = placement.follow_ups.order_by("due_on").first()
    client.force_login(worker)
    assert client.get(reverse("placements:follow_up", args=[follow_up.pk])).status_code == 200
    client.post(reverse("placements:follow_up_owner", args=[follow_up.pk]), {"owner": other.pk})
    follow_up.refresh_from_db()
    assert follow_up.owner == other
    client.force_login(other)
    assert "רונית כהן" in client.get(reverse("placements:follow_ups_due")).content.decode()
