"""Hebrew unless the user chose otherwise; Israeli dates and money; error pages in the site's frame."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

from hizdamnut.centers.roles import Role
from hizdamnut.centers.templatetags.money import shekels


def test_the_browsers_language_does_not_choose_english(coordinator_client):
    response = coordinator_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "he"
    assert 'lang="he"' in response.content.decode()


def test_the_language_the_user_picked_counts(coordinator_client):
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert coordinator_client.get("/")["Content-Language"] == "en"


def test_an_unknown_language_cookie_falls_back_to_hebrew(coordinator_client):
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert coordinator_client.get("/")["Content-Language"] == "he"


@pytest.mark.parametrize(("value", "text"), [
    (5525, "₪5,525"), (Decimal("34.50"), "₪34.50"), (Decimal("1200.00"), "₪1,200"), (None, ""),
])
def test_money_is_written_the_israeli_way(value, text):
    assert shekels(value) == text


def test_money_filter_is_available_in_every_template():
    assert Template("{{ wage|shekels }}").render(Context({"wage": 5525})) == "₪5,525"


@pytest.mark.parametrize("language", ["he", "en"])
def test_dates_are_day_month_year(language):
    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 3, 7), "SHORT_DATE_FORMAT") == "07/03/2026"
        assert formats.date_format(datetime.date(2026, 3, 7)) == "07/03/2026"


def test_a_forbidden_page_is_hebrew_in_the_sites_frame(client, staff):
    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[]))
    response = client.get("/inquiries/new/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "אין גישה לעמוד הזה" in page and 'class="menu"' in page


def test_a_missing_page_is_hebrew_in_the_sites_frame(coordinator_client):
    response = coordinator_client.get("/participants/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "העמוד לא נמצא" in page and 'class="menu"' in page


def test_a_server_error_is_hebrew_in_the_sites_frame(rf, coordinator):
    from hizdamnut.views import server_error

    request = rf.get("/")
    request.user = coordinator
    with translation.override("he"):
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "משהו השתבש" in page and 'class="menu"' in page


def test_the_site_uses_its_own_server_error_page():
    from hizdamnut import urls

    assert urls.handler500 == "hizdamnut.views.server_error"
