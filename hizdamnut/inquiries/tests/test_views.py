import datetime
import re

import pytest
from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.inquiries.models import Inquiry, InquiryStatus, Screening
from hizdamnut.participants.tests.factories import ParticipantFactory

from .factories import InquiryFactory, category_tree

# Scripts and styles come from our own site (no CDN): a src or href that leaves it.
OFF_SITE = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//')

TODAY = datetime.date.today()


@pytest.fixture
def tree(db):
    return category_tree()


def test_queue_renders_for_every_role(client, staff, center):
    for role in Role:
        client.force_login(staff(role, username=f"u_{role}"))
        assert client.get(reverse("inquiries:queue")).status_code == 200


def test_queue_shows_ages_and_marks_long_waits(coordinator_client, center):
    InquiryFactory(center=center, first_name="ממתינה", received_on=TODAY - datetime.timedelta(days=8))
    InquiryFactory(center=center, first_name="טרייה", received_on=TODAY - datetime.timedelta(days=7))
    response = coordinator_client.get(reverse("inquiries:queue"))
    rows = {row.first_name: row for row in response.context["rows"]}
    assert (rows["ממתינה"].age_days, rows["ממתינה"].overdue) == (8, True)
    assert (rows["טרייה"].age_days, rows["טרייה"].overdue) == (7, False)
    assert response.context["overdue"] == 1
    assert 'class="alert"' in response.content.decode()


def test_queue_follows_the_centers_own_alert_setting(coordinator_client, center):
    center.inquiry_wait_alert_days = 3
    center.save()
    InquiryFactory(center=center, received_on=TODAY - datetime.timedelta(days=4))
    assert coordinator_client.get(reverse("inquiries:queue")).context["overdue"] == 1


def test_queue_leaves_out_closed_inquiries(coordinator_client, center):
    InquiryFactory(center=center, status=InquiryStatus.ROUTED)
    assert coordinator_client.get(reverse("inquiries:queue")).context["rows"] == []


def test_queue_costs_a_fixed_number_of_queries(coordinator_client, center, django_assert_max_num_queries):
    for n in range(15):
        InquiryFactory(center=center, participant=ParticipantFactory(center=center) if n % 2 else None)
    with django_assert_max_num_queries(12):
        assert coordinator_client.get(reverse("inquiries:queue")).status_code == 200


def test_queue_shows_only_the_users_centers(coordinator_client, center, other_center):
    InquiryFactory(center=other_center)
    assert coordinator_client.get(reverse("inquiries:queue")).context["rows"] == []


def test_coordinator_records_a_phone_inquiry(coordinator_client, center, tree):
    response = coordinator_client.post(reverse("inquiries:create"), {
        "center": center.pk, "received_on": TODAY.isoformat(), "channel": "phone", "source": "self",
        "first_name": "סמאח", "phone": "0541234567", "category": tree.pk,
        "subcategory": tree.children.first().pk,
    })
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert (inquiry.first_name, inquiry.status, inquiry.created_by.username) == ("סמאח", "new", "coordinator")


def test_inquiry_form_needs_a_name_and_phone_without_a_participant(coordinator_client, center, tree):
    response = coordinator_client.post(reverse("inquiries:create"), {
        "center": center.pk, "received_on": TODAY.isoformat(), "channel": "phone", "source": "self",
        "category": tree.pk,
    })
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"first_name", "phone"}


def test_national_viewer_may_not_record_an_inquiry(client, staff):
    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[]))
    assert client.get(reverse("inquiries:create")).status_code == 403


def test_screening_page_records_the_result_and_reasons(coordinator_client, center):
    inquiry = InquiryFactory(center=center)
    response = coordinator_client.post(reverse("inquiries:screen", args=[inquiry.pk]), {
        "birth_date": "1985-04-01", "city": center.city_id, "welfare_file_last_active": "",
        "low_stability": "1", "underemployed": "", "multiple_barriers": "0",
    })
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.decision == "eligible"
    detail = coordinator_client.get(reverse("inquiries:detail", args=[inquiry.pk])).content.decode()
    assert "(18 עד 67)" in detail


def test_override_form_records_the_reason(coordinator_client, center):
    inquiry = InquiryFactory(center=center)
    coordinator_client.post(reverse("inquiries:screen", args=[inquiry.pk]), {
        "birth_date": "1985-04-01", "city": center.city_id})
    screening = Screening.objects.get()
    coordinator_client.post(reverse("inquiries:override", args=[screening.pk]), {
        "override_decision": "eligible", "override_reason": "אושר על ידי המנהלת"})
    screening.refresh_from_db()
    assert (screening.final_decision, screening.override_reason) == ("eligible", "אושר על ידי המנהלת")


def test_register_page_is_prefilled_from_the_inquiry(coordinator_client, center):
    inquiry = InquiryFactory(center=center, first_name="סמאח", phone="0541234567")
    form = coordinator_client.get(reverse("inquiries:register", args=[inquiry.pk])).context["form"]
    assert (form.initial["first_name"], form.initial["phone"]) == ("סמאח", "0541234567")


@pytest.mark.parametrize("name", ["detail", "screen", "register", "status", "schedule"])
def test_another_centers_inquiry_is_404_in_the_ui(coordinator_client, other_center, name):
    inquiry = InquiryFactory(center=other_center)
    assert coordinator_client.get(reverse(f"inquiries:{name}", args=[inquiry.pk])).status_code == 404


def test_another_centers_screening_override_is_404(coordinator_client, other_center):
    inquiry = InquiryFactory(center=other_center)
    screening = Screening.objects.create(inquiry=inquiry, screened_on=TODAY, rules_version="x", decision="eligible")
    response = coordinator_client.post(reverse("inquiries:override", args=[screening.pk]),
                                       {"override_decision": "eligible", "override_reason": "x"})
    assert response.status_code == 404


def test_another_centers_inquiry_is_404_in_the_api(coordinator_client, other_center):
    inquiry = InquiryFactory(center=other_center)
    assert coordinator_client.get(f"/api/v1/inquiries/{inquiry.pk}").status_code == 404
    response = coordinator_client.post(f"/api/v1/inquiries/{inquiry.pk}/status", {"status": "unreachable"},
                                       content_type="application/json")
    assert response.status_code == 404


def test_api_lists_only_the_users_inquiries(coordinator_client, center, other_center):
    InquiryFactory(center=center)
    InquiryFactory(center=other_center)
    data = coordinator_client.get("/api/v1/inquiries/?open=true").json()
    assert data["count"] == 1


def test_api_records_and_screens_an_inquiry(coordinator_client, center, tree):
    created = coordinator_client.post("/api/v1/inquiries/", {
        "center": "NTN", "received_on": TODAY.isoformat(), "source": "welfare_referral", "channel": "phone",
        "category": "job_search", "subcategory": "cv_help", "first_name": "רנא", "phone": "0541234567",
        "referring_department": "לשכה מזרח",
    }, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    screened = coordinator_client.post(f"/api/v1/inquiries/{pk}/screenings", {
        "birth_date": "1990-01-01", "city": "נתניה", "welfare_file_last_active": TODAY.isoformat(),
    }, content_type="application/json")
    assert screened.status_code == 201, screened.content
    assert screened.json()["decision"] == "eligible"
    assert screened.json()["reasons"][0].startswith("age: ")


def test_api_names_the_bad_field(coordinator_client, center, tree):
    response = coordinator_client.post("/api/v1/inquiries/", {
        "center": "NTN", "received_on": TODAY.isoformat(), "source": "self", "channel": "phone",
        "category": "job_search", "subcategory": "information",
    }, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "subcategory"]


def test_api_screen_preview_saves_nothing(coordinator_client, center):
    response = coordinator_client.post("/api/v1/inquiries/screen?center=NTN", {
        "birth_date": "2015-01-01", "city": "נתניה"}, content_type="application/json")
    assert response.json()["decision"] == "not_eligible"
    assert Screening.objects.count() == 0


def test_report_page_shows_the_chart_and_totals(coordinator_client, center, tree):
    InquiryFactory(center=center, category=tree)
    response = coordinator_client.get(reverse("inquiries:report"))
    body = response.content.decode()
    assert response.context["report"]["total"] == 1
    assert "vendor/chart.umd.min.js" in body and not OFF_SITE.search(body)


def test_report_page_counts_only_the_users_centers(coordinator_client, center, other_center, tree):
    InquiryFactory(center=other_center, category=tree)
    assert coordinator_client.get(reverse("inquiries:report")).context["report"]["total"] == 0


def test_rules_page_shows_the_rules_version(coordinator_client):
    body = coordinator_client.get(reverse("inquiries:rules")).content.decode()
    assert "2026.1" in body


def test_coordinator_home_shows_the_queue_summary(coordinator_client, center):
    InquiryFactory(center=center, received_on=TODAY - datetime.timedelta(days=10))
    body = coordinator_client.get("/").content.decode()
    assert reverse("inquiries:queue") in body


def test_inquiry_page_costs_a_fixed_number_of_queries(coordinator_client, center, django_assert_max_num_queries):
    inquiry = InquiryFactory(center=center, participant=ParticipantFactory(center=center))
    for _ in range(3):
        Screening.objects.create(inquiry=inquiry, screened_on=TODAY, rules_version="x", decision="eligible")
    with django_assert_max_num_queries(14):
        assert coordinator_client.get(reverse("inquiries:detail", args=[inquiry.pk])).status_code == 200


def test_api_lists_the_reason_tree(coordinator_client, tree):
    data = coordinator_client.get("/api/v1/inquiries/categories").json()
    job = next(c for c in data if c["code"] == "job_search")
    assert [s["code"] for s in job["subcategories"]] == ["cv_help", "job_leads"]


def test_api_report_matches_the_command_format(coordinator_client, center, tree):
    InquiryFactory(center=center, category=tree)
    data = coordinator_client.get("/api/v1/inquiries/report").json()
    assert data["total"] == 1 and set(data) == {"total", "categories", "by_center", "by_year"}


def test_openapi_documents_the_inquiry_and_intake_endpoints(coordinator_client):
    paths = coordinator_client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/inquiries/{inquiry_id}/screenings" in paths
    assert "/api/v1/intake/meetings/{meeting_id}/decision" in paths


def test_api_inquiry_shows_its_subcategory_code(coordinator_client, center, tree):
    inquiry = InquiryFactory(center=center, category=tree, subcategory=tree.children.first())
    assert coordinator_client.get(f"/api/v1/inquiries/{inquiry.pk}").json()["subcategory"] == "cv_help"
