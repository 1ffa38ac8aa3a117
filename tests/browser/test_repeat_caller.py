"""Nothing typed twice: a repeat caller is recognised while her name is typed and the inquiry joins her file;
routed to work, a participant is a suggested candidate for an opening without anyone filling a profile."""

import datetime
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory, make_staff
from hizdamnut.employers.tests.factories import EmployerFactory, JobOpeningFactory
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.inquiries.services import load_categories
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.participants.tests.factories import ParticipantFactory

from .conftest import log_in, screenshot

CATEGORIES = Path(__file__).resolve().parents[2] / "hizdamnut" / "inquiries" / "rules" / "categories.json"
READY = dict.fromkeys(["self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills"], 5)


@pytest.mark.django_db(transaction=True)
def test_repeat_caller_and_routed_candidate(page):
    load_categories(json.loads(CATEGORIES.read_text(encoding="utf-8")))
    center = CenterFactory(code="NTN", name="מרכז הזדמנות נתניה", city=City.objects.get(name_he="נתניה"))
    make_staff(Role.COORDINATOR, [center], username="rakezet", first_name="נועה", last_name="שגיא")
    known = ParticipantFactory(center=center, first_name="מוחמד", last_name="חליל", phone="0541239876",
                               status="active")

    log_in(page, "rakezet")
    page.goto("/inquiries/new/")
    page.get_by_label("אופן הפנייה").select_option(label="טלפון")
    page.get_by_label("מקור הפנייה").select_option(label="פנייה עצמאית")
    page.get_by_label("שם פרטי").fill("מחמד")
    page.get_by_label("שם משפחה").fill("ח'ליל")
    matches = page.locator("#likely-matches")
    expect(matches).to_contain_text("מוחמד חליל")
    expect(matches).to_contain_text("שם דומה")
    screenshot(page, "repeat_caller_01_offered_while_typing")
    page.get_by_label("טלפון").fill("054-1239876")
    page.get_by_label(re.compile(r"^סיבת הפנייה")).select_option(label="חיפוש עבודה")
    matches.get_by_role("radio", name=re.compile("מוחמד חליל")).check()
    page.get_by_role("button", name="שמירת הפנייה").click()
    expect(page.get_by_text("הפנייה נרשמה.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("מוחמד חליל")
    screenshot(page, "repeat_caller_02_linked")
    assert Inquiry.objects.get().participant == known

    # Routed to short-term coaching, a participant becomes a candidate: her profile comes from the intake.
    newcomer = ParticipantFactory(center=center, first_name="רנא", last_name="עודה", languages=["he", "ar"])
    meeting = IntakeMeetingFactory(participant=newcomer, held_on=datetime.date.today(), education="12 שנות לימוד",
                                   work_history="קופאית שלוש שנים", **READY)
    opening = JobOpeningFactory(employer=EmployerFactory(center=center, name="סופר השרון"), title="קופאי/ת")
    page.goto(f"/intake/{meeting.pk}/")
    page.locator("#decide").get_by_role("button", name="שמירת ההחלטה").click()
    expect(page.get_by_text("ההחלטה המשותפת נשמרה.")).to_be_visible()
    page.goto(f"/employers/openings/{opening.pk}/")
    expect(page.locator(".matches")).to_contain_text("רנא עודה")
    screenshot(page, "routed_candidate_03_suggested")
