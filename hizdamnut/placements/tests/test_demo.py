import pytest
from django.core.management import call_command

from hizdamnut.centers.reference import ensure_loaded
from hizdamnut.employers.models import Candidacy, JobOpening
from hizdamnut.placements.models import FollowUp, Placement
from hizdamnut.training.models import TrainingApplication

pytestmark = pytest.mark.django_db


def seed():
    ensure_loaded()
    call_command("seed_demo", "--centers", "2", "--participants", "80", "--seed", "3", "--today", "2026-06-01",
                 stdout=open("/dev/null", "w"))


def test_demo_builds_openings_candidates_placements_follow_ups_and_vouchers():
    seed()
    assert JobOpening.objects.exists() and Candidacy.objects.filter(stage="hired").exists()
    assert Placement.objects.exists() and FollowUp.objects.filter(done_on__isnull=False).exists()
    assert TrainingApplication.objects.exists()
    for placement in Placement.objects.select_related("participant"):
        assert placement.follow_ups.count() == 4
        assert placement.participant.status_changes.filter(status="placed").exists()


def snapshot():
    return list(Placement.objects.order_by("participant__id_number", "start_date").values_list(
        "participant__id_number", "role", "start_date", "monthly_wage", "employer__name"))


def test_demo_placements_are_deterministic():
    from django.db import transaction

    with transaction.atomic():
        seed()
        first = snapshot()
        transaction.set_rollback(True)
    seed()
    assert first and snapshot() == first
