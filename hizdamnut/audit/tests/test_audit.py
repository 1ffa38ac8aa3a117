import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import ParticipantFactory, valid_id_number

pytestmark = pytest.mark.django_db


def entries_for(participant, action):
    return LogEntry.objects.get_for_object(participant).filter(action=action)


def test_viewing_a_record_writes_who_when_and_which_center(coordinator_client, coordinator, center):
    participant = ParticipantFactory(center=center)
    coordinator_client.get(reverse("participants:detail", args=[participant.pk]))
    entry = entries_for(participant, LogEntry.Action.ACCESS).get()
    assert entry.actor == coordinator
    assert entry.additional_data == {"center": center.pk}
    assert entry.timestamp is not None


def test_editing_writes_what_changed(coordinator_client, coordinator, center):
    participant = ParticipantFactory(center=center, last_name="כהן")
    data = {
        "center": center.pk, "first_name": participant.first_name, "last_name": "כהן-לוי",
        "id_number": participant.id_number, "birth_date": "1990-05-17", "gender": "female", "phone": participant.phone,
        "city": participant.city.pk, "children_under_18": "0",
    }
    coordinator_client.post(reverse("participants:update", args=[participant.pk]), data)
    entry = entries_for(participant, LogEntry.Action.UPDATE).get()
    assert entry.actor == coordinator
    assert entry.changes_dict["last_name"] == ["כהן", "כהן-לוי"]


def test_creating_through_the_form_is_logged_with_the_actor(coordinator_client, coordinator, center):
    coordinator_client.post(reverse("participants:create"), {
        "center": center.pk, "first_name": "נור", "last_name": "חאג'", "id_number": valid_id_number(5),
        "birth_date": "1995-01-02", "gender": "female", "phone": "0501234567", "city": center.city.pk,
        "children_under_18": "0",
    })
    participant = Participant.objects.get()
    assert entries_for(participant, LogEntry.Action.CREATE).get().actor == coordinator


def test_deleting_is_logged(center):
    participant = ParticipantFactory(center=center)
    pk = participant.pk
    participant.status_changes.all().delete()
    participant.delete()
    assert LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).exists()


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.MANAGER, Role.SYSTEM_ADMIN)])
def test_only_managers_read_the_audit_log(client, staff, role):
    client.force_login(staff(role, username=f"u_{role}"))
    assert client.get(reverse("audit:log")).status_code == 403


def test_a_manager_reads_only_their_centers_entries(client, staff, center, other_center):
    own = ParticipantFactory(center=center, first_name="אורית", last_name="גבאי")
    foreign = ParticipantFactory(center=other_center, first_name="סועאד", last_name="זועבי")
    client.force_login(staff(Role.MANAGER, username="manager"))
    page = client.get(reverse("audit:log")).content.decode()
    assert own.full_name in page and foreign.full_name not in page


def test_nobody_can_change_or_delete_entries_in_the_admin(staff, center):
    ParticipantFactory(center=center)
    model_admin = admin.site._registry[LogEntry]
    request = RequestFactory().get("/")
    request.user = staff(Role.SYSTEM_ADMIN, centers=[], username="root", is_superuser=True, is_staff=True)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, LogEntry.objects.first())
    assert not model_admin.has_delete_permission(request, LogEntry.objects.first())
