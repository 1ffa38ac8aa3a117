"""The employer-relations lead opens a position, sees ranked candidates with reasons, hires one; the
participant's social worker then sees the placement's first follow-up on her home page and in the fragment."""

import datetime

import pytest

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory, make_staff
from hizdamnut.employers.tests.factories import CandidateProfileFactory, EmployerFactory
from hizdamnut.participants.tests.factories import ParticipantFactory

from .conftest import log_in, screenshot


@pytest.mark.django_db(transaction=True)
def test_opening_to_placement(page):
    center = CenterFactory(code="NTN", name="מרכז הזדמנות נתניה", city=City.objects.get(name_he="נתניה"))
    make_staff(Role.EMPLOYER_LEAD, [center], username="lead", first_name="רונית", last_name="אזולאי")
    worker = make_staff(Role.SOCIAL_WORKER, [center], username="worker", first_name="סיגל", last_name="ברק")
    EmployerFactory(center=center, name="סופר השרון")
    dana = ParticipantFactory(center=center, first_name="דנה", last_name="פרץ", status="active", case_worker=worker,
                              languages=["he"])
    CandidateProfileFactory(participant=dana, desired_occupations=["קופאות"], skills=["שירות לקוחות"],
                            experience_years=2, preferred_hours_per_week=30, available_shifts=["morning", "day"])
    rana = ParticipantFactory(center=center, first_name="רנא", last_name="חורי", status="active", case_worker=worker,
                              languages=["ar"], city=City.objects.get(name_he="טייבה"))
    CandidateProfileFactory(participant=rana, desired_occupations=["מטבח"], childcare_constraint=True,
                            max_commute_km=10)

    log_in(page, "lead")
    page.goto("/employers/")
    page.get_by_role("button", name="משרה חדשה").first.click()
    page.get_by_label("מעסיק").select_option(label="סופר השרון")
    page.get_by_label("שם המשרה").fill("קופאי/ת במשמרת בוקר")
    page.get_by_label("משלח יד").fill("קופאות")
    page.get_by_label("שעות בשבוע").fill("30")
    page.get_by_label("משמרות").select_option(label="בוקר")
    page.get_by_label("מיקום (עיר)").select_option(label="נתניה")
    page.get_by_label("מיומנויות נדרשות").fill("שירות לקוחות")
    page.get_by_role("group", name="שפות נדרשות").get_by_label("עברית").check()
    screenshot(page, "opening_form")
    page.get_by_role("button", name="שמירה").click()

    page.get_by_role("heading", name="קופאי/ת במשמרת בוקר").wait_for()
    suggestions = page.locator(".matches > li")
    assert suggestions.count() == 2
    first = suggestions.nth(0)
    assert "דנה פרץ" in first.inner_text()
    assert "קופאות בין משלחי היד הרצויים" in first.inner_text()
    assert "אינו/ה דובר/ת עברית" in suggestions.nth(1).inner_text()
    screenshot(page, "opening_ranked_candidates")

    page.get_by_role("button", name="המלצה על דנה פרץ").click()
    # The card offers the next natural step (the CV) first; ending the candidacy is folded away.
    card = page.locator(".board-card", has_text="דנה פרץ")
    card.get_by_label("הגשה בעדיפות").check()
    card.get_by_role("button", name='סימון: קו"ח נשלחו').click()
    card = page.locator(".board-card", has_text="דנה פרץ")
    assert 'קו"ח נשלחו' in card.inner_text()
    screenshot(page, "opening_board_cv_sent")
    card.get_by_role("button", name="רישום קבלה לעבודה").click()

    started = datetime.date.today() - datetime.timedelta(days=20)
    page.get_by_label("תאריך התחלה").fill(started.isoformat())
    page.get_by_label("שכר חודשי ברוטו").fill("5200")
    screenshot(page, "hire_form")
    page.get_by_role("button", name="רישום הקבלה לעבודה").click()
    page.get_by_text("ההשמה והמעקבים נרשמו").wait_for()
    screenshot(page, "placement_recorded")

    page.goto("/employers/")
    screenshot(page, "lead_page_after_hire")

    page.context.clear_cookies()
    log_in(page, "worker")
    panel = page.locator("section", has=page.get_by_role("heading", name="מעקבי השמה קרובים"))
    assert "דנה פרץ" in panel.inner_text()
    assert "מעקב חודש 1" in panel.inner_text()
    screenshot(page, "social_worker_home_follow_up_due")

    page.goto("/placements/follow-ups/due/")
    assert "דנה פרץ" in page.content()
    screenshot(page, "follow_ups_due_fragment")
