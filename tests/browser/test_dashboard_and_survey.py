"""A center manager reads the dashboard and downloads it; a participant answers the survey on a phone."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory, YearlyTargetFactory, make_staff
from hizdamnut.participants.models import JourneyStatus, StatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.surveys import rate_limit
from hizdamnut.surveys.models import Answer, SurveyResponse
from hizdamnut.surveys.services import load_questionnaire

from .conftest import SCREENSHOTS, log_in, screenshot

ARTIFACTS = SCREENSHOTS.parent
QUESTIONNAIRE = (
    Path(__file__).resolve().parents[2] / "hizdamnut" / "surveys" / "questionnaires" / "satisfaction-2025.json"
)


def journey(center, activated_on, **fields):
    participant = ParticipantFactory(center=center, **fields)
    StatusChange.objects.create(participant=participant, status=JourneyStatus.INTAKE,
                                changed_on=activated_on - datetime.timedelta(days=10))
    StatusChange.objects.create(participant=participant, status=JourneyStatus.ACTIVE, changed_on=activated_on)
    participant.status = JourneyStatus.ACTIVE
    participant.save(update_fields=["status"])
    return participant


@pytest.fixture
def netanya(db):
    if not City.objects.exists():  # an earlier transactional test flushed the cities the migration loads
        from hizdamnut.centers.models import Region
        from hizdamnut.centers.reference import load

        load(Region, City)
    netanya_city = City.objects.get(name_he="נתניה")
    center = CenterFactory(code="NTN", name="מרכז הזדמנות נתניה", city=netanya_city)
    today = datetime.date.today()
    YearlyTargetFactory(center=center, year=today.year, new_active_participants=60)
    region_city = City.objects.filter(region=center.region).exclude(pk=netanya_city.pk).first()
    start = today.replace(month=1, day=1)
    for n in range(12):
        day = start + datetime.timedelta(days=(n * 23) % max((today - start).days, 1))
        participant = journey(center, day, single_parent=n % 3 == 0, has_welfare_file=n % 4 != 0,
                              city=region_city if n % 5 == 0 else netanya_city)
        if n < 8:
            came_in(participant, day, placed=n < 4, response=RESPONSES[n % len(RESPONSES)])
    return center


RESPONSES = ["short_term_coaching", "social_work", "group_program", "courses"]


def came_in(participant, activated_on, *, placed, response):
    """The inquiry, intake and routing that led to the participant's activation; a placement if `placed`."""
    from hizdamnut.inquiries.models import InquiryStatusChange
    from hizdamnut.inquiries.tests.factories import InquiryFactory
    from hizdamnut.intake.models import RoutingDecision
    from hizdamnut.intake.tests.factories import IntakeMeetingFactory
    from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory

    received = activated_on - datetime.timedelta(days=12)
    inquiry = InquiryFactory(center=participant.center, received_on=received, participant=participant,
                             source="friend" if participant.pk % 2 else "welfare_referral")
    for status, days in (("screened", 2), ("intake_held", 7), ("routed", 9)):
        InquiryStatusChange.objects.create(inquiry=inquiry, status=status,
                                           changed_on=received + datetime.timedelta(days=days))
    meeting = IntakeMeetingFactory(participant=participant, held_on=received + datetime.timedelta(days=7))
    RoutingDecision.objects.create(participant=participant, intake=meeting, decided_on=received + datetime.timedelta(
        days=9), model_version="t", recommended_response=response, response=response)
    if placed:
        start = activated_on + datetime.timedelta(days=20)
        placement = PlacementFactory(participant=participant, start_date=start)
        FollowUpFactory(placement=placement, months_after=3, due_on=start + datetime.timedelta(days=91),
                        done_on=start + datetime.timedelta(days=92), employment="same", advancement=["raise"])


def pdf_to_png(pdf_path, name):
    if not shutil.which("pdftoppm"):
        return None
    prefix = SCREENSHOTS / name
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf_path), str(prefix)], check=True)
    return prefix


@pytest.mark.django_db(transaction=True)
def test_manager_filters_dashboard_to_single_parents_and_downloads_it(page, netanya):
    make_staff(Role.MANAGER, [netanya], username="manager1", first_name="רונית", last_name="אלון")
    log_in(page, "manager1")
    page.goto("/reports/")
    page.get_by_role("heading", name="לוח המחוונים של המרכז").wait_for()
    assert page.locator("#card-new_active_participants .figure").inner_text() == "12"
    assert page.locator("#card-placement_rate .figure").inner_text() != "—"
    assert "12" in page.locator("#card-placement_rate .parts").inner_text()  # n placed of the 12 in accompaniment
    screenshot(page, "dashboard_manager")
    page.get_by_role("heading", name="משפך: פנייה ← בדיקת זכאות ← אינטייק ← ניתוב ← השמה").scroll_into_view_if_needed()
    assert page.locator("#funnel tbody tr").count() == 5
    screenshot(page, "dashboard_manager_funnel")

    page.get_by_label("הורים עצמאיים בלבד").check()
    page.get_by_role("button", name="הצגה").click()
    page.wait_for_url("**single_parent=on**")
    assert page.locator("#card-new_active_participants .figure").inner_text() == "4"
    # the outcomes follow the filter: placed single parents of the 4 single parents in accompaniment
    assert page.locator("#card-placement_rate .figure").inner_text() != "—"
    assert "/ 4 " in page.locator("#card-placement_rate .parts").inner_text()
    screenshot(page, "dashboard_single_parents")

    with page.expect_download() as excel_download:
        page.get_by_role("button", name="הורדה לאקסל").click()
    excel_path = ARTIFACTS / "dashboard_single_parents.xlsx"
    excel_download.value.save_as(excel_path)
    sheet = load_workbook(excel_path).worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert sheet["A2"].value == "משתתפים פעילים חדשים" and sheet["B2"].value == 4

    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="הורדה כ־PDF").click()
    pdf_path = ARTIFACTS / "dashboard_single_parents.pdf"
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    pdf_to_png(pdf_path, "dashboard_single_parents_pdf")


@pytest.mark.django_db(transaction=True)
def test_participant_answers_the_survey_on_a_phone(phone_page, netanya):
    questionnaire, _created = load_questionnaire(json.loads(QUESTIONNAIRE.read_text(encoding="utf-8")))
    phone_page.goto(f"/surveys/answer/{rate_limit.form_token(questionnaire, netanya)}/")
    phone_page.get_by_role("heading", name="שאלון שביעות רצון").wait_for()
    screenshot(phone_page, "survey_phone_form")

    phone_page.get_by_role("group", name="מקשיב לי").get_by_label("כן", exact=True).check()
    phone_page.get_by_role("group", name="בכבוד").get_by_label("בדרך כלל כן").check()
    phone_page.get_by_role("group", name="חיכיתי זמן רב").get_by_label("לא", exact=True).check()
    phone_page.get_by_role("button", name="שליחת התשובות").click()
    phone_page.get_by_role("heading", name="תודה רבה!").wait_for()
    screenshot(phone_page, "survey_phone_thanks")

    response = SurveyResponse.objects.get()
    assert (response.center, response.source, response.entered_by) == (netanya, "web", None)
    answers = {a.item.code: a.value for a in Answer.objects.filter(response=response).select_related("item")}
    assert (answers["staff_listen"], answers["staff_respect"], answers["long_wait"]) == (4, 3, 1)
    assert answers["recommend"] is None


@pytest.mark.django_db(transaction=True)
def test_manager_reads_the_survey_results_as_stacked_bars(page, netanya):
    questionnaire, _created = load_questionnaire(json.loads(QUESTIONNAIRE.read_text(encoding="utf-8")))
    items = list(questionnaire.items.all())
    for n in range(20):
        response = SurveyResponse.objects.create(questionnaire=questionnaire, center=netanya, source="paper",
                                                 answered_on=datetime.date.today() - datetime.timedelta(days=n))
        Answer.objects.bulk_create([
            Answer(response=response, item=item, value=None if (n + i) % 9 == 0 else 1 + (n * 3 + i) % 4)
            for i, item in enumerate(items)
        ])
    make_staff(Role.MANAGER, [netanya], username="manager2")
    log_in(page, "manager2")
    page.goto("/surveys/")
    page.get_by_role("button", name="תוצאות").click()
    page.locator("#items-chart").wait_for()
    assert page.locator("#response-count").inner_text() == "20"
    screenshot(page, "survey_report")

    page.goto("/surveys/")
    page.get_by_text("קישור וקוד QR לכל מרכז").click()
    page.get_by_role("link", name="מרכז הזדמנות נתניה").click()
    page.get_by_role("img", name="קוד QR של הקישור לשאלון").wait_for()
    link = page.locator(".qr-link a").inner_text()
    screenshot(page, "survey_qr_sheet")
    page.goto(link)
    page.get_by_role("button", name="שליחת התשובות").wait_for()


@pytest.mark.django_db(transaction=True)
def test_national_viewer_compares_every_center(page, netanya):
    other = CenterFactory(code="BSH", name="מרכז הזדמנות באר שבע", city=City.objects.get(name_he="באר שבע"))
    other.region = other.city.region
    other.save()
    YearlyTargetFactory(center=other, year=datetime.date.today().year, new_active_participants=40)
    for n in range(5):
        journey(other, datetime.date.today().replace(month=1, day=1) + datetime.timedelta(days=n * 30),
                city=other.city)
    make_staff(Role.NATIONAL_VIEWER, [], username="national1")
    log_in(page, "national1")
    page.goto("/reports/")
    page.get_by_role("heading", name="לוח מחוונים ארצי").wait_for()
    page.locator("#comparison-chart").wait_for()
    page.locator("#placement-chart").wait_for()
    cells = page.locator("#row-new_active_participants td")
    assert cells.count() == 4  # two centers, total, national median
    assert page.locator("#card-new_active_participants .figure").inner_text() == "17"
    screenshot(page, "dashboard_national")
    # Several centers: the team's caseloads a row per center, each opening its center's dashboard (its workers).
    page.locator("#tables summary").click()
    table = page.locator("#caseload-centers")
    assert table.locator("tbody tr").count() == 2
    assert page.locator("#id_worker_hint").count() == 0  # few workers: all listed, no hint
    table.scroll_into_view_if_needed()
    screenshot(page, "dashboard_national_caseload")
    make_staff(Role.SOCIAL_WORKER, [netanya], username="worker_ntn", first_name="רות", last_name="מזרחי")
    table.get_by_role("link", name=netanya.name).click()
    page.locator("#tables summary").click()
    page.locator("#caseload").wait_for()  # one center: a row per worker
    assert page.locator("#id_center").input_value() == "NTN"
    assert "רות מזרחי" in page.locator("#caseload").inner_text()  # the center's worker, a row of their own
    page.locator("#caseload").scroll_into_view_if_needed()
    screenshot(page, "dashboard_national_one_center_caseload")


@pytest.mark.django_db(transaction=True)
def test_a_long_export_shows_its_progress_then_its_file(page, netanya):
    from hizdamnut.jobs.models import Job, JobStatus

    manager = make_staff(Role.MANAGER, [netanya], username="manager3")
    job = Job.objects.create(user=manager, center=netanya, kind="dashboard_export", status=JobStatus.RUNNING,
                             stage="חישוב הנתונים", done=40, total=100)
    log_in(page, "manager3")
    page.goto(f"/jobs/{job.pk}/")
    progress = page.locator("progress")
    assert progress.get_attribute("value") == "40" and progress.get_attribute("max") == "100"
    screenshot(page, "export_progress")
    # The page asks again every second: when the work ends, the bar gives way to the file.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, done=100, file=b"x", file_name="dashboard.xlsx",
                                         content_type="application/octet-stream")
    page.get_by_role("link", name="הורדת dashboard.xlsx").wait_for(timeout=5_000)
    screenshot(page, "export_progress_done")
