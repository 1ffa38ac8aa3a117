import pytest

from hizdamnut.centers.models import Center
from hizdamnut.centers.roles import Role
from hizdamnut.centers.scoping import visible_center_ids
from hizdamnut.participants.models import Participant, StatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_a_worker_sees_only_the_centers_they_belong_to(center, other_center, staff):
    worker = staff(Role.SOCIAL_WORKER)
    assert list(Center.objects.for_user(worker)) == [center]


def test_a_worker_of_two_centers_sees_both(center, other_center, staff):
    worker = staff(Role.COACH, centers=[center, other_center])
    assert set(visible_center_ids(worker)) == {center.pk, other_center.pk}


@pytest.mark.parametrize("role", [Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN])
def test_nationwide_roles_see_every_center(center, other_center, staff, role):
    assert Center.objects.for_user(staff(role, centers=[])).count() == 2


def test_staff_without_a_profile_see_nothing(center, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x")
    ParticipantFactory(center=center)
    assert not Participant.objects.for_user(user).exists()


def test_related_rows_are_scoped_through_their_path(center, other_center, staff):
    ParticipantFactory(center=center)
    ParticipantFactory(center=other_center)
    StatusChange.objects.create(participant=Participant.objects.get(center=other_center), status="active",
                                changed_on="2026-01-01")
    worker = staff(Role.COORDINATOR)
    assert not StatusChange.objects.for_user(worker).exists()
