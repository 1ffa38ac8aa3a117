import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.surveys import rate_limit
from hizdamnut.surveys.models import SurveyResponse

from .factories import make_questionnaire, make_response

# Scripts and styles come from our own site (no CDN): a src or href that leaves it.
OFF_SITE = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//')

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def questionnaire():
    return make_questionnaire()


def form_url(questionnaire, center):
    return reverse("surveys:answer", args=[rate_limit.form_token(questionnaire, center)])


def nonce_from(response):
    import re

    return re.search(r'name="nonce" value="([^"]+)"', response.content.decode()).group(1)


def submit(client, url, **answers):
    page = client.get(url)
    data = {"nonce": nonce_from(page), "website": ""}
    data.update({f"item_{code}": value for code, value in answers.items()})
    return client.post(url, data)


def test_anonymous_form_opens_without_login_and_asks_nothing_personal(client, questionnaire, center):
    response = client.get(form_url(questionnaire, center))
    assert response.status_code == 200
    content = response.content.decode()
    assert "מקשיבים לי" in content
    for personal in ("name=\"name\"", "id_number", "phone", "email"):
        assert personal not in content


def test_submitting_the_form_records_one_anonymous_response(client, questionnaire, center):
    response = submit(client, form_url(questionnaire, center), listen="4", dismiss="1", hours="")
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert (saved.center, saved.source, saved.entered_by) == (center, "web", None)
    assert {a.item.code: a.value for a in saved.answers.all()} == {"listen": 4, "dismiss": 1, "hours": None}


def test_a_replayed_submission_is_counted_once(client, questionnaire, center):
    url = form_url(questionnaire, center)
    nonce = nonce_from(client.get(url))
    client.post(url, {"nonce": nonce, "item_listen": "4"})
    client.post(url, {"nonce": nonce, "item_listen": "4"})
    assert SurveyResponse.objects.count() == 1


def test_a_forged_nonce_is_not_counted(client, questionnaire, center):
    client.post(form_url(questionnaire, center), {"nonce": "made-up:value", "item_listen": "4"})
    assert not SurveyResponse.objects.exists()


def test_the_hidden_field_filled_by_a_bot_is_not_counted(client, questionnaire, center):
    url = form_url(questionnaire, center)
    client.post(url, {"nonce": nonce_from(client.get(url)), "website": "http://spam", "item_listen": "4"})
    assert not SurveyResponse.objects.exists()


def test_a_flood_from_one_address_is_stopped(client, questionnaire, center, monkeypatch):
    monkeypatch.setattr(rate_limit, "RATE_LIMIT", 2)
    url = form_url(questionnaire, center)
    statuses = [submit(client, url, listen="3").status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert SurveyResponse.objects.count() == 2


def test_a_made_up_form_link_is_404(client):
    assert client.get(reverse("surveys:answer", args=["not-a-token"])).status_code == 404


def test_an_answer_off_the_scale_is_refused(client, questionnaire, center):
    url = form_url(questionnaire, center)
    response = client.post(url, {"nonce": nonce_from(client.get(url)), "item_listen": "7"})
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_paper_entry_saves_a_response_for_the_workers_center(client, staff, questionnaire, center):
    client.force_login(staff(Role.COORDINATOR))
    response = client.post(reverse("surveys:paper", args=["test-q"]), {
        "center": center.pk, "answered_on": "2026-01-10", "item_listen": "2", "item_dismiss": "", "item_hours": "4",
    })
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.source == "paper" and saved.entered_by is not None


def test_paper_entry_for_another_center_is_refused(client, staff, questionnaire, other_center):
    client.force_login(staff(Role.COORDINATOR))
    response = client.post(reverse("surveys:paper", args=["test-q"]), {
        "center": other_center.pk, "answered_on": "2026-01-10", "item_listen": "2"})
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("role", [Role.NATIONAL_VIEWER, Role.COACH])
def test_paper_entry_is_refused_to_other_roles(client, staff, questionnaire, role):
    client.force_login(staff(role))
    assert client.get(reverse("surveys:paper", args=["test-q"])).status_code == 403


@pytest.mark.parametrize("role", [Role.MANAGER, Role.COORDINATOR, Role.NATIONAL_VIEWER])
def test_list_and_report_render_for_allowed_roles(client, staff, questionnaire, center, role):
    make_response(questionnaire, center, {"listen": 4})
    client.force_login(staff(role))
    assert client.get(reverse("surveys:list")).status_code == 200
    assert client.get(reverse("surveys:report", args=["test-q"])).status_code == 200


@pytest.mark.parametrize("role", [Role.COACH, Role.SOCIAL_WORKER, Role.EMPLOYER_LEAD])
def test_report_is_refused_to_casework_roles(client, staff, questionnaire, role):
    client.force_login(staff(role))
    assert client.get(reverse("surveys:report", args=["test-q"])).status_code == 403


def test_report_counts_only_the_managers_centers(client, staff, questionnaire, center, other_center):
    make_response(questionnaire, center, {"listen": 4})
    make_response(questionnaire, other_center, {"listen": 1})
    make_response(questionnaire, other_center, {"listen": 1})
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("surveys:report", args=["test-q"]))
    assert response.context["report"]["responses"] == 1
    assert list(response.context["report"]["by_center"]) == ["NTN"]


@pytest.mark.usefixtures("show_tiny_groups")
def test_report_shows_a_stacked_bar_of_the_answers(client, staff, questionnaire, center):
    make_response(questionnaire, center, {"listen": 4, "dismiss": 2})
    make_response(questionnaire, center, {"listen": 3})
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("surveys:report", args=["test-q"]))
    chart = response.context["chart"]
    assert chart["series"][0]["data"][0] == 50.0  # "yes" on the first item: 1 of 2
    assert "vendor/chart.umd.min.js" in response.content.decode()
    assert not OFF_SITE.search(response.content.decode())


def test_report_page_costs_a_fixed_number_of_queries(client, staff, questionnaire, center,
                                                     django_assert_max_num_queries):
    for value in (1, 2, 3, 4, 4, 3):
        make_response(questionnaire, center, {"listen": value, "dismiss": value})
    client.force_login(staff(Role.MANAGER))
    with django_assert_max_num_queries(14):
        client.get(reverse("surveys:report", args=["test-q"]))


def test_qr_page_draws_a_local_svg_code_with_the_link(client, staff, questionnaire, center):
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("surveys:qr", args=["test-q", "NTN"]))
    content = response.content.decode()
    assert "<svg" in content
    assert "/surveys/answer/" in content


def test_qr_page_of_another_center_is_404(client, staff, questionnaire, other_center):
    client.force_login(staff(Role.MANAGER))
    assert client.get(reverse("surveys:qr", args=["test-q", "BSH"])).status_code == 404


def test_excel_and_pdf_downloads(client, staff, questionnaire, center):
    make_response(questionnaire, center, {"listen": 4})
    client.force_login(staff(Role.MANAGER))
    xlsx = client.get(reverse("reports:survey_export", args=["test-q", "xlsx"]))
    pdf = client.get(reverse("reports:survey_export", args=["test-q", "pdf"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.usefixtures("show_tiny_groups")
def test_report_page_shows_the_change_against_a_previous_period(client, staff, questionnaire, center):
    import datetime

    make_response(questionnaire, center, {"listen": 4}, answered_on=datetime.date(2026, 3, 1))
    make_response(questionnaire, center, {"listen": 2}, answered_on=datetime.date(2025, 3, 1))
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("surveys:report", args=["test-q"]), {
        "date_from": "2026-01-01", "date_to": "2026-12-31", "compare_from": "2025-01-01", "compare_to": "2025-12-31"})
    listen = response.context["report"]["items"][0]
    assert (listen["mean"], listen["previous_mean"], listen["change"]) == (4.0, 2.0, 2.0)
    assert "<th class=\"num\">שינוי</th>" in response.content.decode() or "Change" in response.content.decode()
