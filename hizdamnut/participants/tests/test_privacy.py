"""Right of access (everything held about one participant, audited) and anonymization after the retention period."""

import io
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from hizdamnut.centers.models import Center
from hizdamnut.centers.reference import ensure_loaded
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import make_staff
from hizdamnut.centers.tests.module_data import built_once_per_module
from hizdamnut.participants.models import JourneyStatus, Participant
from hizdamnut.participants.privacy import anonymize_closed, participant_record
from hizdamnut.plans.models import Note
from hizdamnut.training.tests.factories import CourseFactory, TrainingApplicationFactory

pytestmark = pytest.mark.django_db

# Every app that keeps rows about a person; surveys are anonymous and directory holds services, not people.
APPS_ABOUT_PEOPLE = {"participants", "inquiries", "intake", "plans", "programs", "employers", "training", "placements"}


def _demo():
    """A demo center as it stood in mid-2018 (its closed participants are past seven years of retention today), and
    its participant with rows in the most apps, given a voucher application if the demo gave none."""
    ensure_loaded()
    call_command("seed_demo", "--centers", "1", "--participants", "25", "--seed", "3", "--today", "2018-06-01",
                 stdout=io.StringIO())
    person = max(Participant.objects.all(), key=lambda p: len(participant_record(p)["sections"]))
    if not person.training_applications.exists():
        TrainingApplicationFactory(course=CourseFactory(center=person.center), participant=person)
    return Center.objects.get().pk, person.pk


built = built_once_per_module(_demo)


@pytest.fixture
def demo(built):
    return Center.objects.get(pk=built[0])


@pytest.fixture
def fullest(built):
    return Participant.objects.get(pk=built[1])


def apps_in(record):
    return {"participants"} | {section["model"].split(".")[0] for section in record["sections"]}


def test_the_record_holds_rows_from_every_app_about_the_person(fullest):
    record = participant_record(fullest)
    assert apps_in(record) == APPS_ABOUT_PEOPLE
    assert record["participant"]["id_number"] == fullest.id_number
    notes = next(section for section in record["sections"] if section["model"] == "plans.Note")
    assert {row["text"] for row in notes["rows"]} == set(Note.objects.filter(
        participant=fullest).values_list("text", flat=True))


def test_a_manager_downloads_the_record_as_json_and_pdf_and_each_download_is_audited(client, demo, fullest):
    manager = make_staff(Role.MANAGER, [demo], username="boss")
    client.force_login(manager)
    response = client.get(reverse("reports:participant_export", args=[fullest.pk, "json"]))
    assert response.status_code == 200
    assert apps_in(json.loads(response.content)) == APPS_ABOUT_PEOPLE
    pdf = client.get(reverse("reports:participant_export", args=[fullest.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    exports = LogEntry.objects.filter(object_pk=str(fullest.pk), actor=manager, additional_data__has_key="export")
    assert sorted(entry.additional_data["export"] for entry in exports) == ["json", "pdf"]


def test_the_participant_page_offers_the_download_to_managers_and_coordinators_only(client, demo, fullest):
    url = reverse("participants:detail", args=[fullest.pk])
    link = reverse("reports:participant_export", args=[fullest.pk, "pdf"])
    for role, shown in ((Role.MANAGER, True), (Role.COORDINATOR, True), (Role.COACH, False)):
        client.force_login(make_staff(role, [demo]))
        assert (link in client.get(url).content.decode()) is shown


def test_other_roles_and_other_centers_cannot_download(client, demo, fullest, other_center):
    url = reverse("reports:participant_export", args=[fullest.pk, "json"])
    client.force_login(make_staff(Role.COACH, [demo]))
    assert client.get(url).status_code == 403
    client.force_login(make_staff(Role.COORDINATOR, [other_center]))
    assert client.get(url).status_code == 404
    client.force_login(make_staff(Role.COORDINATOR, [demo]))
    assert client.get(url).status_code == 200


def test_the_api_gives_the_record_to_the_coordinator_of_the_center(client, demo, fullest):
    coordinator = make_staff(Role.COORDINATOR, [demo])
    client.force_login(coordinator)
    data = client.get(f"/api/v1/participants/{fullest.pk}/record").json()
    assert apps_in(data) == APPS_ABOUT_PEOPLE
    assert LogEntry.objects.filter(object_pk=str(fullest.pk), actor=coordinator, additional_data__export="json")
    client.force_login(make_staff(Role.EMPLOYER_LEAD, [demo]))
    assert client.get(f"/api/v1/participants/{fullest.pk}/record").status_code == 403


def test_the_command_exports_by_id_number_in_the_name_of_a_user(demo, fullest, tmp_path):
    manager = make_staff(Role.MANAGER, [demo], username="boss")
    out = io.StringIO()
    call_command("export_participant", fullest.id_number, format="json", as_user="boss", stdout=out)
    assert apps_in(json.loads(out.getvalue())) == APPS_ABOUT_PEOPLE
    call_command("export_participant", fullest.id_number, format="pdf", as_user="boss",
                 output=str(tmp_path / "record.pdf"), stdout=io.StringIO())
    assert (tmp_path / "record.pdf").read_bytes().startswith(b"%PDF")
    exports = LogEntry.objects.filter(object_pk=str(fullest.pk), actor=manager, additional_data__has_key="export")
    assert exports.count() == 2
    make_staff(Role.COACH, [demo], username="a-coach")
    with pytest.raises(CommandError, match="may not export"):
        call_command("export_participant", fullest.id_number, as_user="a-coach")


# ------------------------------------------------------------------ retention


def identities():
    return {p.pk: (p.first_name, p.last_name, p.id_number, p.phone, p.email) for p in Participant.objects.all()}


def figures():
    """Indicator figures as the reports compute them, for the years the demo covers."""
    outcome, inquiries = io.StringIO(), io.StringIO()
    call_command("outcome_report", "--from", "2015-01-01", "--to", "2018-06-01", "--format", "json", stdout=outcome)
    call_command("inquiry_report", "--format", "json", stdout=inquiries)
    status_history = sorted(Participant.objects.values_list("pk", "status", "center_id", "birth_date", "created_at"))
    return json.loads(outcome.getvalue()), json.loads(inquiries.getvalue()), status_history


def test_a_dry_run_counts_but_writes_nothing(demo):
    before, entries = identities(), LogEntry.objects.count()
    counts = anonymize_closed(dry_run=True)
    assert counts["participants.Participant"] == Participant.objects.filter(status=JourneyStatus.CLOSED).count() > 0
    assert identities() == before and LogEntry.objects.count() == entries


def test_anonymizing_replaces_identity_and_free_text_of_closed_records_only(demo):
    closed = set(Participant.objects.filter(status=JourneyStatus.CLOSED).values_list("pk", flat=True))
    before = identities()
    notes_before = dict(Note.objects.values_list("pk", "text"))
    counts = anonymize_closed()
    after = identities()
    assert counts["participants.Participant"] == len(closed)
    for pk, identity in after.items():
        if pk in closed:
            first, last, id_number, phone, email = identity
            assert first != before[pk][0] and last != before[pk][1] and id_number.startswith("X")
            assert (phone, email) == ("", "")
        else:
            assert identity == before[pk]
    for note in Note.objects.all():
        if note.participant_id in closed:
            assert note.text == "—"
        else:
            assert note.text == notes_before[note.pk]
    assert LogEntry.objects.filter(additional_data__anonymized=True).count() == len(closed)
    assert anonymize_closed() == {}  # once is enough


def test_anonymizing_leaves_every_indicator_figure_unchanged(demo):
    before = figures()
    anonymize_closed()
    assert figures() == before


def test_records_closed_less_than_the_retention_period_ago_are_kept(demo, settings):
    settings.RETENTION_YEARS_AFTER_CLOSURE = 20
    assert anonymize_closed() == {}


def test_the_command_reports_counts_per_model(demo):
    out = io.StringIO()
    call_command("anonymize_closed", "--dry-run", stdout=out)
    assert "Would anonymize" in out.getvalue() and "participants.Participant: " in out.getvalue()
    assert Participant.objects.filter(id_number__startswith="X").count() == 0
    call_command("anonymize_closed", stdout=out)
    assert Participant.objects.filter(id_number__startswith="X").count() > 0


def test_a_coordinator_export_leaves_out_therapeutic_notes_of_others_and_says_so(demo, fullest):
    from hizdamnut.participants.privacy import export_participant
    from hizdamnut.plans.models import NoteKind

    social_worker = make_staff(Role.SOCIAL_WORKER, [demo], username="sw2")
    Note.objects.create(participant=fullest, kind=NoteKind.THERAPEUTIC, text="secret", author=social_worker)
    coordinator = make_staff(Role.COORDINATOR, [demo], username="coord2")
    record = export_participant(actor=coordinator, participant=fullest, file_format="json")
    texts = [row["text"] for section in record["sections"] if section["model"] == "plans.Note"
             for row in section["rows"]]
    therapeutic = Note.objects.filter(participant=fullest, kind=NoteKind.THERAPEUTIC).count()
    assert "secret" not in texts and record["withheld"] == {"plans.Note": therapeutic}
    assert str(therapeutic) in record["subtitle"]
    manager = make_staff(Role.MANAGER, [demo], username="boss2")
    record = export_participant(actor=manager, participant=fullest, file_format="json")
    assert "secret" in [row["text"] for section in record["sections"] if section["model"] == "plans.Note"
                        for row in section["rows"]]
