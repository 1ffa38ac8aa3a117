"""A coordinator takes a phone inquiry all the way to a shared routing decision, in Hebrew."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import make_staff
from hizdamnut.inquiries.services import load_categories
from hizdamnut.participants.models import JourneyStatus, Participant
from hizdamnut.participants.tests.factories import valid_id_number
from tests.browser.conftest import log_in, screenshot

CATEGORIES = Path(__file__).resolve().parents[2] / "hizdamnut" / "inquiries" / "rules" / "categories.json"


@pytest.fixture
def cities(db):
    """Regions and cities again: a transactional test before this one may have flushed them."""
    from hizdamnut.centers.models import City, Region
    from hizdamnut.centers.reference import load

    load(Region, City)


@pytest.mark.django_db(transaction=True)
def test_phone_inquiry_to_shared_routing_decision(cities, page, center):
    load_categories(json.loads(CATEGORIES.read_text(encoding="utf-8")))
    make_staff(Role.COORDINATOR, [center], username="rakezet", first_name="נועה", last_name="שגיא")
    coach = make_staff(Role.COACH, [center], username="coach1", first_name="אורן", last_name="גולן")
    log_in(page, "rakezet")

    # The home page shows the queue panel; the coordinator records a phone inquiry from it.
    expect(page.get_by_role("heading", name="תור הפניות")).to_be_visible()
    page.get_by_role("button", name="רישום פנייה").first.click()
    page.get_by_label("אופן הפנייה").select_option(label="טלפון")
    page.get_by_label("מקור הפנייה").select_option(label="הפניה מהמחלקה לשירותים חברתיים")
    page.get_by_label("המחלקה המפנה").fill("לשכת הרווחה מזרח")
    page.get_by_label("שם פרטי").fill("סמאח")
    page.get_by_label("שם משפחה").fill("חורי")
    page.get_by_label("טלפון").fill("054-1234567")
    page.get_by_label(re.compile(r"^סיבת הפנייה")).select_option(label="חיפוש עבודה")
    page.get_by_label("סיבה מפורטת").select_option(label="עזרה בקורות חיים")
    screenshot(page, "inquiry_01_form")
    page.get_by_role("button", name="שמירת הפנייה").click()
    expect(page.get_by_text("הפנייה נרשמה.")).to_be_visible()
    screenshot(page, "inquiry_02_recorded")

    # Screening: the answers, then the result with every reason.
    page.get_by_role("button", name="בדיקת זכאות").click()
    page.get_by_label("תאריך לידה").fill("1988-03-14")
    page.get_by_label("יישוב מגורים").select_option(label="נתניה")
    page.get_by_label("תאריך אחרון שבו התיק ברווחה היה פעיל").fill("2026-01-10")
    page.locator("fieldset", has_text="יציבות תעסוקתית").get_by_label("כן").check()
    screenshot(page, "inquiry_03_screening_form")
    page.get_by_role("button", name="בדיקה", exact=True).click()
    screening = page.locator("#screening")
    expect(screening).to_contain_text("זכאי/ת")
    expect(screening).to_contain_text("בטווח גילאי העבודה (18 עד 67)")
    expect(screening).to_contain_text("מתגורר/ת בעיר המרכז")
    screenshot(page, "inquiry_04_screened")

    # She is not registered yet: register her, prefilled from the inquiry and the screening.
    page.get_by_role("button", name="רישום כמשתתף/ת").click()
    expect(page.get_by_label("שם פרטי")).to_have_value("סמאח")
    expect(page.get_by_label("תאריך לידה")).to_have_value("1988-03-14")
    page.get_by_label("מספר תעודת זהות").fill(valid_id_number(777))
    page.get_by_role("button", name="רישום").click()
    expect(page.get_by_text("המשתתף/ת נרשם/ה.")).to_be_visible()

    # The intake meeting: her words, barriers by domain, predictors of change.
    page.get_by_role("button", name="תיעוד פגישת האינטייק").click()
    page.get_by_label("צרכים, במילים של המשתתף/ת").fill("אני צריכה עבודה שמתאימה לשעות של הגן של הילדים.")
    page.get_by_label("מטרות, במילים של המשתתף/ת").fill("לעבוד במשרד במשרה חלקית תוך שלושה חודשים.")
    page.get_by_label("ניסיון תעסוקתי").fill("קופאית בסופרמרקט, חמש שנים.")
    page.get_by_label("סידורי טיפול בילדים").check()
    for name in ("מסוגלות עצמית", "פרואקטיביות", "מוטיבציה", "חזון תעסוקתי", "כלים לחיפוש עבודה"):
        page.locator("fieldset", has=page.locator("legend", has_text=name)).get_by_label("4").check()
    screenshot(page, "inquiry_05_intake_form")
    page.get_by_role("button", name="שמירת פגישת האינטייק").click()

    # The recommendation, with its reasons.
    recommendation = page.locator("#recommendation")
    expect(recommendation).to_contain_text("ליווי אימוני קצר מועד")
    expect(recommendation).to_contain_text("סידורי טיפול בילדים")
    expect(recommendation).to_contain_text("המוכנות לשינוי 4.0, לפחות 3.6")
    screenshot(page, "inquiry_06_recommendation")

    # The shared decision, with a responsible worker.
    decision_form = page.locator("#decide")
    expect(decision_form.get_by_label("ליווי אימוני קצר מועד")).to_be_checked()
    decision_form.get_by_label("איש/אשת צוות אחראי/ת").select_option(label="אורן גולן · מאמן/ת תעסוקתי/ת")
    decision_form.get_by_role("button", name="שמירת ההחלטה").click()
    expect(page.get_by_text("ההחלטה המשותפת נשמרה.")).to_be_visible()
    expect(page.locator("#decision")).to_contain_text("ליווי אימוני קצר מועד")
    screenshot(page, "inquiry_07_decided")

    participant = Participant.objects.get(first_name="סמאח")
    assert participant.status == JourneyStatus.ACTIVE
    assert participant.case_worker == coach
    inquiry = participant.inquiries.get()
    assert [c.status for c in inquiry.status_changes.all()] == ["new", "screened", "intake_held", "routed"]

    page.goto(f"/inquiries/{inquiry.pk}/")
    expect(page.get_by_role("heading", name="אינטייק והפניות")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("נותבה")
    screenshot(page, "inquiry_07b_inquiry_routed")
    page.goto("/inquiries/")
    expect(page.get_by_text("אין פניות פתוחות")).to_be_visible()
    page.goto("/inquiries/report/")
    expect(page.locator("#inquiry-chart")).to_be_visible()
    page.wait_for_function("window.Chart && Chart.getChart('inquiry-chart')")
    page.wait_for_timeout(300)
    screenshot(page, "inquiry_08_report")
    assert re.search(r"סך הכול 1 פניות", page.content())


@pytest.mark.django_db(transaction=True)
def test_queue_on_a_phone_marks_long_waits(cities, phone_page, center):
    import datetime

    from hizdamnut.inquiries.tests.factories import InquiryFactory, category_tree

    tree = category_tree()
    make_staff(Role.COORDINATOR, [center], username="rakezet")
    today = datetime.date.today()
    InquiryFactory(center=center, category=tree, first_name="מורן", received_on=today - datetime.timedelta(days=9))
    InquiryFactory(center=center, category=tree, first_name="נור", received_on=today - datetime.timedelta(days=1))
    log_in(phone_page, "rakezet")
    phone_page.goto("/inquiries/")
    expect(phone_page.get_by_text("פנייה אחת ממתינה זמן רב מדי")).to_be_visible()
    expect(phone_page.locator("tr.alert")).to_have_count(1)
    expect(phone_page.locator("tr.alert")).to_contain_text("מורן")
    screenshot(phone_page, "inquiry_09_queue_phone")
