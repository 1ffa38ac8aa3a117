"""The page, the API and the Excel download show the same numbers on the demo data."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "2026-01-01", "date_to": "2026-10-31"}


@pytest.mark.parametrize("username, query", [
    ("national", PERIOD),
    ("manager", PERIOD),
    ("manager", {**PERIOD, "single_parent": "on"}),
])
def test_page_api_and_excel_agree(client, three_center_demo, username, query):
    client.force_login(get_user_model().objects.get(username=username))
    page = client.get(reverse("reports:dashboard"), query).context["data"]
    api_query = {**query, "single_parent": "true"} if "single_parent" in query else query
    api = client.get("/api/v1/reports/dashboard", api_query).json()
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:dashboard_export", args=["xlsx"]), query).content))
    key_figures = workbook.worksheets[0]
    excel = {row[0]: row for row in key_figures.iter_rows(min_row=2, values_only=True)}

    assert page["indicators"][0]["value"] > 0  # the demo has figures to compare
    codes = [f["code"] for f in page["indicators"]]
    if "single_parent" not in query:  # the demo has outcome and funnel figures too
        for code in ("placement_rate", "funnel_screened", "days_to_screened", "retention_3"):
            assert page["indicators"][codes.index(code)]["denominator"], code
    for on_page, in_api in zip(page["indicators"], api["indicators"], strict=True):
        assert on_page["code"] == in_api["code"]
        for key in ("value", "numerator", "denominator", "national_median", "by_center"):
            assert on_page[key] == in_api[key], (on_page["code"], key)
        row = excel[on_page["label"]]
        for column, key in ((1, "value"), (3, "numerator"), (4, "denominator"), (6, "national_median")):
            expected = on_page[key]
            assert row[column] == ("—" if expected is None else expected), (on_page["code"], key)
    assert page["by_status"]["total"] == api["by_status"]["total"]
    assert page["trend"]["total"] == api["trend"]["total"]
    for key in ("funnel", "inquiries_by_source", "inquiries_by_reason", "by_response", "by_program", "caseload",
                "caseload_by", "caseload_by_center"):
        assert page[key] == api[key], key
    # sheets: key figures, by center, by status, by month, funnel, source, reason, response, program, caseload
    sheets = [list(sheet.iter_rows(min_row=2, values_only=True)) for sheet in workbook.worksheets]
    funnel = sheets[4][-5:]  # the total's five stages come last
    assert [(row[2], None if row[3] == "—" else row[3], None if row[4] == "—" else row[4]) for row in funnel] == [
        (stage["reached"], stage["conversion"], stage["median_days"]) for stage in page["funnel"]["total"]]
    by_source = {row[0]: row for row in sheets[5]}
    for key, label in page["inquiries_by_source"]["labels"].items():
        assert by_source[label][-2] == page["inquiries_by_source"]["total"][key]
    caseload = sheets[9]
    if page["caseload_by"] == "center":  # several centers: a row per center
        assert [(row[0], row[1], row[2], row[3], row[4], row[5]) for row in caseload] == [
            (row["name"], row["workers"], row["caseload"], "—" if row["per_worker"] is None else row["per_worker"],
             row["overdue_tasks"], row["overdue_follow_ups"]) for row in page["caseload_by_center"]]
    else:
        assert [(row[0], row[2], row[3], row[4]) for row in caseload] == [
            (row["worker"], row["caseload"], row["overdue_tasks"], row["overdue_follow_ups"])
            for row in page["caseload"]]
