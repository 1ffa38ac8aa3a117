"""The team's caseloads per center (a dashboard of several centers) are the rows per worker added up by center."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from hizdamnut.centers.models import Center
from hizdamnut.placements.models import FollowUp

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "2026-01-01", "date_to": "2026-10-31"}


@pytest.fixture
def national(three_center_demo, client):
    client.force_login(get_user_model().objects.get(username="national"))
    return client


def _dashboard(client, **query):
    return client.get(reverse("reports:dashboard"), {**PERIOD, **query}).context["data"]


@pytest.mark.parametrize("population", [{}, {"single_parent": "on"}, {"gender": "female"}])
def test_a_center_row_adds_up_its_workers_rows(national, population):
    everyone = _dashboard(national, **population)
    assert everyone["caseload_by"] == "center" and everyone["caseload"] == []
    rows = {row["center"]: row for row in everyone["caseload_by_center"]}
    assert list(rows) == [c.code for c in Center.objects.order_by("code")]
    assert sum(row["caseload"] for row in rows.values()) > 0  # the demo has caseloads to compare
    for code, row in rows.items():
        one = _dashboard(national, center=code, **population)
        assert one["caseload_by"] == "worker" and one["caseload_by_center"] == []
        workers = one["caseload"]
        assert row["workers"] == len(workers)
        for key in ("caseload", "overdue_tasks"):
            assert row[key] == sum(w[key] for w in workers), (code, key)
        # The center's unrecorded follow-ups past their due date, whoever is responsible (from the summary tables
        # when unfiltered): the workers' rows, and those of participants without a worker.
        assert row["overdue_follow_ups"] == sum(w["overdue_follow_ups"] for w in workers) + FollowUp.objects.filter(
            done_on__isnull=True, due_on__lt=datetime.date.today(), placement__participant__center__code=code,
            placement__participant__case_worker__isnull=True).count(), code
        assert row["per_worker"] == (round(row["caseload"] / row["workers"], 1) if row["workers"] else None)


def test_choosing_a_worker_shows_their_row_even_across_centers(national):
    worker = get_user_model().objects.filter(staff__role="social_worker").order_by("pk").first()
    data = _dashboard(national, worker=worker.pk)
    assert data["caseload_by"] == "worker"
    assert [row["worker_id"] for row in data["caseload"]] == [worker.pk]


def test_the_page_links_each_center_row_to_its_dashboard(national):
    response = national.get(reverse("reports:dashboard"), {**PERIOD, "gender": "female"})
    html = response.content.decode()
    assert 'id="caseload-centers"' in html and 'id="caseload"' not in html
    for center in Center.objects.all():
        assert f"center={center.code}" in html
    assert "gender=female" in html.split('id="caseload-centers"')[1]  # the filters stay chosen


def test_the_api_gives_either_breakdown_whatever_the_centers_shown(national):
    page = _dashboard(national)
    by_center = national.get("/api/v1/reports/indicators/caseload_per_center", PERIOD).json()["rows"]
    assert by_center == page["caseload_by_center"]
    by_worker = national.get("/api/v1/reports/indicators/caseload_per_worker", PERIOD).json()["rows"]
    assert {row["worker_id"] for row in by_worker} == {
        row["worker_id"] for code in [c.code for c in Center.objects.all()]
        for row in _dashboard(national, center=code)["caseload"]}
