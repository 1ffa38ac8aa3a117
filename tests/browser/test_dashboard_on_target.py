"""A manager's dashboard answers "are we on target?" on its first screen; filtered to a population, it hides the
figures measured against the whole center's targets and says so; the Excel export says what it holds."""

import datetime

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory, YearlyTargetFactory, make_staff
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.reports.tests.factories import journey

from .conftest import SCREENSHOTS, log_in, screenshot


@pytest.mark.django_db(transaction=True)
def test_dashboard_first_screen_and_filtered_export(page):
    center = CenterFactory(code="NTN", name="מרכז הזדמנות נתניה", city=City.objects.get(name_he="נתניה"))
    today = datetime.date.today()
    YearlyTargetFactory(center=center, year=today.year, new_active_participants=60)
    for n in range(9):
        day = today.replace(month=1, day=1) + datetime.timedelta(days=n * 20)
        journey(center, (JourneyStatus.INTAKE, day), (JourneyStatus.ACTIVE, day + datetime.timedelta(days=5)),
                single_parent=n % 3 == 0)
    make_staff(Role.MANAGER, [center], username="manager1", first_name="רונית", last_name="אלון")

    log_in(page, "manager1")
    page.goto("/reports/")
    expect(page.get_by_role("heading", name="האם אנחנו עומדים ביעד?")).to_be_visible()
    expect(page.locator("#on-target #card-target_attainment")).to_be_visible()
    expect(page.locator("#more-figures #card-retention_3")).to_be_hidden()  # a click away
    page.screenshot(path=str(SCREENSHOTS / "dashboard_on_target_first_screen.png"))  # the first screen only
    page.locator("#more-figures summary").click()
    expect(page.locator("#card-retention_3")).to_be_visible()

    page.get_by_label("הורים עצמאיים בלבד").check()
    page.get_by_role("button", name="הצגה").click()
    page.wait_for_url("**single_parent=on**")
    expect(page.locator("#targets-hidden")).to_be_visible()
    expect(page.locator("#card-target_attainment")).to_have_count(0)
    expect(page.locator("#card-new_active_participants .figure")).to_have_text("3")
    screenshot(page, "dashboard_on_target_filtered")

    with page.expect_download() as download:
        page.get_by_role("button", name="הורדה לאקסל").click()
    name = download.value.suggested_filename
    assert name.startswith("dashboard-NTN-") and name.endswith("-filtered.xlsx")
    path = SCREENSHOTS / download.value.suggested_filename
    download.value.save_as(path)
    sheet = load_workbook(path).worksheets[0]
    about = [sheet.cell(row=row, column=9).value for row in range(1, 6)]
    assert about == ["מרכזים", "תקופה", "סינון", "יעדים", "הופק ב־"]
