"""An employer-relations coordinator types a feminine plural job title in a new opening, picks the suggested
ISCO-08 occupation, sees the candidates ranked with their main reasons, opens one explanation and moves the
candidate on."""

import re

import pytest

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory, make_staff
from hizdamnut.employers.tests.factories import CandidateProfileFactory, EmployerFactory
from hizdamnut.occupations.models import Occupation
from hizdamnut.participants.tests.factories import ParticipantFactory

from .conftest import log_in, screenshot


def candidate(center, first_name, last_name, code, desired, city="נתניה", **fields):
    participant = ParticipantFactory(center=center, first_name=first_name, last_name=last_name, status="active",
                                     languages=["he"], city=City.objects.get(name_he=city))
    return CandidateProfileFactory(participant=participant, desired_occupations=[desired],
                                   desired_occupation_unit=Occupation.objects.get(code=code), **fields)


@pytest.mark.django_db(transaction=True)
def test_feminine_plural_title_to_ranked_candidates(page):
    center = CenterFactory(code="NTN", name="מרכז הזדמנות נתניה", city=City.objects.get(name_he="נתניה"))
    make_staff(Role.EMPLOYER_LEAD, [center], username="lead", first_name="רונית", last_name="אזולאי")
    EmployerFactory(center=center, name="סופר השרון")
    candidate(center, "דנה", "פרץ", "5230", "קופאית", experience_years=2, preferred_hours_per_week=30)
    candidate(center, "מרים", "לוי", "5223", "מוכרת", experience_years=1)
    candidate(center, "יוסי", "כהן", "8332", "נהג משאית", city="באר שבע")

    log_in(page, "lead")
    page.goto("/employers/")
    page.get_by_role("button", name="משרה חדשה").first.click()
    page.get_by_label("מעסיק").select_option(label="סופר השרון")
    page.get_by_label("שם המשרה").fill("קופאיות לסניף החדש")
    page.get_by_label(re.compile(r"^משלח יד")).press_sequentially("קופאיות", delay=40)
    suggested = page.get_by_role("radio", name=re.compile("5230"))
    suggested.wait_for()
    screenshot(page, "matching_occupation_suggested")
    suggested.check()
    page.get_by_label("שעות בשבוע").fill("30")
    page.get_by_label("מיקום (עיר)").select_option(label="נתניה")
    page.get_by_role("button", name="שמירה").click()

    page.get_by_role("heading", name="קופאיות לסניף החדש").wait_for()
    assert "5230" in page.locator("dl.facts").inner_text()
    ranked = page.locator("#suggested .matches > li")
    assert ranked.count() == 3
    first = ranked.nth(0)
    assert "דנה פרץ" in first.inner_text()
    assert "מרים לוי" in ranked.nth(1).inner_text()
    assert "יוסי כהן" in ranked.nth(2).inner_text()
    reasons = first.locator(".main-reasons li")
    assert reasons.count() == 3
    assert "אותו משלח יד" in reasons.nth(0).inner_text()
    assert "אותה תת־קבוצה ראשית" in ranked.nth(1).inner_text() or "אותה קבוצת משנה" in ranked.nth(1).inner_text()
    explanation = first.locator("details.explanation")
    assert not explanation.locator("table.parts").is_visible()
    screenshot(page, "matching_ranked_candidates")

    explanation.locator("summary").click()
    assert explanation.locator("table.parts").is_visible()
    assert "סה״כ" in explanation.inner_text() or "סה\"כ" in explanation.inner_text()
    screenshot(page, "matching_explanation_open")

    first.get_by_role("button", name="המלצה על דנה פרץ").click()
    card = page.locator(".board-card", has_text="דנה פרץ")
    card.get_by_role("button", name='סימון: קו"ח נשלחו').click()  # the card's next natural step
    card = page.locator(".board-card", has_text="דנה פרץ")
    assert 'קו"ח נשלחו' in card.inner_text()
    assert page.locator("#suggested .matches > li").count() == 2
    screenshot(page, "matching_candidate_moved_on")
