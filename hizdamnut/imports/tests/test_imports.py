"""Imports from the web: the same commands, a dry-run preview naming every bad row in Hebrew, all or nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from hizdamnut.centers.roles import Role
from hizdamnut.imports import messages
from hizdamnut.imports.registry import IMPORTS
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.inquiries.tests.factories import category_tree

TODAY = datetime.date.today()
HEADER = ["center_code", "received_on", "source", "channel", "category", "first_name"]


@pytest.fixture
def tree(db):
    return category_tree()


def workbook(rows):
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("inquiries.xlsx", buffer.getvalue())


def good_row(center, tree, name="דנה"):
    return [center.code, TODAY.isoformat(), "self", "phone", tree.code, name]


def test_a_bad_row_is_named_in_hebrew_and_nothing_is_saved(coordinator_client, center, tree):
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    upload = workbook([good_row(center, tree), [center.code, future, "self", "phone", tree.code, "רנא"]])
    response = coordinator_client.post(reverse("imports:upload", args=["inquiries"]), {"file": upload})
    outcome = response.context["outcome"]
    assert [(p.row, p.column) for p in outcome.problems] == [(2, "received_on")]
    assert outcome.problems[0].reason == "התאריך בעתיד"
    assert not Inquiry.objects.exists()


def test_a_correct_file_is_previewed_without_saving_then_saved(coordinator_client, center, tree):
    upload = workbook([good_row(center, tree), good_row(center, tree, "רנא")])
    response = coordinator_client.post(reverse("imports:upload", args=["inquiries"]), {"file": upload})
    outcome = response.context["outcome"]
    assert (outcome.problems, outcome.rows) == ([], 2)
    assert not Inquiry.objects.exists()
    token = response.context["token"]
    response = coordinator_client.post(reverse("imports:save", args=["inquiries"]), {"token": token})
    assert response.status_code == 302
    assert sorted(Inquiry.objects.values_list("first_name", flat=True)) == ["דנה", "רנא"]


def test_saving_needs_the_previewed_file(coordinator_client, center, tree):
    response = coordinator_client.post(reverse("imports:save", args=["inquiries"]), {"token": "../../etc/passwd"})
    assert response.status_code == 302
    assert not Inquiry.objects.exists()


def test_a_file_that_is_not_excel_or_csv_is_refused(coordinator_client):
    upload = SimpleUploadedFile("notes.txt", b"hello")
    response = coordinator_client.post(reverse("imports:upload", args=["inquiries"]), {"file": upload})
    assert "file" in response.context["form"].errors


def test_missing_columns_are_named(coordinator_client, center):
    upload = SimpleUploadedFile("inquiries.csv", f"center_code,received_on\n{center.code},{TODAY}\n".encode())
    response = coordinator_client.post(reverse("imports:upload", args=["inquiries"]), {"file": upload})
    [problem] = response.context["outcome"].problems
    assert problem.reason.startswith("בקובץ חסרות העמודות")
    assert "/tmp" not in problem.reason


@pytest.mark.parametrize("item", IMPORTS, ids=lambda item: item.code)
def test_every_import_has_a_page_and_a_template_workbook(coordinator_client, item):
    assert coordinator_client.get(reverse("imports:upload", args=[item.code])).status_code == 200
    response = coordinator_client.get(reverse("imports:template", args=[item.code]))
    header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(header[: len(item.columns)]) == list(item.columns)


def test_imports_are_for_coordinators_and_managers(client, staff):
    for role, status in [(Role.COORDINATOR, 200), (Role.MANAGER, 200), (Role.COACH, 403), (Role.NATIONAL_VIEWER, 403)]:
        client.force_login(staff(role, username=f"u_{role}"))
        assert client.get(reverse("imports:index")).status_code == status


def test_known_reasons_are_translated_with_their_values():
    from django.utils import translation

    with translation.override("he"):
        assert messages.reason("unknown city “Xyz”") == "עיר לא מוכרת “Xyz”"
        assert messages.reason("repeats row 4") == "חוזרת על שורה 4"


def test_a_coordinator_imports_only_into_her_own_centers(coordinator_client, center, other_center, tree):
    upload = workbook([good_row(center, tree), good_row(other_center, tree)])
    response = coordinator_client.post(reverse("imports:upload", args=["inquiries"]), {"file": upload})
    [problem] = response.context["outcome"].problems
    assert (problem.row, problem.column) == (2, "center_code")
    assert not Inquiry.objects.exists()
