"""Survey figures of small groups are hidden (SURVEY_MIN_GROUP, 5 by default), in the report and its differences."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.surveys.indicators import survey_report

from .factories import make_questionnaire, make_response

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = datetime.date(2026, 1, 10), datetime.date(2026, 2, 10), datetime.date(2026, 3, 10)


@pytest.fixture
def questionnaire():
    return make_questionnaire()


def answers(questionnaire, center, n, value=4, day=JAN):
    for _ in range(n):
        make_response(questionnaire, center, {"listen": value, "dismiss": 1, "hours": 3}, answered_on=day)


def listen(block):
    return next(row for row in block["items"] if row["code"] == "listen")


def test_the_minimum_group_defaults_to_five(settings):
    assert settings.SURVEY_MIN_GROUP == 5


def test_a_group_below_the_minimum_shows_its_size_but_no_figures(questionnaire, center):
    answers(questionnaire, center, 4)
    report = survey_report(questionnaire)
    assert report["responses"] == 4 and report["suppressed"] is True
    assert listen(report) == {"code": "listen", "counts": {"1": None, "2": None, "3": None, "4": None},
                              "no_answer": None, "mean": None}
    assert all(domain["mean"] is None for domain in report["domains"])
    assert report["by_center"]["NTN"]["suppressed"] is True


def test_a_group_of_the_minimum_size_is_shown(questionnaire, center):
    answers(questionnaire, center, 5)
    report = survey_report(questionnaire)
    assert report["suppressed"] is False
    assert listen(report)["mean"] == 4.0 and listen(report)["counts"]["4"] == 5


def test_reading_before_and_after_one_submission_shows_nothing_of_a_small_group(questionnaire, center):
    answers(questionnaire, center, 3)
    before = survey_report(questionnaire)
    answers(questionnaire, center, 1, value=1)
    after = survey_report(questionnaire)
    assert listen(before) == listen(after)  # nothing but the size changed


def test_a_small_center_cannot_be_worked_out_from_the_total_and_the_other_center(questionnaire, center,
                                                                                    other_center):
    answers(questionnaire, center, 6)
    answers(questionnaire, other_center, 2, value=1)
    report = survey_report(questionnaire)
    assert report["by_center"]["BSH"]["suppressed"] is True
    # total (8) is shown, so NTN must be hidden as well, or total − NTN would give away BSH's two answers
    assert report["suppressed"] is False
    assert report["by_center"]["NTN"]["suppressed"] is True


def test_overlapping_periods_that_differ_by_a_few_responses_hide_the_comparison(questionnaire, center):
    answers(questionnaire, center, 8, value=4, day=JAN)
    answers(questionnaire, center, 1, value=1, day=FEB)
    # Jan–Feb minus Jan alone is the one February response
    report = survey_report(questionnaire, date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 2, 28),
                           compare_from=datetime.date(2026, 1, 1), compare_to=datetime.date(2026, 1, 31))
    assert report["previous"]["suppressed"] is True
    assert listen(report["previous"])["mean"] is None
    assert report["change"]["suppressed"] is True
    assert all(row["mean"] is None for row in report["change"]["items"] + report["change"]["domains"])


def test_overlapping_periods_that_swap_one_response_for_another_hide_the_comparison(questionnaire, center):
    answers(questionnaire, center, 1, value=1, day=JAN)
    answers(questionnaire, center, 8, value=3, day=FEB)
    answers(questionnaire, center, 1, value=4, day=MAR)
    # same size (9 and 9), yet the difference is one January and one March response
    report = survey_report(questionnaire, date_from=datetime.date(2026, 2, 1), date_to=datetime.date(2026, 3, 31),
                           compare_from=datetime.date(2026, 1, 1), compare_to=datetime.date(2026, 2, 28))
    assert report["change"]["responses"] == 0
    assert report["change"]["suppressed"] is True
    assert report["previous"]["suppressed"] is True


def test_separate_periods_of_large_groups_keep_the_comparison(questionnaire, center):
    answers(questionnaire, center, 5, value=2, day=JAN)
    answers(questionnaire, center, 5, value=4, day=MAR)
    report = survey_report(questionnaire, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31),
                           compare_from=datetime.date(2026, 1, 1), compare_to=datetime.date(2026, 1, 31))
    assert report["change"]["suppressed"] is False
    assert {"code": "listen", "mean": 2.0} in report["change"]["items"]


def test_a_small_comparison_period_hides_the_change(questionnaire, center):
    answers(questionnaire, center, 2, value=2, day=JAN)
    answers(questionnaire, center, 6, value=4, day=MAR)
    report = survey_report(questionnaire, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31),
                           compare_from=datetime.date(2026, 1, 1), compare_to=datetime.date(2026, 1, 31))
    assert report["suppressed"] is False and report["previous"]["suppressed"] is True
    assert report["change"]["suppressed"] is True and {"code": "listen", "mean": None} in report["change"]["items"]


def test_the_page_shows_dashes_and_says_why(client, staff, questionnaire, center):
    answers(questionnaire, center, 2)
    client.force_login(staff(Role.MANAGER))
    content = client.get(reverse("surveys:report", args=["test-q"])).content.decode()
    assert 'id="suppressed-note"' in content
    assert "None" not in content
    assert "—" in content


def test_the_api_gives_null_and_suppressed(client, staff, questionnaire, center):
    answers(questionnaire, center, 2)
    client.force_login(staff(Role.MANAGER))
    data = client.get("/api/v1/surveys/questionnaires/test-q/report").json()
    assert data["suppressed"] is True and data["responses"] == 2
    assert listen(data)["mean"] is None and listen(data)["counts"]["4"] is None


def test_the_command_gives_null_and_suppressed(questionnaire, center, capsys):
    answers(questionnaire, center, 2)
    call_command("survey_report", questionnaire="test-q", format="json")
    data = json.loads(capsys.readouterr().out)
    assert data["suppressed"] is True and listen(data)["mean"] is None


def test_the_excel_export_shows_dashes_and_a_note(client, staff, questionnaire, center):
    import io

    import openpyxl

    answers(questionnaire, center, 2)
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:survey_export", args=["test-q", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "—" in values
    assert 4 not in values  # the "yes" count of the two responses
