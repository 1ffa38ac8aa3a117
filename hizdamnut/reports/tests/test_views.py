import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import YearlyTargetFactory
from hizdamnut.placements.tests.factories import PlacementFactory

from .factories import ACTIVE, INTAKE, d, four_active_people, journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(center, other_center):
    four_active_people(center, other_center)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN])
def test_dashboard_renders_for_management(client, staff, data, role):
    client.force_login(staff(role))
    assert client.get(reverse("reports:dashboard")).status_code == 200


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COACH, Role.SOCIAL_WORKER])
def test_dashboard_is_refused_to_other_roles(client, staff, role):
    client.force_login(staff(role))
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get("/api/v1/reports/dashboard").status_code == 403


def test_manager_sees_only_their_center(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    period = {"date_from": "2026-01-01", "date_to": "2026-06-30"}
    data = client.get(reverse("reports:dashboard"), period).context["data"]
    assert [c["code"] for c in data["centers"]] == ["NTN"]
    new = data["indicators"][0]
    assert new["value"] == 3
    assert new["by_center"] == {"NTN": {"value": 3, "numerator": 3, "denominator": None}}


def test_manager_asking_for_another_center_gets_no_data_of_it(client, staff, data, other_center):
    client.force_login(staff(Role.MANAGER))
    page = client.get(reverse("reports:dashboard"), {"center": "BSH"})
    assert "BSH" not in [c["code"] for c in page.context["data"]["centers"]]
    assert client.get("/api/v1/reports/dashboard?center=BSH").status_code == 404
    assert client.get(reverse("reports:yearly_report", args=["BSH", 2026])).status_code == 404


def test_national_view_shows_every_center_with_total_and_median(client, staff, data):
    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[]))
    page = client.get(reverse("reports:dashboard"), {"date_from": "2026-01-01", "date_to": "2026-06-30"})
    assert page.context["national"]
    new = page.context["data"]["indicators"][0]
    assert new["by_center"]["NTN"]["value"] == 3 and new["by_center"]["BSH"]["value"] == 1
    assert new["value"] == 4
    assert new["national_median"] == 2.0
    assert "comparison-chart" in page.content.decode()


def test_the_period_line_names_a_few_centers_and_counts_many(client, staff, data):
    """Two centers are named; the country's hundred would fill the screen, so more than three are counted (their
    names on hover)."""
    from hizdamnut.centers.tests.factories import CenterFactory

    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[]))

    def period_line():
        page = client.get(reverse("reports:dashboard"), {"date_from": "2026-01-01", "date_to": "2026-06-30"})
        return re.search(r'<p class="muted" id="period">(.*?)</p>', page.content.decode(), re.S).group(1)

    line = period_line()
    assert "מרכז הזדמנות נתניה" in line and "מרכז הזדמנות באר שבע" in line
    CenterFactory.create_batch(3)
    line = period_line()
    assert "5 מרכזים" in line and 'title="' in line


def test_missing_figures_show_a_dash_never_zero_percent(client, staff, center):
    client.force_login(staff(Role.MANAGER))
    content = client.get(reverse("reports:dashboard")).content.decode()
    assert "—" in content
    assert not re.search(r"(?<![0-9])0\.0%", content)


def test_dashboard_shows_each_definition(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    content = client.get(reverse("reports:dashboard")).content.decode()
    assert reverse("reports:definitions") + "#region_residents_share" in content
    assert client.get(reverse("reports:definitions")).status_code == 200


def _grow(center, n):
    """n more participants with an inquiry, an intake, a routing decision, a placement and a follow-up each."""
    from hizdamnut.inquiries.models import InquiryStatusChange
    from hizdamnut.inquiries.tests.factories import InquiryFactory
    from hizdamnut.intake.models import RoutingDecision
    from hizdamnut.intake.tests.factories import IntakeMeetingFactory
    from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory

    for _ in range(n):
        participant = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(3, 5)))
        inquiry = InquiryFactory(center=center, received_on=d(1, 1), participant=participant)
        InquiryStatusChange.objects.create(inquiry=inquiry, status="routed", changed_on=d(1, 20))
        meeting = IntakeMeetingFactory(participant=participant, held_on=d(1, 15), disability_percent=50)
        RoutingDecision.objects.create(participant=participant, intake=meeting, decided_on=d(1, 20),
                                       model_version="t", recommended_response="courses", response="courses")
        placement = PlacementFactory(participant=participant, start_date=d(2, 1))
        FollowUpFactory(placement=placement, months_after=3, due_on=d(5, 1), done_on=d(5, 2), employment="same")


def test_dashboard_costs_a_fixed_number_of_queries(client, staff, data, center, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[]))
    url = reverse("reports:dashboard")
    _grow(center, 2)
    client.get(url)  # the writes made months of the summary tables stale: this request counts them again
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    small = len(small)  # now: the connection keeps only its last 9,000 queries, and counting again writes many
    _grow(center, 10)
    client.get(url)
    with django_assert_num_queries(small):
        client.get(url)
    assert small <= 60  # two centers; each adds the outcome functions' few queries


def test_excel_download_has_real_numbers_in_a_right_to_left_sheet(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard_export", args=["xlsx"]),
                          {"date_from": "2026-01-01", "date_to": "2026-06-30"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert sheet.cell(row=2, column=2).value == 3
    # 3 of 120 × 181/365 = 59.5 expected → 5.0%, stored as a number, not as text
    assert sheet.cell(row=3, column=2).value == 5.0
    assert sheet.cell(row=3, column=2).data_type == "n"


def test_pdf_download_and_yearly_report(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    assert client.get(reverse("reports:dashboard_export", args=["pdf"])).content.startswith(b"%PDF")
    yearly = client.get(reverse("reports:yearly_report", args=["NTN", 2026]))
    assert yearly.content.startswith(b"%PDF")
    assert yearly["Content-Disposition"].endswith('yearly-report-NTN-2026.pdf"')


def test_api_returns_one_figure(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    figure = client.get("/api/v1/reports/indicators/new_active_participants",
                        {"date_from": "2026-01-01", "date_to": "2026-06-30"}).json()
    assert (figure["value"], figure["numerator"]) == (3, 3)
    assert client.get("/api/v1/reports/indicators/no_such_thing").status_code == 404


def test_api_lists_definitions(client, staff):
    client.force_login(staff(Role.MANAGER))
    codes = [row["code"] for row in client.get("/api/v1/reports/indicators").json()]
    assert "region_residents_share" in codes and "participants_by_status" in codes


def test_api_refuses_a_bad_period(client, staff):
    client.force_login(staff(Role.MANAGER))
    response = client.get("/api/v1/reports/dashboard", {"date_from": "2026-05-01", "date_to": "2026-01-01"})
    assert response.status_code == 422


def test_home_panel_shows_key_figures_to_managers(client, staff, data):
    client.force_login(staff(Role.MANAGER))
    content = client.get("/").content.decode()
    assert reverse("reports:dashboard") in content


def test_population_filter_shows_the_population_s_placement_rate(client, staff, data, center):
    parent = journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(2, 5)), single_parent=True)
    PlacementFactory(participant=parent, start_date=d(3, 1))
    journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(2, 5)), single_parent=True)
    client.force_login(staff(Role.MANAGER))
    period = {"date_from": "2026-01-01", "date_to": "2026-06-30"}
    page = client.get(reverse("reports:dashboard"), {**period, "single_parent": "on"})
    placement = next(f for f in page.context["data"]["indicators"] if f["code"] == "placement_rate")
    # 1 placed of the 2 single parents (the 3 other participants of the center are left out)
    assert (placement["value"], placement["numerator"], placement["denominator"]) == (50.0, 1, 2)
    assert placement["available"] and placement["by_center"]["NTN"]["value"] == 50.0
    assert "Not narrowed" not in page.content.decode()
    assert page.context["data"]["filters"]["single_parent"] is True


def test_placement_rate_is_compared_with_the_center_s_own_target(client, staff, center):
    YearlyTargetFactory(center=center, year=2026, new_active_participants=100, placement_rate=45)
    client.force_login(staff(Role.MANAGER))
    period = {"date_from": "2026-01-01", "date_to": "2026-06-30"}
    data = client.get(reverse("reports:dashboard"), period).context["data"]
    placement = next(f for f in data["indicators"] if f["code"] == "placement_rate")
    assert placement["target_value"] == 45.0 and placement["center_targets"] == {"NTN": 45.0}


@pytest.mark.parametrize("code", ["funnel", "inquiries_by_source", "inquiries_by_reason", "participants_by_response",
                                  "participants_by_program", "caseload_per_worker", "retention_6", "days_to_placed"])
def test_api_returns_each_new_figure(client, staff, data, code):
    client.force_login(staff(Role.MANAGER))
    assert client.get(f"/api/v1/reports/indicators/{code}", {"released_prisoner": "true"}).status_code == 200


def test_definitions_page_defines_every_breakdown(client, staff):
    client.force_login(staff(Role.MANAGER))
    content = client.get(reverse("reports:definitions")).content.decode()
    for code in ("funnel_placed", "caseload_per_worker", "participants_by_response", "inquiries_by_reason"):
        assert f'id="{code}"' in content
