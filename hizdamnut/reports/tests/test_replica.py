"""The dashboard reads from the "replica" database when one is configured, and from "default" otherwise."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import Participant
from hizdamnut.reports.dashboard import build_dashboard
from hizdamnut.reports.indicators import Filters
from hizdamnut.routers import REPLICA, ReportReadsRouter, report_reads

from .factories import ACTIVE, INTAKE, d, journey


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    """A second alias onto the test database, as a TEST MIRROR replica would be (for this module only; module
    scope so that it exists before a test declares it among its databases)."""
    with django_db_blocker.unblock():
        connections.settings[REPLICA] = {**connections["default"].settings_dict}
        yield
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.fixture
def replica():
    return connections[REPLICA]


def test_reads_stay_on_default_without_a_replica(monkeypatch):
    monkeypatch.setattr("hizdamnut.routers.replica_configured", lambda: False)
    with report_reads():
        assert ReportReadsRouter().db_for_read(Participant) is None


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_the_dashboard_reads_from_the_replica(replica, staff, center):
    journey(center, (INTAKE, d(1, 5)), (ACTIVE, d(2, 1)))
    national = staff(Role.NATIONAL_VIEWER, centers=[])
    filters = Filters(date_from=d(1, 1), date_to=d(12, 31))
    build_dashboard(national, filters, today=d(11, 1))  # counts the summary tables' months and days, on the primary
    with CaptureQueriesContext(connections["default"]) as on_default, CaptureQueriesContext(replica) as on_replica:
        dashboard = build_dashboard(national, filters, today=d(11, 1))
    # Only the summary tables are read on the primary (a replica may lag behind their versions), the days of the
    # month the period covers in part among them.
    assert len(on_replica) > 5  # the rows: statuses on a day, caseloads, the period's placements…
    assert on_default and all(any(f"centers_{table}" in q["sql"] for table in ("summarymonth", "monthlyfigure",
                                                                            "daysfigure"))
                              for q in on_default.captured_queries)
    assert dashboard["by_status"]["total"]["active"] == 1


def test_writes_and_other_reads_stay_on_default(replica):
    router = ReportReadsRouter()
    assert router.db_for_read(Participant) is None
    assert router.db_for_write(Participant) is None
    with report_reads():
        assert router.db_for_read(Participant) == REPLICA
        assert router.db_for_write(Participant) is None
    assert router.allow_migrate(REPLICA, "participants") is False
