import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import translation

from hizdamnut.centers.permissions import require_role, require_writer
from hizdamnut.centers.roles import WRITER_ROLES, Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_writer_may_change_data_at_their_center(center, staff):
    require_writer(staff(Role.COACH), center)


def test_the_center_may_be_given_by_its_id(center, staff):
    require_writer(staff(Role.COACH), center.pk)


def test_a_nationwide_admin_may_write_at_any_center(center, other_center, staff):
    require_writer(staff(Role.SYSTEM_ADMIN, centers=[]), other_center)


def test_a_read_only_role_is_refused_without_naming_a_field(center, staff):
    with pytest.raises(ValidationError) as error:
        require_writer(staff(Role.NATIONAL_VIEWER, centers=[center]), center)
    assert not hasattr(error.value, "error_dict")
    assert error.value.messages == ["Your role may read but not change data."]


def test_a_missing_center_asks_for_one(staff):
    with pytest.raises(ValidationError) as error:
        require_writer(staff(Role.COACH), None)
    assert error.value.message_dict == {"center": ["Choose a center."]}


def test_another_centers_data_is_refused(other_center, staff):
    with pytest.raises(ValidationError) as error:
        require_writer(staff(Role.COACH), other_center)
    assert error.value.message_dict == {"center": ["You do not work at this center."]}


def test_an_anonymous_user_may_not_write(center):
    with pytest.raises(ValidationError):
        require_writer(AnonymousUser(), center)


def test_require_role_lets_an_allowed_role_through_from_a_request_or_a_user(staff):
    user = staff(Role.COACH)
    request = RequestFactory().get("/")
    request.user = user
    require_role(request, WRITER_ROLES)
    require_role(user, WRITER_ROLES)


def test_require_role_refuses_other_roles_with_permission_denied(staff):
    request = RequestFactory().get("/")
    request.user = staff(Role.NATIONAL_VIEWER)
    with pytest.raises(PermissionDenied):
        require_role(request, WRITER_ROLES)
    with pytest.raises(PermissionDenied):
        require_role(AnonymousUser(), WRITER_ROLES)
