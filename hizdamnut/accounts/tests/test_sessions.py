from datetime import timedelta

import pytest
from django.utils import timezone

from hizdamnut.accounts.sessions import SEEN_AT, SIGNED_IN_AT
from hizdamnut.centers.roles import Role


@pytest.fixture
def worker_client(client, staff):
    client.force_login(staff(Role.COORDINATOR, username="worker"))
    return client


def shift_clocks(client, **ago):
    """Pretend the session's sign-in and last request happened `ago` (e.g. seen=timedelta(minutes=31))."""
    session = client.session
    now = timezone.now().timestamp()
    if "signed_in" in ago:
        session[SIGNED_IN_AT] = now - ago["signed_in"].total_seconds()
    if "seen" in ago:
        session[SEEN_AT] = now - ago["seen"].total_seconds()
    session.save()


def test_the_session_cookie_lives_no_longer_than_the_absolute_limit(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_AGE * 3600 == 12 * 3600
    assert settings.SESSION_IDLE_TIMEOUT == 30


def test_an_active_session_stays_signed_in(worker_client):
    shift_clocks(worker_client, seen=timedelta(minutes=29), signed_in=timedelta(hours=11))
    assert worker_client.get("/").status_code == 200


def test_a_session_idle_past_the_timeout_is_signed_out_with_a_message(worker_client):
    shift_clocks(worker_client, seen=timedelta(minutes=31))
    response = worker_client.get("/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    assert "_auth_user_id" not in worker_client.session
    assert "ההתחברות הסתיימה" in response.content.decode()


def test_the_idle_timeout_is_a_setting(worker_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 5
    shift_clocks(worker_client, seen=timedelta(minutes=6))
    assert worker_client.get("/").status_code == 302


def test_a_session_past_the_absolute_limit_is_signed_out_however_active(worker_client):
    shift_clocks(worker_client, seen=timedelta(minutes=1), signed_in=timedelta(hours=12, minutes=1))
    assert worker_client.get("/").status_code == 302
    assert "_auth_user_id" not in worker_client.session


def test_each_request_moves_the_idle_clock(worker_client):
    shift_clocks(worker_client, seen=timedelta(minutes=20))
    worker_client.get("/")
    assert timezone.now().timestamp() - worker_client.session[SEEN_AT] < 60
    shift_clocks(worker_client, signed_in=timedelta(minutes=45))
    assert worker_client.get("/").status_code == 200


def test_the_clock_moves_with_time_itself(worker_client, monkeypatch):
    later = timezone.now() + timedelta(minutes=31)
    monkeypatch.setattr("hizdamnut.accounts.middleware.timezone.now", lambda: later)
    assert worker_client.get("/").status_code == 302
