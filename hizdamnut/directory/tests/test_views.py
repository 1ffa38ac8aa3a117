from django.urls import reverse

from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService

SEVEN = {"rights_realization", "welfare_department", "otzma_center", "rehabilitation_basket", "national_insurance",
         "supported_employment", "employment_service"}


def test_directory_is_seeded_with_the_seven_services(db):
    assert set(CommunityService.objects.values_list("code", flat=True)) >= SEVEN


def test_directory_page_lists_the_services_for_every_role(client, staff):
    for role in Role:
        client.force_login(staff(role, username=f"d_{role}"))
        response = client.get(reverse("directory:list"))
        assert response.status_code == 200
        assert len(response.context["services"]) == 7


def test_another_centers_local_service_is_not_listed(coordinator_client, other_center):
    CommunityService.objects.create(code="local_bsh", name_he="מרכז צעירים", center=other_center)
    assert coordinator_client.get(reverse("directory:list")).context["services"].filter(code="local_bsh").count() == 0


def test_api_lists_services(coordinator_client):
    assert len(coordinator_client.get("/api/v1/directory/services").json()) == 7
