"""A coordinator uploads the inquiries workbook she keeps: one bad row is named in Hebrew, she fixes it and
uploads again, then saves; nothing was saved before."""

import datetime
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory, make_staff
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.inquiries.services import load_categories

from .conftest import log_in, screenshot

CATEGORIES = Path(__file__).resolve().parents[2] / "hizdamnut" / "inquiries" / "rules" / "categories.json"
HEADER = ["center_code", "received_on", "source", "channel", "category", "first_name", "last_name"]


def workbook(path, rows):
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.django_db(transaction=True)
def test_web_import_names_the_bad_row_then_saves_all(page, tmp_path):
    categories = json.loads(CATEGORIES.read_text(encoding="utf-8"))
    load_categories(categories)
    category = categories[0]["code"]
    center = CenterFactory(code="NTN", name="מרכז הזדמנות נתניה", city=City.objects.get(name_he="נתניה"))
    make_staff(Role.COORDINATOR, [center], username="rakezet", first_name="נועה", last_name="שגיא")
    today = datetime.date.today()
    future = today + datetime.timedelta(days=10)
    good = ["NTN", today.isoformat(), "פנייה עצמאית", "טלפון", category, "סמאח", "חורי"]
    bad = ["NTN", future.isoformat(), "self", "phone", category, "יוסי", "לוי"]

    log_in(page, "rakezet")
    page.get_by_role("link", name="ייבוא").click()
    screenshot(page, "import_01_list")
    page.locator("main .cards").get_by_role("link", name="פניות", exact=True).click()
    page.get_by_label("הקובץ שלך (Excel או CSV)").set_input_files(workbook(tmp_path / "inquiries.xlsx", [good, bad]))
    page.get_by_role("button", name="בדיקת הקובץ").click()
    problems = page.locator(".import-problems")
    expect(problems).to_contain_text("נמצאה בעיה אחת; דבר לא נשמר.")
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problems).to_contain_text("התאריך בעתיד")
    expect(problems.locator("tbody tr td").first).to_have_text("3")  # the third row of the sheet, under the header
    screenshot(page, "import_02_bad_row_named")
    assert not Inquiry.objects.exists()

    bad[1] = today.isoformat()
    page.get_by_label("הקובץ שלך (Excel או CSV)").set_input_files(workbook(tmp_path / "fixed.xlsx", [good, bad]))
    page.get_by_role("button", name="בדיקת הקובץ").click()
    expect(page.locator(".import-ready")).to_contain_text("כל 2 השורות מוכנות לשמירה")
    screenshot(page, "import_03_ready")
    assert not Inquiry.objects.exists()

    page.get_by_role("button", name="שמירת כל השורות").click()
    expect(page.locator(".messages")).to_contain_text("2 שורות נשמרו מהקובץ fixed.xlsx.")
    screenshot(page, "import_04_saved")
    assert sorted(Inquiry.objects.values_list("first_name", flat=True)) == ["יוסי", "סמאח"]
