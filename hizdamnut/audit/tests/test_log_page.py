"""A readable audit log: names and Hebrew labels, Hebrew text as text, filters, page views folded."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from hizdamnut.audit.services import record_read
from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, staff):
    client.force_login(staff(Role.MANAGER, username="boss"))
    return client


def test_changes_show_names_field_labels_and_hebrew_text(manager_client, staff, center):
    worker = staff(Role.COORDINATOR, username="dana", first_name="דנה", last_name="לוי")
    person = ParticipantFactory(center=center, last_name="כהן")
    LogEntry.objects.log_create(person, action=LogEntry.Action.UPDATE, actor=worker,
                                changes={"last_name": ["כהן", "כהן-לוי"], "languages": ['["he"]', '["he", "ar"]'],
                                         "email": [None, "a@b.org"]})
    page = manager_client.get(reverse("audit:log"), {"action": "1"}).content.decode()
    assert "דנה לוי" in page and "כהן-לוי" in page
    assert "\\u05" not in page and "None" not in page
    assert "שם משפחה" in page  # the field's Hebrew label, not "last_name"
    assert "עדכון" in page  # the action in Hebrew


def test_filters_by_participant_user_action_and_date(manager_client, staff, center):
    one, two = ParticipantFactory.create_batch(2, center=center)
    reader = staff(Role.COACH, username="reader", first_name="ענבל", last_name="שגיא")
    record_read(reader, one)
    record_read(staff(Role.COACH, username="other", first_name="יעל", last_name="בן"), two)
    page = manager_client.get(reverse("audit:log"), {"participant": one.pk, "action": "3"}).content.decode()
    assert "ענבל שגיא" in page and "יעל בן" not in page
    page = manager_client.get(reverse("audit:log"), {"who": "other", "date_from": "2000-01-01"}).content.decode()
    assert "יעל בן" in page and "ענבל שגיא" not in page
    assert manager_client.get(reverse("audit:log"), {"date_from": "not-a-date"}).status_code == 404


def test_page_views_are_folded(manager_client, coordinator, center):
    person = ParticipantFactory(center=center)
    for _ in range(3):
        record_read(coordinator, person)
    page = manager_client.get(reverse("audit:log"), {"action": "3"}).content.decode()
    assert page.count("<details>") == 1


def test_managers_see_who_looked_at_the_file_and_others_do_not(client, staff, coordinator, center):
    person = ParticipantFactory(center=center)
    record_read(staff(Role.COACH, username="reader", first_name="ענבל", last_name="שגיא"), person)
    client.force_login(staff(Role.MANAGER, username="boss"))
    page = client.get(reverse("participants:detail", args=[person.pk])).content.decode()
    assert "file-readers" in page and "ענבל שגיא" in page
    client.force_login(coordinator)
    page = client.get(reverse("participants:detail", args=[person.pk])).content.decode()
    assert "file-readers" not in page


def test_an_imports_one_entry_per_center_shows_what_it_created_to_that_centers_managers_only(
        client, staff, coordinator, center, monkeypatch):
    from hizdamnut.audit import services
    from hizdamnut.audit.chain import first_break
    from hizdamnut.centers.tests.factories import CenterFactory
    from hizdamnut.inquiries.models import Inquiry

    monkeypatch.setattr(services, "MAX_CREATED_IDS", 2)
    other = CenterFactory(code="HFA")
    entries = services.record_bulk_creation(actor=coordinator, model=Inquiry, ids_by_center={
        center.pk: [11, 12, 13], other.pk: [14]}, what="import_inquiries", source="in.csv")
    # Three ids at the center make two entries (at most MAX_CREATED_IDS each), none is lost; the chain verifies.
    assert [(e.additional_data["center"], e.additional_data["created"]["ids"]) for e in entries] == [
        (center.pk, [11, 12]), (center.pk, [13]), (other.pk, [14])]
    assert first_break() is None
    client.force_login(staff(Role.MANAGER, username="boss"))
    page = client.get(reverse("audit:log")).content.decode()
    assert "import_inquiries: 2 ×" in page and "import_inquiries: 1 ×" in page and "(in.csv)" in page
    assert page.count("import_inquiries:") == 2  # the other center's entry is not shown here
