"""bench/national.py runs (CI proves it at smoke size; no timing is asserted)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import national  # noqa: E402


@pytest.mark.django_db
def test_the_national_benchmark_runs_at_smoke_size(reference_data, capsys):
    # In-process on the test database; the gunicorn workload needs a real database (.ci/run runs it).
    report = national.main(["--smoke", "--users"])
    assert {row["page"] for row in report["pages"]} >= {"participant page", "center dashboard", "export PDF (national)",
                                                        "  to the 15th", "national to the 15th after writes"}
    assert all(row["queries"] > 0 and row["status"] == 200 for row in report["pages"])
    assert report["import_inquiries"]["rows"] == 200
    assert "national dashboard" in capsys.readouterr().out


@pytest.mark.django_db
def test_each_dashboard_aggregate_equals_its_hand_written_sql(reference_data):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the hand-written lower-bound SQL is PostgreSQL's")
    national.setup(smoke=True)
    rows = national.lower_bounds(1)
    assert {row["aggregate"] for row in rows} >= {"funnel", "placement rate", "recruitment vs target"}
    assert all(row["same_numbers"] for row in rows), rows
