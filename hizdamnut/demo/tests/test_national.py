"""`seed_demo --scale` at a tiny size: the bulk data keeps the services' invariants (one seed for the module; the
tests that seed an empty database are in test_national_seeding.py)."""

import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F, Max

from hizdamnut.centers.reference import ensure_loaded
from hizdamnut.centers.tests.module_data import built_once_per_module
from hizdamnut.demo.core import DEMO_PASSWORD, ROLE_USERS
from hizdamnut.demo.national import TABLES
from hizdamnut.participants.models import Participant, StatusChange
from hizdamnut.participants.validators import israeli_id_is_valid

pytestmark = pytest.mark.django_db
DAY = "2026-06-01"


def seed(*extra):
    ensure_loaded()
    call_command("seed_demo", "--scale", "small", "--scale-factor", "0.006", "--seed", "4", "--today", DAY,
                 *extra, stdout=io.StringIO(), verbosity=0)


demo = built_once_per_module(seed)


def sample(model, size=40):
    return list(model.objects.order_by("pk")[:size]) + list(model.objects.order_by("-pk")[:size])


def test_every_table_gets_rows_that_pass_the_models_validation(demo):
    for model in TABLES:
        rows = sample(model)
        assert rows, model
        for row in rows:
            row.full_clean()


def test_the_eight_demo_users_log_in(demo):
    users = {u.username: u for u in get_user_model().objects.select_related("staff")}
    for username, role in ROLE_USERS:
        assert users[username].check_password(DEMO_PASSWORD) and users[username].staff.role == role, username
    assert get_user_model().objects.count() > len(ROLE_USERS)


def test_statuses_follow_their_history_and_dates_follow_each_other(demo):
    today = datetime.date.fromisoformat(DAY)
    for participant in Participant.objects.prefetch_related("status_changes"):
        history = sorted(participant.status_changes.all(), key=lambda c: (c.changed_on, c.recorded_at))
        assert history[0].status == "intake"
        assert history[-1].status == participant.status
        assert all(c.changed_on <= today for c in history)
        assert israeli_id_is_valid(participant.id_number)
    assert not StatusChange.objects.filter(status="closed", reason="").exists()
    Inquiry = apps.get_model("inquiries", "Inquiry")
    for inquiry in Inquiry.objects.prefetch_related("status_changes"):
        days = [c.changed_on for c in inquiry.status_changes.all()]
        assert days == sorted(days) and days[0] == inquiry.received_on
        assert inquiry.status_changes.all()[len(days) - 1].status == inquiry.status
    RoutingDecision = apps.get_model("intake", "RoutingDecision")
    assert not RoutingDecision.objects.filter(decided_on__lt=F("intake__held_on")).exists()
    Placement = apps.get_model("placements", "Placement")
    assert not Placement.objects.filter(start_date__gt=today).exists()
    assert not Placement.objects.filter(follow_ups__done_on__lt=F("start_date")).exists()
    JobOpening = apps.get_model("employers", "JobOpening")
    for opening in JobOpening.objects.prefetch_related("candidacies"):
        hired = sum(c.stage == "hired" for c in opening.candidacies.all())
        assert hired <= opening.positions
        assert (opening.status == "filled") == (hired == opening.positions)


def test_new_rows_after_the_seed_get_fresh_ids(demo):
    top = Participant.objects.aggregate(top=Max("pk"))["top"]
    participant = Participant.objects.first()
    participant.pk = None
    participant.id_number = "000000018"
    participant.save()
    assert participant.pk > top
