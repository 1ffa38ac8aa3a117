"""A manager reads the audit log in Hebrew: names, labels, Hebrew text, folded views, filters, who opened a file."""

import pytest
from django.core.management import call_command

from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import make_staff
from hizdamnut.participants.tests.factories import ParticipantFactory
from tests.browser.conftest import log_in, screenshot


@pytest.mark.django_db(transaction=True)
def test_a_manager_reads_who_changed_and_who_looked(page, center):
    make_staff(Role.COORDINATOR, [center], username="dana", first_name="דנה", last_name="לוי")
    make_staff(Role.MANAGER, [center], username="boss", first_name="אורית", last_name="נחום")
    person = ParticipantFactory(center=center, first_name="מיכל", last_name="כהן")

    log_in(page, "dana")
    page.goto(f"/participants/{person.pk}/edit/")
    page.get_by_label("שם משפחה").fill("כהן-לוי")
    page.get_by_role("button", name="שמירה").click()
    page.goto("/participants/?q=כהן")
    page.goto(f"/participants/{person.pk}/")
    page.context.clear_cookies()

    log_in(page, "boss")
    page.goto("/audit/")
    body = page.locator("main").inner_text()
    assert "דנה לוי" in body and "כהן-לוי" in body and "שם משפחה" in body
    assert "\\u05" not in body and "None" not in body
    screenshot(page, "audit-1-log")
    page.get_by_label("משתמש/ת").fill("dana")
    page.get_by_label("פעולה").select_option("3")
    page.get_by_role("button", name="סינון").click()
    page.locator("details summary").first.click()
    assert "חיפוש משתתפים" in page.locator("main").inner_text()
    screenshot(page, "audit-2-filtered-views")

    page.goto(f"/participants/{person.pk}/")
    page.get_by_text("מי צפה בתיק הזה").click()
    assert "דנה לוי" in page.locator(".file-readers").inner_text()
    screenshot(page, "audit-3-file-readers")
    call_command("verify_audit_chain")
