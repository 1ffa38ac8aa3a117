"""The home page's panel reads only the four figures it shows, over the user's centers."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hizdamnut.centers.roles import Role
from hizdamnut.reports.dashboard import HOME_FIGURES, build_dashboard, home_figures
from hizdamnut.reports.indicators import Filters

from .factories import four_active_people

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def _day(month, day):
    return datetime.date(2026, month, day)


@pytest.fixture
def data(center, other_center):
    four_active_people(center, other_center)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.NATIONAL_VIEWER])
def test_home_figures_equal_the_dashboards_totals(staff, data, role):
    user = staff(role)
    dashboard = build_dashboard(user, Filters(date_from=_day(1, 1), date_to=TODAY))
    totals = {f["code"]: f["value"] for f in dashboard["indicators"]}
    figures = home_figures(user, TODAY)
    assert [f["code"] for f in figures] == list(HOME_FIGURES)
    assert {f["code"]: f["value"] for f in figures} == {code: totals[code] for code in HOME_FIGURES}


def test_a_managers_home_figures_count_only_their_center(staff, data):
    figures = {f["code"]: f for f in home_figures(staff(Role.MANAGER), TODAY)}
    assert figures["new_active_participants"]["value"] == 3


def test_home_figures_cost_far_fewer_queries_than_the_dashboard(staff, data):
    user = staff(Role.NATIONAL_VIEWER)
    home_figures(user, TODAY)  # counts the summary tables' months (once, until a write makes one stale)
    with CaptureQueriesContext(connection) as home:
        home_figures(user, TODAY)
    with CaptureQueriesContext(connection) as dashboard:
        build_dashboard(user, Filters(date_from=_day(1, 1), date_to=TODAY))
    # The centers; new active participants and the pace (months' states, cells, targets); who the center serves
    # (two snapshots' states and cells, the people reopened in the period, the file holders of one month).
    assert len(home) <= 10 < len(dashboard)
