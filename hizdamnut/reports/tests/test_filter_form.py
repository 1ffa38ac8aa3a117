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
