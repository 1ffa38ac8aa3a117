"""Each page renders for the roles allowed and is refused for the others."""

import pytest
from django.urls import reverse

from hizdamnut.centers.roles import ALL_ROLES, Role

pytestmark = pytest.mark.django_db
READ_PAGES = ["employers:list", "training:list", "placements:outcomes", "placements:follow_ups_due"]
WRITE_PAGES = ["employers:create", "employers:opening_create", "training:course_create",
               "training:application_create"]


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
@pytest.mark.parametrize("name", READ_PAGES)
def test_reading_pages_render_for_every_role(client, staff, role, name):
    client.force_login(staff(role, centers=[] if role in (Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN) else None))
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_writing_pages_are_refused_to_the_national_viewer(client, staff, name):
    client.force_login(staff(Role.NATIONAL_VIEWER, centers=[]))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_writing_pages_render_for_a_writer(client, staff, name):
    client.force_login(staff(Role.EMPLOYER_LEAD))
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("role", [Role.EMPLOYER_LEAD, Role.TRAINING_COORDINATOR, Role.SOCIAL_WORKER, Role.COACH])
def test_home_panels_render(client, staff, role):
    client.force_login(staff(role))
    assert client.get("/").status_code == 200
