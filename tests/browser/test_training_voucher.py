"""The training coordinator adds a course, opens a voucher application, ticks the documents and submits it;
the application's deadline shows on her page and home panel."""

import datetime
import re

import pytest

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory, make_staff
from hizdamnut.participants.tests.factories import ParticipantFactory

from .conftest import log_in, screenshot


@pytest.mark.django_db(transaction=True)
def test_training_voucher(page):
    center = CenterFactory(code="NTN", name="מרכז הזדמנות נתניה", city=City.objects.get(name_he="נתניה"))
    make_staff(Role.TRAINING_COORDINATOR, [center], username="trainer", first_name="הדס", last_name="נחום")
    ParticipantFactory(center=center, first_name="סמאח", last_name="עודה", status="active")

    log_in(page, "trainer")
    page.goto("/training/")
    page.get_by_role("button", name="קורס חדש").click()
    page.get_by_label("קורס").fill("מפעיל/ת מלגזה")
    page.get_by_label("תחום").fill("לוגיסטיקה")
    page.get_by_label("גוף מכשיר").fill("מכללת השרון")
    page.get_by_label("משך (שבועות)").fill("3")
    page.get_by_label("מסמכים נדרשים").fill("צילום תעודת זהות, אישור השכלה")
    page.get_by_role("button", name="שמירה").click()

    page.get_by_role("button", name="בקשה חדשה להכשרה").click()
    page.wait_for_load_state("load")  # htmx (deferred) is ready: the picker asks the server as one types
    page.get_by_label("משתתף/ת").fill("סמאח")  # the participant picker: type, then choose the person found
    page.get_by_role("radio", name=re.compile("סמאח עודה")).check()
    page.get_by_label("קורס *").select_option(label="מפעיל/ת מלגזה (מכללת השרון)")
    submit_by = datetime.date.today() + datetime.timedelta(days=5)
    page.get_by_label("להגיש עד").fill(submit_by.isoformat())
    page.get_by_role("button", name="שמירה").click()

    page.get_by_label("צילום תעודת זהות").check()
    page.get_by_role("button", name="שמירת רשימת המסמכים").click()
    page.get_by_label("העברה אל").select_option(label="הוגש")
    page.get_by_role("button", name="שמירה").click()
    assert "מסמכים חסרים: אישור השכלה" in page.locator(".messages").inner_text()
    screenshot(page, "training_missing_document")

    page.get_by_label("אישור השכלה").check()
    page.get_by_role("button", name="שמירת רשימת המסמכים").click()
    page.goto("/training/")
    deadlines = page.locator("section", has=page.get_by_role("heading", name="מועדים"))
    assert "סמאח עודה" in deadlines.inner_text()
    assert submit_by.strftime("%d/%m/%Y") in deadlines.inner_text()
    screenshot(page, "training_coordinator_page")

    page.goto("/")
    assert "סמאח עודה" in page.locator("section", has=page.get_by_role("heading", name="מועדים בהכשרות")).inner_text()
    screenshot(page, "training_coordinator_home")
