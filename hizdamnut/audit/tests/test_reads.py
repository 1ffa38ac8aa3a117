"""Every read of personal data leaves an entry: who (kept by name), what (ids, or query and count), when, from where."""

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.urls import reverse

from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import Role
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.tests.factories import NoteFactory

pytestmark = pytest.mark.django_db
READ = LogEntry.Action.ACCESS


def bearer(user):
    _token, key = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def reads(what):
    return LogEntry.objects.filter(action=READ, additional_data__read__what=what)


def test_the_api_participant_search_logs_the_query_the_count_and_the_ids_shown(client, coordinator, center):
    people = ParticipantFactory.create_batch(3, center=center, last_name="כהן")
    ParticipantFactory(center=center, last_name="לוי")
    assert client.get("/api/v1/participants/?q=כהן", **bearer(coordinator)).status_code == 200
    entry = reads("participant_search").get()
    assert entry.actor == coordinator
    assert entry.additional_data["center"] == center.pk
    assert entry.additional_data["read"]["query"] == {"q": "כהן"}
    assert entry.additional_data["read"]["count"] == 3
    assert sorted(entry.additional_data["read"]["ids"]) == sorted(p.pk for p in people)


def test_the_participant_list_page_and_id_search_are_logged(coordinator_client, center):
    person = ParticipantFactory(center=center)
    coordinator_client.get(reverse("participants:list"))
    coordinator_client.get(reverse("participants:list"), {"q": person.id_number})
    assert reads("participant_list").get().additional_data["read"]["count"] == 1
    search = reads("participant_search").get().additional_data["read"]
    assert search["query"]["q"] == person.id_number and search["ids"] == [person.pk]


def test_the_remote_address_is_kept(coordinator_client, center):
    coordinator_client.get(reverse("participants:list"), REMOTE_ADDR="10.1.2.3")
    assert reads("participant_list").get().remote_addr == "10.1.2.3"


def test_intake_meetings_are_logged_on_the_page_and_in_the_api(client, coordinator, center):
    meeting = IntakeMeetingFactory(participant=ParticipantFactory(center=center))
    client.force_login(coordinator)
    client.get(reverse("intake:detail", args=[meeting.pk]))
    client.get(f"/api/v1/intake/meetings/{meeting.pk}", **bearer(coordinator))
    client.get("/api/v1/intake/meetings", **bearer(coordinator))
    single = LogEntry.objects.get_for_object(meeting).filter(action=READ)
    assert single.count() == 2
    assert single.first().additional_data == {"center": center.pk, "participant": meeting.participant_id}
    assert reads("intake_meetings").get().additional_data["read"]["ids"] == [meeting.pk]


def test_a_note_read_by_id_is_logged(client, staff, center):
    worker = staff(Role.SOCIAL_WORKER, username="sw")
    note = NoteFactory(participant=ParticipantFactory(center=center), author=worker)
    assert client.get(f"/api/v1/plans/notes/{note.pk}", **bearer(worker)).status_code == 200
    assert LogEntry.objects.get_for_object(note).filter(action=READ, actor=worker).exists()


def test_inquiries_are_logged_on_detail_and_list(client, coordinator, center):
    inquiry = InquiryFactory(center=center)
    client.force_login(coordinator)
    client.get(reverse("inquiries:detail", args=[inquiry.pk]))
    client.get(reverse("inquiries:queue"))
    client.get("/api/v1/inquiries/", **bearer(coordinator))
    client.get(f"/api/v1/inquiries/{inquiry.pk}", **bearer(coordinator))
    assert LogEntry.objects.get_for_object(inquiry).filter(action=READ).count() == 2
    assert reads("inquiry_list").exists() and reads("inquiry_queue").exists()


def test_dashboard_exports_say_what_was_exported_and_with_which_filters(client, staff, center):
    client.force_login(staff(Role.MANAGER, username="boss"))
    response = client.get(reverse("reports:dashboard_export", args=["xlsx"]), {"center": center.pk})
    assert response.status_code == 200
    entry = reads("dashboard_export").get()
    assert entry.additional_data["read"]["format"] == "xlsx"
    assert entry.additional_data["read"]["query"]["center"] == str(center.pk)


def test_admin_participant_pages_are_logged(client, staff, center):
    person = ParticipantFactory(center=center)
    root = staff(Role.SYSTEM_ADMIN, centers=[], username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(reverse("admin:participants_participant_changelist")).status_code == 200
    assert client.get(reverse("admin:participants_participant_change", args=[person.pk])).status_code == 200
    assert reads("admin_participant_list").get().additional_data["read"]["ids"] == [person.pk]
    assert LogEntry.objects.get_for_object(person).filter(action=READ, actor=root).exists()


def test_staff_are_deactivated_not_deleted_and_their_entries_keep_their_name(client, staff, center):
    worker = staff(Role.COORDINATOR, username="dana", first_name="דנה", last_name="לוי")
    person = ParticipantFactory(center=center)
    client.force_login(worker)
    client.get(reverse("participants:detail", args=[person.pk]))
    root = staff(Role.SYSTEM_ADMIN, centers=[], username="root", is_superuser=True, is_staff=True)
    model_admin = admin.site._registry[type(worker)]
    client.force_login(root)
    request = client.get("/").wsgi_request
    assert not model_admin.has_delete_permission(request, worker)
    response = client.post(reverse("admin:auth_user_changelist"),
                           {"action": "deactivate", "_selected_action": [worker.pk]})
    assert response.status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    entry = LogEntry.objects.get_for_object(person).filter(action=READ).get()
    assert entry.link.actor_name == "דנה לוי" and entry.link.actor_username == "dana"
    # even were the account removed behind the application's back, the entry still names her
    type(worker).objects.filter(pk=worker.pk).delete()
    entry = LogEntry.objects.select_related("link").get(pk=entry.pk)
    assert entry.actor is None and entry.link.actor_name == "דנה לוי"
