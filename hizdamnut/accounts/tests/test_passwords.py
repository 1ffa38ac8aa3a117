import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from hizdamnut.centers.roles import Role
from hizdamnut.demo.core import DEMO_PASSWORD, demo_password_hash

PASSWORD = "demo-pass-123"


@pytest.fixture
def worker(staff):
    return staff(Role.COORDINATOR, username="miriam.levi", email="miriam@example.org")


def test_the_user_name_is_refused_as_a_password(worker):
    with pytest.raises(ValidationError):
        validate_password("miriam.levi", user=worker)


@pytest.mark.parametrize("password", ["short1!", "1234567890123", "password1234"])
def test_short_numeric_and_common_passwords_are_refused(worker, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=worker)


def test_a_long_unusual_password_is_accepted(worker):
    validate_password("kettle-orbit-27-lantern", user=worker)


def test_the_demo_password_still_signs_demo_users_in(client, staff):
    user = staff(Role.COORDINATOR, username="demo.worker")
    user.password = demo_password_hash()
    user.save()
    client.post("/accounts/login/", {"username": "demo.worker", "password": DEMO_PASSWORD})
    assert "_auth_user_id" in client.session


def test_a_signed_in_user_changes_the_password(client, worker):
    client.force_login(worker)
    assert client.get("/accounts/password/change/").status_code == 200
    new = "kettle-orbit-27-lantern"
    response = client.post(
        "/accounts/password/change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password("kettle-orbit-27-lantern")
    assert client.get("/").status_code == 200  # still signed in


def test_a_password_change_to_the_user_name_is_refused(client, worker):
    client.force_login(worker)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "miriam.levi", "new_password2": "miriam.levi"},
    )
    assert response.status_code == 200
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)


def test_password_change_needs_a_signed_in_user(client):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_password_reset_by_email_sets_a_new_password(client, worker):
    response = client.post("/accounts/password/reset/", {"email": "miriam@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "miriam.levi" in mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "kettle-orbit-27-lantern", "new_password2": "kettle-orbit-27-lantern"},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password("kettle-orbit-27-lantern")


def test_a_password_reset_does_not_reveal_whether_the_account_exists(client, worker):
    known = client.post("/accounts/password/reset/", {"email": "miriam@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1
    done = client.get(known.url)
    assert done.status_code == 200


def test_the_login_page_links_to_the_password_reset(client):
    assert b"/accounts/password/reset/" in client.get("/accounts/login/").content
