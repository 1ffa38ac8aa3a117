"""What placed people: placements and 3/6-month retention by occupation sub-major group and match score band."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.employers.tests.factories import CandidacyFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.occupations.models import Occupation
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.match_outcomes import band_of, match_outcomes
from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory

pytestmark = pytest.mark.django_db
START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def placed(center, *, code, score, start, follow_ups=()):
    """A hire through an opening coded `code` (None: not classified) recommended at `score`; follow-ups as
    (months, employment)."""
    opening = JobOpeningFactory(employer=EmployerFactory(center=center),
                                occupation_unit=Occupation.objects.get(code=code) if code else None)
    candidacy = CandidacyFactory(opening=opening, stage="hired", score=score, recommended_on=start)
    placement = PlacementFactory(participant=candidacy.participant, candidacy=candidacy, start_date=start)
    for months, employment in follow_ups:
        FollowUpFactory(placement=placement, months_after=months, due_on=start, done_on=start,
                        employment=employment)
    return placement


@pytest.fixture
def hand_built(center):
    # Sales workers (52): two cashiers and a shop assistant; drivers (83): one; one found outside the center.
    placed(center, code="5230", score=105, start=datetime.date(2025, 2, 1), follow_ups=[(3, "same"), (6, "same")])
    placed(center, code="5230", score=75, start=datetime.date(2025, 3, 1), follow_ups=[(3, "none"), (6, "none")])
    placed(center, code="5223", score=80, start=datetime.date(2025, 4, 1), follow_ups=[(3, "other")])
    placed(center, code="8332", score=30, start=datetime.date(2025, 5, 1), follow_ups=[(3, "same")])
    placed(center, code=None, score=50, start=datetime.date(2025, 6, 1))
    outside = PlacementFactory(participant=ParticipantFactory(center=center), start_date=datetime.date(2025, 7, 1))
    FollowUpFactory(placement=outside, months_after=3, due_on=outside.start_date, done_on=outside.start_date,
                    employment="none")
    # Started the year before: not a placement of 2025, but its 6-month mark (2025-03) falls in it.
    placed(center, code="5230", score=110, start=datetime.date(2024, 9, 1), follow_ups=[(6, "same")])


def rows(report, grouping):
    return {row["code"]: row for row in report[grouping]}


def test_placements_and_retention_by_sub_major_group(center, hand_built):
    report = match_outcomes(centers=[center], start=START, end=END)
    groups = rows(report, "by_sub_major_group")
    assert groups["52"]["placements"] == 3
    assert groups["52"]["retention_3"] == {"numerator": 2, "denominator": 3, "value": 66.7}
    assert groups["52"]["retention_6"] == {"numerator": 2, "denominator": 3, "value": 66.7}
    assert groups["52"]["label"] == Occupation.objects.get(code="52").title_he
    assert groups["83"]["placements"] == 1 and groups["83"]["retention_3"]["value"] == 100.0
    assert groups["83"]["retention_6"] == {"numerator": 0, "denominator": 0, "value": None}
    assert groups["unclassified"]["placements"] == 1
    assert groups["none"]["placements"] == 1 and groups["none"]["retention_3"]["value"] == 0.0
    assert [row["code"] for row in report["by_sub_major_group"]] == ["52", "83", "none", "unclassified"]


def test_placements_and_retention_by_match_score_band(center, hand_built):
    bands = rows(match_outcomes(centers=[center], start=START, end=END), "by_score_band")
    assert bands["100+"]["placements"] == 1 and bands["100+"]["retention_6"]["denominator"] == 2
    assert bands["70–99"]["placements"] == 2
    assert bands["70–99"]["retention_3"] == {"numerator": 1, "denominator": 2, "value": 50.0}
    assert bands["<40"]["placements"] == 1 and bands["40–69"]["placements"] == 1
    assert bands["none"]["placements"] == 1


def test_score_bands_come_from_the_rules_file():
    assert [band_of(s) for s in (0, 39, 40, 69, 70, 99, 100, None)] == [
        "<40", "<40", "40–69", "40–69", "70–99", "70–99", "100+", "none"]


def test_another_centers_placements_are_not_counted(center, other_center, hand_built):
    report = match_outcomes(centers=[other_center], start=START, end=END)
    assert report["by_sub_major_group"] == [] and report["by_score_band"] == []


def test_the_report_costs_a_fixed_number_of_queries(center, hand_built, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        match_outcomes(centers=[center], start=START, end=END)


def test_command_writes_json_and_xlsx(center, hand_built, capsys, tmp_path):
    call_command("match_outcome_report", "--from", "2025-01-01", "--to", "2025-12-31", "--center", center.code)
    report = json.loads(capsys.readouterr().out)
    assert rows(report, "by_sub_major_group")["52"]["placements"] == 3
    path = tmp_path / "report.xlsx"
    call_command("match_outcome_report", "--format", "xlsx", "--from", "2025-01-01", "--to", "2025-12-31",
                 "--output", str(path))
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    header, *body = list(sheet.values)
    assert header[:4] == ("grouping", "code", "label", "placements")
    assert ("by_sub_major_group", "52") in {(r[0], r[1]) for r in body}
    assert sheet.sheet_view.rightToLeft


def test_page_and_api_show_the_same_numbers(client, staff, center, hand_built):
    client.force_login(staff(Role.EMPLOYER_LEAD))
    query = {"start": "2025-01-01", "end": "2025-12-31"}
    page = client.get(reverse("placements:match_outcomes"), query)
    assert page.status_code == 200
    assert Occupation.objects.get(code="52").title_he in page.content.decode()
    api = client.get("/api/v1/placements/match-outcomes", query).json()
    exported = client.get(reverse("placements:match_outcomes"), {**query, "format": "json"}).json()
    assert api == exported == match_outcomes(centers=[center], start=START, end=END)
    xlsx = client.get(reverse("placements:match_outcomes"), {**query, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
