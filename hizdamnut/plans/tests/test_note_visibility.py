"""A therapeutic note is seen only by the social worker who wrote it and the center manager — pages and API."""

import json

import pytest

from hizdamnut.centers.privacy import ROLE_ACCESS, DataClass
from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import Note, NoteKind
from hizdamnut.plans.tests.factories import MeetingFactory, NoteFactory

SECRET = "סוד-טיפולי-1234"
TEAM_TEXT = "הערת-צוות-5678"

# role -> may this role (someone other than the author, at the same center) read the therapeutic note?
SEES_THERAPEUTIC = {
    Role.COORDINATOR: False,
    Role.SOCIAL_WORKER: False,  # another social worker of the same center
    Role.COACH: False,
    Role.EMPLOYER_LEAD: False,
    Role.TRAINING_COORDINATOR: False,
    Role.MANAGER: True,
    Role.NATIONAL_VIEWER: False,
    Role.SYSTEM_ADMIN: False,
}


@pytest.fixture
def setting(center, staff):
    author = staff(Role.SOCIAL_WORKER, username="author")
    participant = ParticipantFactory(center=center, case_worker=author)
    meeting = MeetingFactory(participant=participant, staff=author)
    NoteFactory(participant=participant, meeting=meeting, kind=NoteKind.THERAPEUTIC, text=SECRET, author=author)
    NoteFactory(participant=participant, meeting=meeting, kind=NoteKind.TEAM, text=TEAM_TEXT, author=author)
    return author, participant


def _text(response):
    """The response body as text (JSON decoded, so Hebrew is not \\u-escaped)."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def _viewer(role, staff, center):
    return staff(role, centers=[] if role in (Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN) else [center],
                 username=f"viewer-{role}")


def test_the_author_sees_her_therapeutic_note_everywhere(client, setting):
    author, participant = setting
    client.force_login(author)
    assert SECRET in _text(client.get(f"/plans/participant/{participant.pk}/"))
    assert SECRET in _text(client.get(f"/plans/participant/{participant.pk}/timeline/"))
    assert SECRET in _text(client.get(f"/api/v1/plans/participants/{participant.pk}/notes"))
    assert SECRET in _text(client.get(f"/api/v1/plans/participants/{participant.pk}/meetings"))
    assert SECRET in _text(client.get(f"/api/v1/plans/participants/{participant.pk}/timeline"))


@pytest.mark.parametrize("role", list(SEES_THERAPEUTIC))
def test_therapeutic_note_in_pages_only_for_author_and_manager(client, setting, staff, center, role):
    _author, participant = setting
    client.force_login(_viewer(role, staff, center))
    for url in (f"/plans/participant/{participant.pk}/", f"/plans/participant/{participant.pk}/timeline/"):
        response = client.get(url)
        body = _text(response)
        assert (SECRET in body) is SEES_THERAPEUTIC[role], (role, url)
        if response.status_code == 200:
            # A team note is welfare data: shown exactly to the roles the matrix grants it (not the national viewer).
            assert (TEAM_TEXT in body) is (DataClass.WELFARE in ROLE_ACCESS[role]), (role, url)


@pytest.mark.parametrize("role", list(SEES_THERAPEUTIC))
def test_therapeutic_note_in_api_only_for_author_and_manager(client, setting, staff, center, role):
    _author, participant = setting
    client.force_login(_viewer(role, staff, center))
    for url in (f"/api/v1/plans/participants/{participant.pk}/notes",
                f"/api/v1/plans/participants/{participant.pk}/meetings",
                f"/api/v1/plans/participants/{participant.pk}/timeline"):
        body = _text(client.get(url))
        assert (SECRET in body) is SEES_THERAPEUTIC[role], (role, url)


@pytest.mark.parametrize("role", list(SEES_THERAPEUTIC))
def test_visible_to_filters_in_the_query_layer(setting, staff, center, role):
    _author, participant = setting
    viewer = _viewer(role, staff, center)
    texts = set(Note.objects.visible_to(viewer).filter(participant=participant).values_list("text", flat=True))
    assert (SECRET in texts) is SEES_THERAPEUTIC[role]


def test_a_hidden_note_answers_404_by_id_in_the_api(client, setting, staff):
    _author, participant = setting
    note = Note.objects.get(text=SECRET)
    client.force_login(staff(Role.COACH, username="coach"))
    assert client.get(f"/api/v1/plans/notes/{note.pk}").status_code == 404


def test_manager_of_another_center_does_not_see_the_note(client, setting, staff, other_center):
    _author, participant = setting
    client.force_login(staff(Role.MANAGER, centers=[other_center], username="far-manager"))
    assert client.get(f"/plans/participant/{participant.pk}/").status_code == 404
    assert client.get(f"/api/v1/plans/participants/{participant.pk}/notes").status_code == 404
    assert not Note.objects.visible_to(_far_manager()).filter(text=SECRET).exists()


def _far_manager():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="far-manager")


def test_therapeutic_note_text_stays_out_of_the_audit_log(setting):
    from auditlog.models import LogEntry

    assert not LogEntry.objects.filter(changes_text__contains=SECRET).exists()
    assert not any(SECRET in str(entry.changes) for entry in LogEntry.objects.all())
