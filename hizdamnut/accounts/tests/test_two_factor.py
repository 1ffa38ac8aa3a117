import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizdamnut.centers.roles import Role

PASSWORD = "demo-pass-123"
SETUP = reverse("two_factor_setup")
VERIFY = reverse("two_factor_verify")


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.HZ_REQUIRE_2FA = True


def sign_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def code_for(device, offset=0):
    return f"{totp(device.bin_key, t0=-offset * 30):06d}"


def shown_secret(response):
    found = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', response.content.decode())
    return b32decode(found.group(1).replace(" ", ""))


@pytest.mark.parametrize("role", [Role.MANAGER, Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN])
def test_roles_that_must_use_2fa_are_sent_to_enrol_after_the_password(client, staff, role):
    staff(role, username="boss")
    sign_in(client, "boss")
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(SETUP)


def test_a_superuser_must_use_2fa_in_the_admin_too(client, staff):
    staff(Role.COORDINATOR, username="root", is_superuser=True, is_staff=True)
    sign_in(client, "root")
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(SETUP)


def test_enrolment_shows_the_secret_and_a_code_from_it_lets_the_user_in(client, staff):
    manager = staff(Role.MANAGER, username="boss")
    sign_in(client, "boss")
    page = client.get(SETUP + "?next=/participants/")
    assert page.status_code == 200 and b"<svg" in page.content
    key = shown_secret(page)
    response = client.post(SETUP, {"code": f"{totp(key):06d}", "next": "/participants/"})
    assert response.status_code == 302 and response.url == "/participants/"
    assert TOTPDevice.objects.get(user=manager).confirmed
    assert client.get("/").status_code == 200


def test_a_wrong_code_does_not_enrol(client, staff):
    manager = staff(Role.MANAGER, username="boss")
    sign_in(client, "boss")
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=manager, confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_a_user_with_a_device_is_asked_for_the_code_and_let_in_with_it(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code
    manager = staff(Role.MANAGER, username="boss")
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    sign_in(client, "boss")
    response = client.get("/participants/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert client.post(VERIFY, {"code": "123456", "next": "/"}).status_code == 200
    assert client.get("/").status_code == 302
    response = client.post(VERIFY, {"code": code_for(device), "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200


def test_a_code_is_accepted_only_once(client, staff):
    manager = staff(Role.MANAGER, username="boss")
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    code = code_for(device)
    sign_in(client, "boss")
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    sign_in(client, "boss")
    assert client.post(VERIFY, {"code": code}).status_code == 200


def test_wrong_codes_slow_down_further_tries(client, staff):
    manager = staff(Role.MANAGER, username="boss")
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    sign_in(client, "boss")
    client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 200
    assert "ניסיונות" in response.content.decode()


def test_the_next_address_may_not_leave_the_site(client, staff):
    manager = staff(Role.MANAGER, username="boss")
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    sign_in(client, "boss")
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response.url == "/"


def test_other_roles_need_no_second_factor(client, staff):
    staff(Role.COORDINATOR, username="worker")
    sign_in(client, "worker")
    assert client.get("/").status_code == 200


def test_another_role_may_turn_2fa_on_and_is_then_asked_for_it(client, staff):
    worker = staff(Role.COORDINATOR, username="worker")
    sign_in(client, "worker")
    account = client.get(reverse("account"))
    assert SETUP.encode() in account.content
    key = shown_secret(client.get(SETUP))
    client.post(SETUP, {"code": f"{totp(key):06d}"})
    assert TOTPDevice.objects.get(user=worker).confirmed
    client.post("/accounts/logout/")
    sign_in(client, "worker")
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_another_role_may_turn_2fa_off_with_a_code(client, staff):
    worker = staff(Role.COORDINATOR, username="worker")
    device = TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)
    sign_in(client, "worker")
    client.post(VERIFY, {"code": code_for(device)})
    client.post(reverse("two_factor_disable"), {"code": code_for(device, offset=1)})
    assert not TOTPDevice.objects.filter(user=worker).exists()


def test_a_manager_may_not_turn_2fa_off(client, staff):
    manager = staff(Role.MANAGER, username="boss")
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    sign_in(client, "boss")
    client.post(VERIFY, {"code": code_for(device)})
    client.post(reverse("two_factor_disable"), {"code": code_for(device, offset=1)})
    assert TOTPDevice.objects.filter(user=manager).exists()


def test_sign_out_and_the_2fa_pages_stay_reachable_before_verifying(client, staff):
    staff(Role.MANAGER, username="boss")
    sign_in(client, "boss")
    assert client.get(SETUP).status_code == 200
    assert client.post("/accounts/logout/").status_code == 302


def test_the_setting_off_lets_force_login_through(client, staff, settings):
    settings.HZ_REQUIRE_2FA = False
    client.force_login(staff(Role.MANAGER, username="boss"))
    assert client.get("/").status_code == 200
