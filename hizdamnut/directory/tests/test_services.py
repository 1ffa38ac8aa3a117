import pytest
from django.core.exceptions import ValidationError

from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService
from hizdamnut.directory.services import add_local_service


def test_center_staff_add_a_service_to_their_centers_directory(coordinator, center):
    service = add_local_service(actor=coordinator, center=center, code="local_ntn", name_he=" מרכז צעירים ",
                                phone="098765432")
    assert CommunityService.objects.get(code="local_ntn").center == center and service.name_he == "מרכז צעירים"


def test_a_service_of_another_center_is_refused(coordinator, other_center):
    with pytest.raises(ValidationError) as error:
        add_local_service(actor=coordinator, center=other_center, code="local_bsh", name_he="מרכז צעירים")
    assert "center" in error.value.message_dict


def test_a_read_only_role_may_not_add(staff, center):
    with pytest.raises(ValidationError):
        add_local_service(actor=staff(Role.NATIONAL_VIEWER, centers=[]), center=center, code="x", name_he="שירות")


def test_a_code_is_used_once_and_a_name_is_required(coordinator, center):
    add_local_service(actor=coordinator, center=center, code="local_ntn", name_he="מרכז צעירים")
    with pytest.raises(ValidationError) as error:
        add_local_service(actor=coordinator, center=center, code="local_ntn", name_he="")
    assert {"code", "name_he"} <= set(error.value.message_dict)
