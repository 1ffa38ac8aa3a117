from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from hizdamnut.centers.roles import Role

LOGIN = "/accounts/login/"
PASSWORD = "demo-pass-123"


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def worker(staff):
    return staff(Role.COORDINATOR, username="worker")


def test_the_right_password_signs_in(client, worker):
    assert sign_in(client, "worker", PASSWORD).status_code == 302
    assert signed_in(client)


def test_after_30_wrong_passwords_the_right_one_is_refused_with_a_hebrew_message(client, worker):
    for _ in range(30):
        sign_in(client, "worker", "wrong-password")
    response = sign_in(client, "worker", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    assert "יותר מדי ניסיונות כניסה כושלים" in response.content.decode()


def test_the_lock_ends_after_the_cool_off(client, worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "worker", "wrong-password")
    assert sign_in(client, "worker", PASSWORD).status_code == 429
    # The failures happened longer ago than the cool-off.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    assert sign_in(client, "worker", PASSWORD).status_code == 302
    assert signed_in(client)


def test_axes_reset_lifts_the_lock(client, worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "worker", "wrong-password")
    assert sign_in(client, "worker", PASSWORD).status_code == 429
    call_command("axes_reset", verbosity=0)
    assert sign_in(client, "worker", PASSWORD).status_code == 302


def test_the_lock_is_per_user_name(client, worker, staff, settings):
    staff(Role.COORDINATOR, username="colleague")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "worker", "wrong-password")
    assert sign_in(client, "colleague", PASSWORD).status_code == 302
