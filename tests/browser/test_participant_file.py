"""A realistic day on the participant's file, role by role (Hebrew, desktop).

The coordinator schedules an intake with a time and a worker and reads the file of a person in accompaniment;
the social worker finds the intake on her agenda and the whole story on the file; the coach sees the file
without the social worker's therapeutic note; the employer-relations lead schedules a future interview and
records a hire without going near "not accepted", and sees only the employment side of the file; the manager
sees every section and the timeline with the day's steps.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import make_staff
from hizdamnut.employers.models import Candidacy, Stage
from hizdamnut.employers.tests.factories import (
    CandidacyFactory,
    CandidateProfileFactory,
    EmployerFactory,
    JobOpeningFactory,
)
from hizdamnut.inquiries.models import InquiryStatus, Screening
from hizdamnut.inquiries.tests.factories import InquiryFactory
from hizdamnut.intake.models import RoutingDecision
from hizdamnut.intake.tests.factories import IntakeMeetingFactory
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.models import Placement
from hizdamnut.plans.tests.factories import CareerPlanFactory, GoalFactory, MeetingFactory, NoteFactory, TaskFactory
from tests.browser.conftest import log_in, screenshot

SECRET = "מתמודדת עם חובות כבדים מאז הפרידה"
TODAY = datetime.date.today()


def _story(center):
    """Dana in accompaniment with the social worker: inquiry, screening, intake, routing, plan, meetings, a
    candidacy whose CV was sent; Rana at the interview stage for the same employer."""
    social_worker = make_staff(Role.SOCIAL_WORKER, [center], username="ruth", first_name="רות", last_name="שגיא")
    dana = ParticipantFactory(center=center, first_name="דנה", last_name="פרץ", case_worker=social_worker,
                              status=JourneyStatus.ACTIVE, phone="0521234567")
    inquiry = InquiryFactory(center=center, participant=dana, status=InquiryStatus.ROUTED,
                             received_on=TODAY - datetime.timedelta(days=40))
    Screening.objects.create(inquiry=inquiry, screened_on=TODAY - datetime.timedelta(days=39), rules_version="2026.1",
                             decision="eligible", screened_by=social_worker, reasons=[
                                 {"rule": "age", "outcome": "pass",
                                  "message": "age %(age)s is within the working age %(low)s–%(high)s",
                                  "params": {"age": "38", "low": "18", "high": "67"}}])
    meeting = IntakeMeetingFactory(participant=dana, inquiry=inquiry, staff=social_worker,
                                   held_on=TODAY - datetime.timedelta(days=35),
                                   needs="עבודה בשעות הגן של הילדים", goals="משרה חלקית במשרד תוך שלושה חודשים",
                                   strengths="אחראית, עבדה חמש שנים כקופאית", barriers=["childcare"])
    RoutingDecision.objects.create(participant=dana, intake=meeting, decided_on=TODAY - datetime.timedelta(days=35),
                                   model_version="2026.1", recommended_response="short_term_coaching",
                                   response="short_term_coaching", decided_by=social_worker)
    plan = CareerPlanFactory(participant=dana, vision="לעבוד כפקידת קבלה במרפאה")
    GoalFactory(plan=plan, what="לשלוח חמישה קורות חיים", created_by=social_worker)
    TaskFactory(plan=plan, title="לעדכן קורות חיים", created_by=social_worker,
                due_date=TODAY - datetime.timedelta(days=2))
    MeetingFactory(participant=dana, staff=social_worker, starts_at=timezone.now() - datetime.timedelta(days=6),
                   next_meeting_at=timezone.now() + datetime.timedelta(days=8))
    NoteFactory(participant=dana, author=social_worker, kind="therapeutic", text=SECRET)
    NoteFactory(participant=dana, author=social_worker, text="הגיעה בזמן, מוטיבציה גבוהה")
    employer = EmployerFactory(center=center, name="מרפאת השרון")
    CandidateProfileFactory(participant=dana, desired_occupations=["פקידות קבלה"])
    opening = JobOpeningFactory(employer=employer, title="פקיד/ת קבלה", occupation="פקידות קבלה")
    CandidacyFactory(opening=opening, participant=dana, stage=Stage.CV_SENT,
                     recommended_on=TODAY - datetime.timedelta(days=5),
                     cv_sent_on=TODAY - datetime.timedelta(days=3))
    rana = ParticipantFactory(center=center, first_name="רנא", last_name="חורי", case_worker=social_worker,
                              status=JourneyStatus.ACTIVE)
    CandidacyFactory(opening=JobOpeningFactory(employer=employer, title="מזכיר/ה רפואי/ת", occupation="מזכירות"),
                     participant=rana, stage=Stage.INTERVIEW, recommended_on=TODAY - datetime.timedelta(days=9),
                     cv_sent_on=TODAY - datetime.timedelta(days=7), interview_on=TODAY - datetime.timedelta(days=1))
    return social_worker, dana, rana


def _sections(page):
    return [article.get_attribute("id") for article in page.locator(".file-sections > article").all()]


@pytest.mark.django_db(transaction=True)
def test_a_day_on_the_participants_file(page, center):
    social_worker, dana, rana = _story(center)
    make_staff(Role.COORDINATOR, [center], username="noa", first_name="נועה", last_name="כהן")
    make_staff(Role.COACH, [center], username="dan", first_name="דן", last_name="ברגר")
    make_staff(Role.EMPLOYER_LEAD, [center], username="ronit", first_name="רונית", last_name="אזולאי")
    make_staff(Role.MANAGER, [center], username="orit", first_name="אורית", last_name="נחום")
    caller = InquiryFactory(center=center, status=InquiryStatus.SCREENED, first_name="סמאח", last_name="עודה")
    file_url = f"/participants/{dana.pk}/"

    # Coordinator: schedules an intake for a new caller, with a time and the worker who holds it.
    log_in(page, "noa")
    page.goto(f"/inquiries/{caller.pk}/")
    intake_at = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=10, minute=30)
    page.get_by_label("מועד ושעת פגישת האינטייק").fill(intake_at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("עובד/ת האינטייק").select_option(label="רות שגיא")
    screenshot(page, "file_01_coordinator_schedules_intake")
    page.get_by_role("button", name="קביעת פגישת אינטייק").click()
    expect(page.get_by_text("פגישת האינטייק נקבעה.")).to_be_visible()
    # …and reads Dana's file: ID and phone beside their labels, every stage she may see.
    page.goto(file_url)
    expect(page.get_by_role("heading", name="דנה פרץ")).to_be_visible()
    for section in ("file-inquiries", "file-intake", "file-plan", "file-meetings", "file-employment"):
        expect(page.locator(f"#{section}")).to_be_visible()
    expect(page.locator("#file-intake")).to_contain_text("ליווי אימוני קצר מועד")
    assert SECRET not in page.content()
    label = page.locator("#personal dt", has_text="טלפון").bounding_box()
    value = page.locator("#personal dd a[href^='tel:']").bounding_box()
    assert abs(label["x"] - value["x"] - value["width"]) < 200  # beside its label, not across the card
    screenshot(page, "file_02_coordinator_reads_the_file")
    page.context.clear_cookies()

    # Social worker: the intake is on her agenda; the file's header says where Dana stands and what is late.
    log_in(page, "ruth")
    agenda = page.locator("#agenda")
    expect(agenda).to_contain_text("פגישת אינטייק")
    expect(agenda).to_contain_text("סמאח עודה")
    screenshot(page, "file_03_social_worker_agenda")
    page.goto(file_url)
    header = page.locator(".file-header")
    expect(header).to_contain_text("מענה הניתוב")
    expect(header).to_contain_text("הפגישה הבאה")
    expect(page.locator(".file-alerts")).to_contain_text("משימה באיחור")
    expect(page.locator("#file-meetings")).to_contain_text(SECRET[:10])
    page.locator("#file-intake").get_by_role("link", name="פגישת אינטייק").click()
    expect(page).to_have_url(re.compile(r"/intake/\d+/$"))  # the existing meeting, not a new one
    page.go_back()
    screenshot(page, "file_04_social_worker_file")
    page.context.clear_cookies()

    # Coach: the same file without the social worker's therapeutic note.
    log_in(page, "dan")
    page.goto(file_url)
    expect(page.locator("#file-plan")).to_contain_text("לעבוד כפקידת קבלה במרפאה")
    assert SECRET not in page.content()
    screenshot(page, "file_05_coach_file")
    page.context.clear_cookies()

    # Employer-relations lead: a future interview for Dana; a hire for Rana after her interview.
    log_in(page, "ronit")
    page.goto(f"/employers/{dana.candidacies.get().opening.employer_id}/board/")
    card = page.locator(".board-card", has_text="דנה פרץ")
    interview_on = TODAY + datetime.timedelta(days=5)
    card.get_by_label("מועד הראיון (אפשר גם עתידי)").fill(interview_on.isoformat())
    screenshot(page, "file_06_lead_board")
    card.get_by_role("button", name="קביעת ראיון").click()
    expect(page.get_by_text("נשמר.")).to_be_visible()
    card = page.locator(".board-card", has_text="רנא חורי")
    expect(card.locator("select[name=stage]")).to_have_value("")  # ending her candidacy is never the default
    card.get_by_role("button", name="רישום קבלה לעבודה").click()
    page.get_by_label("שכר חודשי ברוטו").fill("6100")
    screenshot(page, "file_07_lead_hire_form")
    page.get_by_role("button", name="רישום הקבלה לעבודה").click()
    page.get_by_text("ההשמה והמעקבים נרשמו").wait_for()
    assert Candidacy.objects.get(participant=dana).interview_on == interview_on
    assert Candidacy.objects.get(participant=rana).stage == Stage.HIRED
    assert Placement.objects.filter(participant=rana).exists()
    assert not Candidacy.objects.filter(stage=Stage.REJECTED).exists()
    page.goto(file_url)
    expect(page.locator("#file-employment")).to_contain_text("ראיון")
    hidden = {"file-intake", "file-plan", "file-meetings", "file-inquiries"}
    assert _sections(page) and not hidden & set(_sections(page))
    screenshot(page, "file_08_lead_file")
    page.context.clear_cookies()

    # Manager: every section, the confidential note, and the day's steps on the timeline.
    log_in(page, "orit")
    page.goto(file_url)
    for section in ("file-inquiries", "file-intake", "file-plan", "file-meetings", "file-employment"):
        expect(page.locator(f"#{section}")).to_be_visible()
    expect(page.get_by_role("link", name="מי צפה ברשומה או שינה אותה")).to_be_visible()
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("ראיון: פקיד/ת קבלה")
    expect(timeline).not_to_contain_text("23:59")
    screenshot(page, "file_09_manager_file")
    page.goto(f"/participants/{rana.pk}/")
    expect(page.locator("#file-placements")).to_contain_text("מזכיר/ה רפואי/ת")
    screenshot(page, "file_10_manager_placed_participant")
