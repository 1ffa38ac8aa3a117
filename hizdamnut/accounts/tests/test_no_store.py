from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import Role


def assert_not_cached(response):
    assert "no-store" in response["Cache-Control"]
    assert response["Pragma"] == "no-cache"


def test_pages_for_a_signed_in_user_are_not_stored(coordinator_client):
    assert_not_cached(coordinator_client.get("/"))
    assert_not_cached(coordinator_client.get("/participants/"))


def test_api_answers_are_not_stored(client, staff):
    _token, key = ApiToken.issue(staff(Role.COORDINATOR, username="script"))
    assert_not_cached(client.get("/api/v1/participants/", HTTP_AUTHORIZATION=f"Bearer {key}"))
    assert_not_cached(client.get("/api/v1/participants/"))  # 401 too


def test_static_files_keep_their_caching(client, coordinator, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from the source folders, as in development
    settings.WHITENOISE_AUTOREFRESH = True
    client.force_login(coordinator)
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
