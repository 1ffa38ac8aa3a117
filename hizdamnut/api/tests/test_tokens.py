from datetime import timedelta
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.utils import timezone

from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import Role

URL = "/api/v1/participants/"


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def owner(staff):
    return staff(Role.COORDINATOR, username="script.owner")


def create_token(*args):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip()


def test_a_token_expires_after_the_default_lifetime(owner, settings):
    token, _key = ApiToken.issue(owner)
    expected = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
    assert abs((token.expires_at - expected).total_seconds()) < 60
    assert settings.API_TOKEN_DAYS == 90


def test_an_expired_token_is_refused(client, owner):
    token, key = ApiToken.issue(owner)
    assert client.get(URL, **bearer(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(URL, **bearer(key)).status_code == 401


def test_the_command_issues_a_token_for_the_days_asked_and_audits_it(client, owner, staff):
    admin = staff(Role.SYSTEM_ADMIN, username="admin.user")
    key = create_token("script.owner", "--days", "7", "--name", "nightly export", "--as-user", "admin.user")
    token = ApiToken.objects.get(user=owner)
    assert token.name == "nightly export"
    assert timedelta(days=6, hours=23) < token.expires_at - timezone.now() <= timedelta(days=7)
    assert client.get(URL, **bearer(key)).status_code == 200
    entry = LogEntry.objects.get_for_object(token).get(action=LogEntry.Action.CREATE)
    assert entry.actor == admin
    assert entry.changes_dict["owner"][1] == "script.owner"
    assert entry.changes_dict["event"][1] == "api_token_issued"


def test_the_command_refuses_a_lifetime_under_a_day(owner):
    with pytest.raises(CommandError):
        create_token("script.owner", "--days", "0")
    assert not ApiToken.objects.exists()


def test_tokens_are_listed_with_their_state(owner, staff):
    other = staff(Role.COACH, username="coach.one")
    active, _ = ApiToken.issue(owner, name="export")
    expired, _ = ApiToken.issue(owner)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    ApiToken.issue(other)
    out = StringIO()
    call_command("list_api_tokens", "script.owner", stdout=out)
    rows = [line.split("\t") for line in out.getvalue().splitlines()[1:]]
    assert {(row[0], row[1], row[-1]) for row in rows} == {
        (str(active.pk), "script.owner", "active"),
        (str(expired.pk), "script.owner", "expired"),
    }
    out = StringIO()
    call_command("list_api_tokens", stdout=out)
    assert len(out.getvalue().splitlines()) == 4


def test_a_token_is_revoked_by_id_and_then_refused(client, owner):
    token, key = ApiToken.issue(owner)
    call_command("revoke_api_token", str(token.pk), stdout=StringIO())
    assert client.get(URL, **bearer(key)).status_code == 401
    assert LogEntry.objects.get_for_object(token).filter(action=LogEntry.Action.UPDATE).exists()


def test_all_of_a_users_tokens_are_revoked_at_once(owner, staff):
    ApiToken.issue(owner)
    ApiToken.issue(owner)
    kept, _ = ApiToken.issue(staff(Role.COACH, username="coach.one"))
    out = StringIO()
    call_command("revoke_api_token", "--user", "script.owner", stdout=out)
    assert "revoked 2" in out.getvalue()
    assert ApiToken.objects.filter(revoked=True).count() == 2
    kept.refresh_from_db()
    assert not kept.revoked


def test_revoking_an_unknown_id_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("revoke_api_token", "999", stdout=StringIO())


@pytest.mark.parametrize("path", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_api_docs_are_refused_to_anonymous_callers(client, db, path):
    assert client.get(path).status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_api_docs_are_served_to_a_signed_in_user(client, owner, path):
    client.force_login(owner)
    assert client.get(path).status_code == 200


def test_the_schema_is_served_with_a_valid_token_only(client, owner):
    token, key = ApiToken.issue(owner)
    assert client.get("/api/v1/openapi.json", **bearer(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    assert client.get("/api/v1/openapi.json", **bearer(key)).status_code == 401
