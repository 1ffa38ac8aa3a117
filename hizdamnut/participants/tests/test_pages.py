import pytest
from django.urls import reverse

from hizdamnut.centers.roles import NATIONWIDE_ROLES, WRITER_ROLES, Role
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import ParticipantFactory, valid_id_number

pytestmark = pytest.mark.django_db

ROLES = list(Role)


@pytest.fixture
def own(center):
    return ParticipantFactory(center=center, first_name="תמר", last_name="אזולאי")


@pytest.fixture
def foreign(other_center):
    return ParticipantFactory(center=other_center, first_name="לינה", last_name="סעדי")


def login(client, staff, role):
    user = staff(role, centers=[] if role in NATIONWIDE_ROLES else None, username=f"user_{role}")
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_every_role_lands_on_its_home_page(client, staff, role):
    login(client, staff, role)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_only_the_users_centers(client, staff, role, own, foreign):
    login(client, staff, role)
    page = client.get(reverse("participants:list")).content.decode()
    if role == Role.NATIONAL_VIEWER:  # pseudonymous records only (docs/security.md): the number, not the name
        assert f"#{own.pk}" in page and f"#{foreign.pk}" in page
        assert own.full_name not in page and foreign.full_name not in page
        return
    assert own.full_name in page
    assert (foreign.full_name in page) == (role in NATIONWIDE_ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_detail_of_another_centers_participant_is_404(client, staff, role, own, foreign):
    login(client, staff, role)
    assert client.get(reverse("participants:detail", args=[own.pk])).status_code == 200
    expected = 200 if role in NATIONWIDE_ROLES else 404
    assert client.get(reverse("participants:detail", args=[foreign.pk])).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_create_and_edit_pages_are_for_writers_only(client, staff, role, own, foreign):
    login(client, staff, role)
    expected = 200 if role in WRITER_ROLES else 403
    assert client.get(reverse("participants:create")).status_code == expected
    assert client.get(reverse("participants:update", args=[own.pk])).status_code == expected
    if role in WRITER_ROLES - NATIONWIDE_ROLES:
        assert client.get(reverse("participants:update", args=[foreign.pk])).status_code == 404


def test_pages_ask_anonymous_visitors_to_sign_in(client, own):
    for url in (reverse("home"), reverse("participants:list"), reverse("participants:detail", args=[own.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_search_by_phone_narrows_the_list(coordinator_client, own, center):
    ParticipantFactory(center=center, first_name="מאיר", last_name="דהן", phone="0531112233")
    page = coordinator_client.get(reverse("participants:list"), {"q": "053-111"}).content.decode()
    assert "מאיר דהן" in page and own.full_name not in page


def test_search_answers_htmx_with_the_results_fragment_only(coordinator_client, own):
    response = coordinator_client.get(reverse("participants:list"), {"q": "תמר"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert own.full_name in body and "<html" not in body


def test_list_costs_a_fixed_number_of_queries(coordinator_client, center, django_assert_max_num_queries):
    ParticipantFactory.create_batch(30, center=center)
    with django_assert_max_num_queries(8):
        coordinator_client.get(reverse("participants:list"))


def form_data(the_center, **overrides):
    data = {
        "center": the_center.pk, "first_name": "יעל", "last_name": "ברק", "id_number": valid_id_number(77),
        "birth_date": "1985-06-30", "gender": "female", "phone": "050-2223344", "city": the_center.city.pk,
        "languages": ["he", "ar"], "children_under_18": "2", "single_parent": "on",
    }
    data.update(overrides)
    return data


def test_creating_through_the_form_saves_and_shows_the_participant(coordinator_client, center):
    response = coordinator_client.post(reverse("participants:create"), form_data(center))
    participant = Participant.objects.get()
    assert response.status_code == 302 and response.url == reverse("participants:detail", args=[participant.pk])
    assert participant.languages == ["he", "ar"] and participant.single_parent


@pytest.mark.parametrize(
    "field, value", [("id_number", "123456789"), ("phone", "123"), ("birth_date", "2999-01-01"), ("center", "999999")]
)
def test_form_errors_name_the_field_and_keep_what_was_typed(coordinator_client, center, field, value):
    response = coordinator_client.post(reverse("participants:create"), form_data(center, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "ברק" in response.content.decode()
    assert not Participant.objects.exists()


def test_duplicate_id_in_the_form_shows_who_already_has_it(coordinator_client, center, own):
    response = coordinator_client.post(reverse("participants:create"), form_data(center, id_number=own.id_number))
    assert own.full_name in " ".join(response.context["form"].errors["id_number"])


def test_editing_through_the_form_changes_the_record(coordinator_client, center, own):
    data = form_data(center, id_number=own.id_number, first_name="תמר", last_name="אזולאי-לוי")
    response = coordinator_client.post(reverse("participants:update", args=[own.pk]), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.last_name == "אזולאי-לוי"


def test_the_record_links_to_each_stage_the_role_may_open(client, staff, own):
    client.force_login(staff(Role.SOCIAL_WORKER, username="sw"))
    page = client.get(reverse("participants:detail", args=[own.pk])).content.decode()
    assert reverse("plans:participant", args=[own.pk]) in page
    assert reverse("placements:participant", args=[own.pk]) in page
    client.force_login(staff(Role.EMPLOYER_LEAD, username="lead"))
    page = client.get(reverse("participants:detail", args=[own.pk])).content.decode()
    assert reverse("plans:participant", args=[own.pk]) not in page
    assert reverse("employers:participant", args=[own.pk]) in page
