"""The dashboard's query parameters go through DashboardFilterForm: validated and scoped to the user's centers."""

import pytest
from django.urls import reverse

from hizdamnut.centers.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["abc", "1.5", "999999"])
def test_a_malformed_worker_is_a_form_error_not_a_server_error(client, staff, value):
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard"), {"worker": value})
    assert response.status_code == 200
    assert "worker" in response.context["form"].errors
    assert response.context["data"]["filters"]["worker"] is None
    assert client.get(reverse("reports:dashboard_export", args=["xlsx"]), {"worker": value}).status_code == 200


def test_a_worker_of_another_center_cannot_be_chosen(client, staff, other_center):
    far = staff(Role.COACH, centers=[other_center], username="far")
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard"), {"worker": far.pk})
    assert "worker" in response.context["form"].errors
    assert response.context["data"]["filters"]["worker"] is None
    assert "far" not in [row["worker"] for row in response.context["data"]["caseload"]]
    assert client.get("/api/v1/reports/dashboard", {"worker": far.pk}).status_code == 422


def test_a_worker_of_the_users_center_narrows_the_dashboard(client, staff):
    near = staff(Role.COACH, username="near")
    client.force_login(staff(Role.MANAGER))
    response = client.get(reverse("reports:dashboard"), {"worker": near.pk})
    assert not response.context["form"].errors
    assert response.context["data"]["filters"]["worker"] == near.pk


def _listed(form):
    return [value for value, _label in form.fields["worker"].choices if value != ""]


def test_the_picker_lists_the_chosen_centers_workers_or_all_the_users_when_few(staff, center, other_center):
    from hizdamnut.reports.forms import DashboardFilterForm

    near = staff(Role.COACH, username="near")
    far = staff(Role.COACH, centers=[other_center], username="far")
    national = staff(Role.NATIONAL_VIEWER, centers=[], username="nat")
    assert set(_listed(DashboardFilterForm(user=national))) >= {near.pk, far.pk}
    chosen = DashboardFilterForm({"center": other_center.code}, user=national)
    assert far.pk in _listed(chosen) and near.pk not in _listed(chosen)
    assert not chosen.fields["worker"].help_text


def test_too_many_workers_to_list_asks_for_a_center_first_and_still_accepts_any(client, staff, center, monkeypatch):
    from hizdamnut.reports import forms

    near = staff(Role.COACH, username="near")
    staff(Role.SOCIAL_WORKER, username="other")
    monkeypatch.setattr(forms, "WORKER_CHOICES_MAX", 1)
    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[], username="nat"))
    page = client.get(reverse("reports:dashboard"))
    assert _listed(page.context["form"]) == []
    assert "id_worker_hint" in page.content.decode()
    chosen = client.get(reverse("reports:dashboard"), {"worker": near.pk})  # any of the user's workers
    assert not chosen.context["form"].errors and chosen.context["data"]["filters"]["worker"] == near.pk
    assert _listed(chosen.context["form"]) == [near.pk]  # the one chosen stays shown as chosen
    assert f'<option value="{near.pk}" selected>' in chosen.content.decode()
    listed = client.get(reverse("reports:dashboard"), {"center": center.code})
    assert set(_listed(listed.context["form"])) >= {near.pk}
