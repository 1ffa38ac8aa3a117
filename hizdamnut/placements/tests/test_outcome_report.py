import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def test_outcome_report_json_uses_the_indicator_functions(center, other_center, capsys):
    placement = PlacementFactory(participant=ParticipantFactory(center=center), start_date=datetime.date(2025, 1, 10),
                                 monthly_wage=Decimal("7000"))
    FollowUpFactory(placement=placement, months_after=3, due_on=datetime.date(2025, 4, 10),
                    done_on=datetime.date(2025, 4, 12), employment="same", satisfaction=4)
    call_command("outcome_report", "--format", "json", "--from", "2025-01-01", "--to", "2025-12-31")
    report = json.loads(capsys.readouterr().out)
    by_code = {r["code"]: r for r in report["indicators"]}
    assert by_code["retention_3"]["value"] == 100.0 and by_code["retention_3"]["denominator"] == 1
    assert by_code["job_satisfaction"]["value"] == 4.0
    assert by_code["retention_12"]["value"] is None
    bsh = {r["code"]: r for r in report["by_center"]["BSH"]}
    assert bsh["job_satisfaction"]["value"] is None
