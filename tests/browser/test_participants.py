"""A coordinator, in Hebrew, registers a participant and finds them again by search."""

import pytest
from playwright.sync_api import expect

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import ParticipantFactory, valid_id_number
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_registers_a_participant_and_finds_them_by_search(page, staff, center):
    staff(Role.COORDINATOR, username="rakezet", first_name="נועה")
    ParticipantFactory(center=center, first_name="אליהו", last_name="דהן")
    log_in(page, "rakezet")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot(page, "participants-01-home")

    page.get_by_role("button", name="רישום משתתף/ת").first.click()
    page.get_by_label("שם פרטי").fill("ריהאם")
    page.get_by_label("שם משפחה").fill("ג'בארין")
    page.get_by_label("מספר תעודת זהות").fill("12345678")  # wrong check digit first
    page.get_by_label("תאריך לידה").fill("1987-04-12")
    page.get_by_label("טלפון").fill("052-3456789")
    page.get_by_label("יישוב מגורים").select_option(label="נתניה")
    page.get_by_label("ערבית").check()
    page.get_by_role("button", name="שמירה").click()
    expect(page.get_by_text("אינו מספר תעודת זהות תקין")).to_be_visible()
    expect(page.get_by_label("שם פרטי")).to_have_value("ריהאם")
    screenshot(page, "participants-02-invalid-id")

    page.get_by_label("מספר תעודת זהות").fill(valid_id_number(31))
    page.get_by_role("button", name="שמירה").click()
    expect(page.get_by_role("heading", name="ריהאם ג'בארין")).to_be_visible()
    screenshot(page, "participants-03-detail")
    assert Participant.objects.filter(first_name="ריהאם").exists()

    page.get_by_role("link", name="משתתפים").first.click()
    page.get_by_label("חיפוש לפי שם, תעודת זהות או טלפון").fill("052-345")
    expect(page.locator("#results").get_by_role("link", name="ריהאם ג'בארין")).to_be_visible()
    expect(page.locator("#results").get_by_text("אליהו דהן")).to_have_count(0)
    screenshot(page, "participants-04-search")


def test_the_participant_list_works_on_a_phone(phone_page, staff, center):
    staff(Role.COORDINATOR, username="rakezet2")
    ParticipantFactory.create_batch(3, center=center)
    log_in(phone_page, "rakezet2")
    phone_page.goto("/participants/")
    expect(phone_page.get_by_label("חיפוש לפי שם, תעודת זהות או טלפון")).to_be_visible()
    screenshot(phone_page, "participants-05-phone")
