"""The dashboard answers "are we on target?" first, and every export says what it holds."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import YearlyTargetFactory
from hizdamnut.reports.exports import Table, to_xlsx

from .factories import ACTIVE, INTAKE, d, journey

pytestmark = pytest.mark.django_db
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-06-30"}


@pytest.fixture
def data(center):
    YearlyTargetFactory(center=center, year=2026, new_active_participants=120)
    for _ in range(3):
        journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(2, 5)))


def test_the_first_screen_shows_the_headline_figures_against_target(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard"), PERIOD)
    codes = [f["code"] for f in response.context["headline"]]
    assert codes == ["new_active_participants", "target_attainment", "pace_to_date", "placement_rate"]
    page = response.content.decode()
    assert page.index('id="on-target"') < page.index('id="more-figures"')


def test_funnel_figures_are_a_table_not_duplicate_cards(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    page = client.get(reverse("reports:dashboard"), PERIOD).content.decode()
    assert 'id="funnel"' in page and 'id="card-funnel_screened"' not in page


def test_a_population_filter_hides_the_figures_against_count_targets_and_says_so(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard"), {**PERIOD, "single_parent": "on"})
    codes = [f["code"] for f in response.context["headline"]]
    assert "target_attainment" not in codes and "pace_to_date" not in codes
    assert 'id="targets-hidden"' in response.content.decode()


def test_the_excel_export_says_what_it_holds_and_keeps_targets_as_numbers(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard_export", args=["xlsx"]), PERIOD)
    assert response["Content-Disposition"] == 'attachment; filename="dashboard-NTN-2026-01-01-2026-06-30.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    about = {sheet.cell(row=r, column=9).value: sheet.cell(row=r, column=10).value for r in range(1, 6)}
    assert list(about.values())[1] == "01/01/2026 – 30/06/2026"
    assert "נתניה" in list(about.values())[0]
    assert isinstance(list(about.values())[4], datetime.datetime)
    attainment = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[2] == "%" and row[5])
    assert isinstance(attainment[5], int | float)


def test_a_filtered_export_is_named_so_and_has_no_targets(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard_export", args=["xlsx"]), {**PERIOD, "single_parent": "on"})
    assert response["Content-Disposition"].endswith('-filtered.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert {row[5] for row in sheet.iter_rows(min_row=2, max_col=7, values_only=True)} == {"—"}


def test_the_pdf_export_is_named_for_its_center_and_period(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard_export", args=["pdf"]), PERIOD)
    assert response["Content-Disposition"].endswith('dashboard-NTN-2026-01-01-2026-06-30.pdf"')


def test_sheet_names_are_cut_between_words():
    title = "משתתפים לפי תגובת הניתוב המשותפת והמעודכנת"
    workbook = load_workbook(io.BytesIO(to_xlsx([Table(title, ["a"], [[1]])])))
    name = workbook.sheetnames[0]
    assert len(name) <= 31 and title.startswith(name) and title[len(name)] == " "
