"""Least privilege by field, generated from the matrix: every role × every data class × page and API.

`centers/privacy.py` holds the matrix (`ROLE_ACCESS`); docs/security.md writes it out. For each role and each
data class this test opens a participant's record, intake meeting and notes through the pages and the API and
checks that a sentinel value of that class appears exactly when the matrix grants the class.
"""

import pytest
from django.urls import reverse

from hizdamnut.api.models import ApiToken
from hizdamnut.centers.privacy import ROLE_ACCESS, DataClass
from hizdamnut.centers.roles import NATIONWIDE_ROLES, Role
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import NoteKind
from hizdamnut.plans.tests.factories import NoteFactory

pytestmark = pytest.mark.django_db

NEEDS = "צריכה-עזרה-בשכר-דירה"  # welfare: the intake story
WORK = "עבדה-שנים-במטבח"  # employment: work history
WELFARE_SINCE = "2019-03-04"


@pytest.fixture
def record(center, staff):
    author = staff(Role.SOCIAL_WORKER, username="author")
    person = ParticipantFactory(center=center, phone="0527776655", email="p@example.org", has_welfare_file=True,
                                welfare_file_since=WELFARE_SINCE)
    meeting = IntakeMeetingFactory(participant=person, needs=NEEDS, work_history=WORK, disability_percent=40,
                                   barriers=["addiction", "criminal_record", "no_qualification"])
    note = NoteFactory(participant=person, author=author, kind=NoteKind.THERAPEUTIC, text="סוד-טיפולי")
    return {"person": person, "meeting": meeting, "note": note, "author": author}


def user_for(role, staff, record):
    if role == Role.SOCIAL_WORKER:
        return record["author"]  # a therapeutic note is its author's (and the manager's)
    return staff(role, centers=[] if role in NATIONWIDE_ROLES else None, username=f"u_{role}")


def api_reads(client, user, record):
    _token, key = ApiToken.issue(user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    person = client.get(f"/api/v1/participants/{record['person'].pk}", **auth).json()
    meeting = client.get(f"/api/v1/intake/meetings/{record['meeting'].pk}", **auth).json()
    notes = client.get(f"/api/v1/plans/participants/{record['person'].pk}/notes", **auth)
    note_texts = [n["text"] for n in notes.json()] if notes.status_code == 200 else []
    return {
        DataClass.IDENTITY: person["id_number"] == record["person"].id_number,
        DataClass.CONTACT: person["phone"] == record["person"].phone,
        DataClass.WELFARE: meeting["needs"] == NEEDS and person["welfare_file_since"] == WELFARE_SINCE,
        DataClass.HEALTH: "addiction" in meeting["barriers"] and meeting["disability_percent"] == 40,
        DataClass.CRIMINAL: "criminal_record" in meeting["barriers"],
        DataClass.THERAPEUTIC: "סוד-טיפולי" in note_texts,
        DataClass.EMPLOYMENT: meeting["work_history"] == WORK and "no_qualification" in meeting["barriers"],
    }


def page_reads(client, user, record):
    client.force_login(user)
    person = client.get(reverse("participants:detail", args=[record["person"].pk])).content.decode()
    meeting = client.get(reverse("intake:detail", args=[record["meeting"].pk])).content.decode()
    return {
        DataClass.IDENTITY: record["person"].id_number in person,
        DataClass.CONTACT: record["person"].phone in person,
        DataClass.WELFARE: NEEDS in meeting,
        DataClass.HEALTH: "התמכרות פעילה" in meeting,
        DataClass.CRIMINAL: "רישום פלילי" in meeting,
        DataClass.EMPLOYMENT: WORK in meeting,
    }


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("channel", ["api", "page"])
def test_each_role_reads_exactly_the_data_classes_the_matrix_grants(client, staff, record, role, channel):
    user = user_for(role, staff, record)
    seen = (api_reads if channel == "api" else page_reads)(client, user, record)
    expected = {cls: cls in ROLE_ACCESS[role] for cls in seen}
    assert seen == expected


def test_the_matrix_names_every_role_and_every_class():
    assert set(ROLE_ACCESS) == set(Role)
    assert all(set(classes) <= set(DataClass) for classes in ROLE_ACCESS.values())


@pytest.mark.parametrize("role", [Role.EMPLOYER_LEAD, Role.TRAINING_COORDINATOR])
def test_employer_and_training_roles_get_only_what_matching_and_vouchers_need(client, staff, record, role):
    _token, key = ApiToken.issue(staff(role, username="u"))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    meeting = client.get(f"/api/v1/intake/meetings/{record['meeting'].pk}", **auth).json()
    assert meeting["barriers"] == ["no_qualification"]
    assert meeting["needs"] is None and meeting["disability_percent"] is None
    assert meeting["work_history"] == WORK
    listed = client.get("/api/v1/intake/meetings", **auth).json()["items"]
    assert listed[0]["barriers"] == ["no_qualification"] and listed[0]["needs"] is None


def test_the_national_viewer_reads_pseudonymous_records_only(client, staff, record, other_center):
    ParticipantFactory(center=other_center)
    _token, key = ApiToken.issue(staff(Role.NATIONAL_VIEWER, centers=[], username="nat"))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    rows = client.get("/api/v1/participants/", **auth).json()["items"]
    assert len(rows) == 2
    for row in rows:
        assert row["id"] and row["center"] and row["status"] and row["age_band"]
        personal = {k: v for k, v in row.items() if k not in {"id", "center", "status", "age_band", "version"}}
        assert set(personal.values()) == {None}, personal
    meeting = client.get(f"/api/v1/intake/meetings/{record['meeting'].pk}", **auth).json()
    assert meeting["needs"] is None and meeting["goals"] is None and meeting["barriers"] == []
    plan = client.get(f"/api/v1/plans/participants/{record['person'].pk}/plan", **auth)
    if plan.status_code == 200:
        assert plan.json()["vision"] is None


def test_the_national_viewer_cannot_find_a_person_by_name_id_or_phone(client, staff, record):
    person = record["person"]
    viewer = staff(Role.NATIONAL_VIEWER, centers=[], username="nat")
    _token, key = ApiToken.issue(viewer)
    found = client.get("/api/v1/participants/", {"q": "no-such-person"}, HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert found["count"] == 1  # the search is ignored: every record, pseudonymous, rather than a match
    client.force_login(viewer)
    page = client.get(reverse("participants:list"), {"q": "no-such-person"}).content.decode()
    assert f"#{person.pk}" in page and person.full_name not in page and person.phone not in page


def test_every_page_names_a_participant_by_number_for_the_national_viewer(client, staff, record):
    person = record["person"]
    name = f"{person.first_name} {person.last_name}"
    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[], username="nat"))
    for url in (f"/plans/participant/{person.pk}/", reverse("participants:detail", args=[person.pk]),
                reverse("intake:detail", args=[record["meeting"].pk])):
        page = client.get(url).content.decode()
        assert name not in page and f"#{person.pk}" in page, url
    client.force_login(record["author"])
    assert name in client.get(f"/plans/participant/{person.pk}/").content.decode()
