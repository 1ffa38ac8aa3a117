"""A social worker records a meeting with a therapeutic note and a task; a coach of the same center cannot see it."""

import datetime
import re

import pytest
from django.utils import timezone

from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import make_staff
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.tests.factories import MeetingFactory
from tests.browser.conftest import log_in, screenshot

SECRET = "חוששת לחזור לעבודה אחרי הגירושין"


@pytest.mark.django_db(transaction=True)
def test_social_worker_records_therapeutic_note_a_coach_cannot_see_it(page, center):
    social_worker = make_staff(Role.SOCIAL_WORKER, [center], username="ruth", first_name="רות", last_name="שגיא")
    make_staff(Role.COACH, [center], username="coach", first_name="דן", last_name="ברגר")
    make_staff(Role.MANAGER, [center], username="boss", first_name="אורית", last_name="נחום")
    participant = ParticipantFactory(center=center, first_name="מיכל", last_name="לוי", case_worker=social_worker,
                                     status=JourneyStatus.ACTIVE)
    quiet = ParticipantFactory(center=center, first_name="רנא", last_name="חורי", case_worker=social_worker,
                               status=JourneyStatus.ACTIVE)
    MeetingFactory(participant=quiet, staff=social_worker, starts_at=timezone.now() - datetime.timedelta(days=45))

    log_in(page, "ruth")
    page.goto("/plans/caseload/")
    assert page.get_by_role("heading", name="המשתתפים שלי").is_visible()
    assert page.locator("tr.alert").filter(has_text="רנא חורי").get_by_text("ליצור קשר").is_visible()
    screenshot(page, "caseload-1-social-worker")

    page.get_by_role("link", name="מיכל לוי").click()
    page.get_by_role("button", name="תיעוד פגישה").click()
    page.get_by_label("סוג הפגישה").select_option("individual")
    page.get_by_label("משך (דקות)").fill("50")
    page.get_by_label("הערה טיפולית").check()
    page.get_by_label("הערה", exact=True).fill(SECRET)
    screenshot(page, "caseload-2-meeting-form")
    page.get_by_role("button", name="שמירה").click()
    assert page.get_by_text(SECRET).is_visible()

    page.get_by_text("הוספת משימה").click()
    page.get_by_label(re.compile(r"^משימה( \*)?$")).fill("לשלוח קורות חיים לשלושה מעסיקים")
    page.get_by_label("לביצוע עד").fill((timezone.localdate() + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="הוספת המשימה").click()
    assert page.get_by_role("cell", name="לשלוח קורות חיים לשלושה מעסיקים").is_visible()
    screenshot(page, "caseload-3-plan-after-meeting")

    page.context.clear_cookies()
    log_in(page, "coach")
    page.goto(f"/plans/participant/{participant.pk}/")
    assert page.get_by_role("cell", name="לשלוח קורות חיים לשלושה מעסיקים").is_visible()
    assert page.get_by_text(SECRET).count() == 0
    screenshot(page, "caseload-4-coach-view")
    page.goto(f"/plans/participant/{participant.pk}/timeline/")
    assert page.get_by_text(SECRET).count() == 0
    screenshot(page, "caseload-5-coach-timeline")

    # The center manager does see the therapeutic note, and every worker's caseload.
    page.context.clear_cookies()
    log_in(page, "boss")
    screenshot(page, "caseload-6-manager-home")
    page.goto(f"/plans/participant/{participant.pk}/")
    assert page.get_by_text(SECRET).is_visible()
    page.goto("/plans/caseload/")
    team = page.locator("table").last
    assert team.get_by_role("row").filter(has_text="רות שגיא").get_by_role("cell").nth(2).inner_text() == "2"
    screenshot(page, "caseload-7-manager-team")


@pytest.mark.django_db(transaction=True)
def test_caseload_reads_on_a_phone(phone_page, center):
    worker = make_staff(Role.SOCIAL_WORKER, [center], username="ruth", first_name="רות", last_name="שגיא")
    participant = ParticipantFactory(center=center, first_name="מיכל", last_name="לוי", case_worker=worker)
    MeetingFactory(participant=participant, staff=worker, starts_at=timezone.now() - datetime.timedelta(days=40))
    log_in(phone_page, "ruth")
    phone_page.goto("/plans/caseload/")
    assert phone_page.get_by_role("link", name="מיכל לוי").is_visible()
    screenshot(phone_page, "caseload-phone")
