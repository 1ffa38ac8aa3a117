"""A coordinator fills a workshop past capacity (waiting list), takes attendance; the skills chart is drawn."""

import datetime

import pytest
from django.utils import timezone

from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import make_staff
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import SkillAssessment, SkillScore
from hizdamnut.programs.catalog import load_catalog, read_catalog
from hizdamnut.programs.models import Program
from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, SessionFactory
from tests.browser.conftest import log_in, screenshot


@pytest.mark.django_db(transaction=True)
def test_waiting_list_and_attendance_sheet(page, center):
    load_catalog(read_catalog())  # a transactional test before this one may have flushed the seeded catalog
    make_staff(Role.COORDINATOR, [center], username="dana", first_name="דנה", last_name="גולן")
    cohort = CohortFactory(center=center, program=Program.objects.get(code="cv-writing"), capacity=2, name="מחזור בוקר")
    first, second = ParticipantFactory(center=center), ParticipantFactory(center=center)
    EnrollmentFactory(cohort=cohort, participant=first)
    EnrollmentFactory(cohort=cohort, participant=second)
    SessionFactory(cohort=cohort, topic="מבנה קורות החיים")
    latecomer = ParticipantFactory(center=center, first_name="יוסי", last_name="מזרחי")

    log_in(page, "dana")
    page.goto("/programs/")
    assert page.get_by_role("link", name="כתיבת קורות חיים").is_visible()
    screenshot(page, "programs-1-catalog")
    page.get_by_role("link", name="כתיבת קורות חיים").click()
    page.get_by_role("link", name="מחזור בוקר").click()
    page.wait_for_load_state("load")  # htmx (deferred) is ready: the picker asks the server as one types
    page.locator("#id_participant_search").fill("מזרחי")  # the participant picker: type, then choose the person
    page.locator(f'input[type=radio][value="{latecomer.pk}"]').check()
    page.get_by_role("button", name="רישום").click()
    assert page.get_by_text("המחזור מלא: יוסי מזרחי ברשימת ההמתנה (מקום 1).").is_visible()
    screenshot(page, "programs-2-waiting-list")

    page.get_by_role("link", name="דף נוכחות").click()
    page.get_by_label(first.full_name).check()
    page.get_by_role("button", name="שמירת הנוכחות").click()
    assert page.get_by_text("הנוכחות נשמרה.").is_visible()
    screenshot(page, "programs-3-after-attendance")


@pytest.mark.django_db(transaction=True)
def test_skills_chart_shows_change_over_time(page, center):
    worker = make_staff(Role.SOCIAL_WORKER, [center], username="ruth", first_name="רות", last_name="שגיא")
    participant = ParticipantFactory(center=center, case_worker=worker)
    for days, levels in ((150, {"hebrew": 1, "digital": 2, "teamwork": 2}),
                         (80, {"hebrew": 2, "digital": 3, "teamwork": 3}),
                         (10, {"hebrew": 4, "digital": 3, "teamwork": 4})):
        assessment = SkillAssessment.objects.create(participant=participant, assessor=worker,
                                                    assessed_on=timezone.localdate() - datetime.timedelta(days=days))
        SkillScore.objects.bulk_create(SkillScore(assessment=assessment, skill=k, level=v) for k, v in levels.items())
    log_in(page, "ruth")
    page.goto(f"/plans/participant/{participant.pk}/skills/")
    page.wait_for_function("() => window.Chart && Chart.getChart('skills-chart')")
    assert page.evaluate("() => Chart.getChart('skills-chart').data.datasets.length") == 3
    screenshot(page, "skills-chart")
