"""Survey means and domain scores on hand-built data (every expected number worked out by hand)."""

import datetime

import pytest

from hizdamnut.surveys.indicators import round_half_up, survey_report

from .factories import make_questionnaire, make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire():
    return make_questionnaire()


@pytest.fixture
def three_responses(questionnaire, center):
    make_response(questionnaire, center, {"listen": 4, "dismiss": 1, "hours": 2})
    make_response(questionnaire, center, {"listen": 3, "dismiss": 2, "hours": None})
    make_response(questionnaire, center, {"listen": None, "dismiss": 4, "hours": 3})


def item(report, code):
    return next(row for row in report["items"] if row["code"] == code)


def domain(report, code):
    return next(row for row in report["domains"] if row["code"] == code)


@pytest.mark.usefixtures("show_tiny_groups")
def test_item_counts_and_no_answers(questionnaire, three_responses):
    report = survey_report(questionnaire)
    assert report["responses"] == 3
    assert item(report, "listen") == {"code": "listen", "counts": {"1": 0, "2": 0, "3": 1, "4": 1},
                                      "no_answer": 1, "mean": 3.5}


@pytest.mark.usefixtures("show_tiny_groups")
def test_item_mean_uses_raw_values_even_for_reversed_items(questionnaire, three_responses):
    # (1 + 2 + 4) / 3 = 2.333…
    assert item(survey_report(questionnaire), "dismiss")["mean"] == 2.33


@pytest.mark.usefixtures("show_tiny_groups")
def test_domain_mean_flips_reversed_items(questionnaire, three_responses):
    # listen 4, 3; dismiss 1, 2, 4 flipped to 4, 3, 1 → (4 + 3 + 4 + 3 + 1) / 5 = 3.0
    assert domain(survey_report(questionnaire), "attitude") == {"code": "attitude", "mean": 3.0, "items": 2}


@pytest.mark.usefixtures("show_tiny_groups")
def test_domain_with_one_item_equals_its_mean(questionnaire, three_responses):
    # hours 2, 3 → 2.5
    assert domain(survey_report(questionnaire), "service")["mean"] == 2.5


def test_means_round_half_up_not_to_even():
    assert round_half_up(17, 8) == 2.13  # 2.125
    assert round_half_up(5, 8) == 0.63  # 0.625


def test_empty_period_has_no_means_and_no_crash(questionnaire, three_responses):
    report = survey_report(questionnaire, date_from=datetime.date(2020, 1, 1), date_to=datetime.date(2020, 12, 31))
    assert report["responses"] == 0
    assert item(report, "listen") == {"code": "listen", "counts": {"1": 0, "2": 0, "3": 0, "4": 0},
                                      "no_answer": 0, "mean": None}
    assert domain(report, "attitude")["mean"] is None
    assert report["by_center"] == {}


@pytest.mark.usefixtures("show_tiny_groups")
def test_report_splits_by_center(questionnaire, three_responses, other_center):
    make_response(questionnaire, other_center, {"listen": 1, "dismiss": 4, "hours": 1})
    report = survey_report(questionnaire)
    assert report["responses"] == 4
    assert report["by_center"]["BSH"]["responses"] == 1
    assert item(report["by_center"]["BSH"], "listen")["mean"] == 1.0
    assert domain(report["by_center"]["BSH"], "attitude")["mean"] == 1.0  # (1 + (5 − 4)) / 2
    assert report["by_center"]["NTN"]["responses"] == 3


def test_center_filter_limits_the_report(questionnaire, three_responses, other_center, center):
    make_response(questionnaire, other_center, {"listen": 1})
    from hizdamnut.centers.models import Center

    report = survey_report(questionnaire, centers=Center.objects.filter(pk=other_center.pk))
    assert report["responses"] == 1
    assert list(report["by_center"]) == ["BSH"]


@pytest.mark.usefixtures("show_tiny_groups")
def test_change_against_previous_period(questionnaire, three_responses, center):
    make_response(questionnaire, center, {"listen": 2, "dismiss": 3}, answered_on=datetime.date(2025, 3, 1))
    report = survey_report(questionnaire, date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 12, 31),
                           compare_from=datetime.date(2025, 1, 1), compare_to=datetime.date(2025, 12, 31))
    assert report["previous"]["responses"] == 1
    assert report["change"]["responses"] == 2
    assert {"code": "listen", "mean": 1.5} in report["change"]["items"]  # 3.5 − 2.0
    # attitude before: (2 + (5 − 3)) / 2 = 2.0; now 3.0
    assert {"code": "attitude", "mean": 1.0} in report["change"]["domains"]
    assert {"code": "hours", "mean": None} in report["change"]["items"]  # no answer before
