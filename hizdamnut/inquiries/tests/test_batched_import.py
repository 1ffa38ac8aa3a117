"""The inquiry import saves a batch at a time: the same rows, status history, refusals, progress and audit coverage
as saving each row through `save_imported_inquiry`, in a number of queries that does not grow with the rows."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hizdamnut import bulk
from hizdamnut.bulk import read_checked_rows, save_all_or_nothing
from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory
from hizdamnut.inquiries.imports import IMPORT_COLUMNS, check_inquiry_rows, save_imported_inquiry
from hizdamnut.inquiries.models import Inquiry, InquiryStatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory, valid_id_number

from .factories import category_tree
from .test_commands import write_csv

INQUIRY_FIELDS = ("center_id", "received_on", "source", "referring_department", "referring_worker",
                  "community_partner", "outreach_event", "channel", "category_id", "subcategory_id", "notes",
                  "participant_id", "first_name", "last_name", "phone", "id_number", "status", "status_changed_at",
                  "intake_scheduled_on", "intake_starts_at", "intake_staff_id", "created_by_id", "version")
CHANGE_FIELDS = ("status", "changed_on", "changed_by_id", "note")


@pytest.fixture
def tree(db):
    return category_tree()


@pytest.fixture
def second_center(reference_data):
    return CenterFactory(code="HFA", name="מרכז הזדמנות חיפה", city=City.objects.get(name_he="חיפה"))


def sample_rows(center, participant, count=12):
    today = timezone.localdate()
    kinds = [
        ["self", "phone", "job_search", "cv_help", "", "דנה", "לוי", ""],
        ["חבר מביא חבר", "walk_in", "information", "", "", "", "", "הערה"],
        ["welfare_referral", "online", "job_search", "", participant.id_number, "", "", ""],
        ["Self-referral", "טלפון", "job_search", "job_leads", valid_id_number(77), "נועה", "כהן", "שורה"],
    ]
    return [[center.code.lower() if n % 5 == 0 else center.code,
             (today - datetime.timedelta(days=n)).isoformat(), *kinds[n % len(kinds)]] for n in range(count)]


def import_row_by_row(path, actor):
    """The import as it was: each checked row saved by `save_imported_inquiry`, inside save_all_or_nothing."""
    rows = read_checked_rows(path, IMPORT_COLUMNS)
    inquiries, problems = check_inquiry_rows(rows, today=timezone.localdate())
    assert not problems
    err = io.StringIO()
    code = 0
    try:
        save_all_or_nothing(BaseCommand(stderr=err), inquiries, lambda i: save_imported_inquiry(i, actor=actor),
                            summary=False)
    except SystemExit as exc:
        code = exc.code
    return code, err.getvalue()


def import_in_batches(path, actor):
    err = io.StringIO()
    code = 0
    try:
        call_command("import_inquiries", path, "--as-user", actor.username, stdout=io.StringIO(), stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, err.getvalue()


def created_since(last_pk):
    """The inquiries saved after `last_pk` (in file order) with their status history, as comparable values."""
    inquiries = list(Inquiry.objects.filter(pk__gt=last_pk).order_by("pk"))
    return [
        ({name: getattr(i, name) for name in INQUIRY_FIELDS},
         [tuple(getattr(c, name) for name in CHANGE_FIELDS) for c in i.status_changes.order_by("pk")])
        for i in inquiries
    ], inquiries


def audited(model, entries):
    """{row id: the center its audit entry names}, from per-row entries or from batched ones."""
    content_type = ContentType.objects.get_for_model(model)
    covered = {}
    for entry in entries.filter(content_type=content_type, action=LogEntry.Action.CREATE):
        created = (entry.additional_data or {}).get("created")
        ids = created["ids"] if created else [int(entry.object_pk)]
        for pk in ids:
            assert pk not in covered, "a row audited twice"
            covered[pk] = entry.additional_data["center"]
    return covered


def coverage_of(inquiries, entries):
    """Each created row's audit entry, as (position in the file, center) so two imports compare."""
    position = {inquiry.pk: n for n, inquiry in enumerate(inquiries)}
    changes = {c.pk: position[c.inquiry_id]
               for c in InquiryStatusChange.objects.filter(inquiry__in=inquiries)}
    return ({position[pk]: center for pk, center in audited(Inquiry, entries).items() if pk in position},
            {changes[pk]: center for pk, center in audited(InquiryStatusChange, entries).items() if pk in changes})


def test_a_batched_import_saves_what_saving_row_by_row_saves(tmp_path, center, tree, coordinator, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH_SIZE", 5)  # several batches, the last one short
    participant = ParticipantFactory(center=center)
    path = write_csv(tmp_path / "in.csv", sample_rows(center, participant))
    start_entry = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    assert import_row_by_row(path, coordinator) == (0, "")
    middle = Inquiry.objects.order_by("-pk").values_list("pk", flat=True).first()
    middle_entry = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    by_row = Inquiry.objects.filter(pk__lte=middle)
    one_by_one, first = created_since(0)
    assert import_in_batches(path, coordinator) == (0, "")
    batched, second = created_since(middle)

    assert len(batched) == by_row.count() == 12
    assert batched == one_by_one
    assert [i.participant_id for i in second].count(participant.pk) == 3
    row_entries = LogEntry.objects.filter(pk__gt=start_entry, pk__lte=middle_entry)
    batch_entries = LogEntry.objects.filter(pk__gt=middle_entry)
    coverage = coverage_of(first, row_entries)
    assert coverage_of(second, batch_entries) == coverage
    assert len(coverage[0]) == len(coverage[1]) == 12  # every inquiry and every status change is audited
    # ... by one entry per center and kind, which names its actor, the command, the file and the count.
    assert batch_entries.count() == 2
    entry = batch_entries.get(content_type=ContentType.objects.get_for_model(Inquiry))
    assert entry.actor == coordinator and entry.additional_data["center"] == center.pk
    assert {k: v for k, v in entry.additional_data["created"].items() if k != "ids"} == {
        "what": "import_inquiries", "source": "in.csv", "count": 12}


def test_a_batched_import_refuses_the_rows_the_services_refuse_with_the_same_lines(
        tmp_path, center, second_center, tree, coordinator, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH_SIZE", 4)
    participant = ParticipantFactory(center=center)
    rows = sample_rows(center, participant, count=6)
    rows[1][0] = rows[4][0] = second_center.code  # the coordinator does not work there
    path = write_csv(tmp_path / "in.csv", rows)
    code, err = import_in_batches(path, coordinator)
    lines = err.splitlines()
    assert code == 1 and [line.split(": ")[:2] for line in lines] == [["row 2", "center"], ["row 5", "center"]]
    assert import_row_by_row(path, coordinator) == (code, err)
    assert not Inquiry.objects.exists() and not InquiryStatusChange.objects.exists()


def test_a_reader_is_refused_on_every_row_as_row_by_row(tmp_path, center, tree, staff):
    reader = staff(Role.NATIONAL_VIEWER, username="reader")
    path = write_csv(tmp_path / "in.csv", sample_rows(center, ParticipantFactory(center=center), count=3))
    code, err = import_in_batches(path, reader)
    assert code == 1 and len(err.splitlines()) == 3 and err.startswith("row 1: row: ")
    assert import_row_by_row(path, reader) == (code, err)
    assert not Inquiry.objects.exists()


def test_a_batched_import_reports_progress_as_the_row_by_row_save(tmp_path, center, tree, coordinator, monkeypatch):
    monkeypatch.setattr(bulk, "PROGRESS_EVERY", 3)
    monkeypatch.setattr(bulk, "BATCH_SIZE", 4)
    path = write_csv(tmp_path / "in.csv", sample_rows(center, ParticipantFactory(center=center), count=10))
    heard = {}
    for name, way in (("rows", import_row_by_row), ("batches", import_in_batches)):
        heard[name] = []
        with bulk.progress_listener(lambda *args, seen=heard[name]: seen.append(args)):
            way(path, coordinator)
    assert heard["batches"] == heard["rows"] == [("save", 3, 10), ("save", 6, 10), ("save", 9, 10),
                                                 ("save", 10, 10)]


def test_the_import_does_not_query_per_row(tmp_path, center, tree, coordinator):
    participant = ParticipantFactory(center=center)
    path = write_csv(tmp_path / "in.csv", sample_rows(center, participant, count=300))
    with CaptureQueriesContext(connection) as queries:
        assert import_in_batches(path, coordinator) == (0, "")
    assert Inquiry.objects.count() == InquiryStatusChange.objects.count() == 300
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "inquiries_')]
    # Many rows per insert (PostgreSQL: one per table per batch; SQLite splits at its 999 parameters) ...
    assert len(inserts) <= 300 // 20
    # ... and otherwise a fixed number: the user, centers, reasons, participants, role, audit entries.
    assert len(queries.captured_queries) - len(inserts) <= 12
