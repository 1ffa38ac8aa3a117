import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from hizdamnut.centers.models import Center
from hizdamnut.centers.reference import ensure_loaded
from hizdamnut.participants.models import Participant
from hizdamnut.participants.validators import israeli_id_is_valid, validate_israeli_phone

pytestmark = pytest.mark.django_db
DAY = "2026-06-01"


def seed(*args):
    ensure_loaded()
    call_command("seed_demo", *args, stdout=open("/dev/null", "w"))


def snapshot():
    return list(Participant.objects.order_by("id_number").values_list(
        "id_number", "first_name", "last_name", "birth_date", "phone", "center__code", "city__name_he", "status"))


def test_demo_people_have_valid_fictional_ids_and_phones():
    seed("--centers", "3", "--participants", "60", "--seed", "5", "--today", DAY)
    assert Center.objects.count() == 3 and Participant.objects.count() == 60
    for participant in Participant.objects.all():
        assert israeli_id_is_valid(participant.id_number)
        validate_israeli_phone(participant.phone)


def test_the_same_seed_gives_the_same_data():
    with transaction.atomic():
        seed("--centers", "2", "--participants", "40", "--seed", "9", "--today", DAY)
        first = snapshot()
        transaction.set_rollback(True)
    assert not Participant.objects.exists()
    seed("--centers", "2", "--participants", "40", "--seed", "9", "--today", DAY)
    assert snapshot() == first


def test_seeding_a_database_with_data_is_refused_unless_if_empty():
    seed("--centers", "1", "--participants", "5")
    with pytest.raises(CommandError):
        seed("--centers", "1", "--participants", "5")
    seed("--centers", "1", "--participants", "5", "--if-empty")
    assert Participant.objects.count() == 5


def test_every_role_gets_a_demo_login():
    seed("--centers", "1", "--participants", "1")
    from django.contrib.auth import get_user_model

    from hizdamnut.demo.core import ROLE_USERS

    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert {username for username, _role in ROLE_USERS} <= usernames
