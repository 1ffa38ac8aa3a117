"""The one participant picker: people found by name, ID digits or phone, each told apart by ID tail, center and
status; and worker pickers offering only the roles that do the work, with the role."""

import pytest
from django.urls import reverse

from hizdamnut.centers.roles import INTAKE_ROLES, Role
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.participants.widgets import ParticipantChoiceField
from hizdamnut.widgets import worker_label, workers

pytestmark = pytest.mark.django_db


def test_the_picker_finds_people_by_name_id_digits_or_phone(coordinator_client, center):
    person = ParticipantFactory(center=center, first_name="סמאח", last_name="עודה", phone="0547770001")
    for typed in ("סמאח", person.id_number[-5:], "054-777-0001"):
        response = coordinator_client.get(reverse("participants:picker"), {"field": "participant",
                                                                           "participant_search": typed})
        assert response.context["people"] == [person], typed
    page = response.content.decode()
    assert person.id_number[-4:] in page and center.name in page and person.get_status_display() in page


def test_the_picker_shows_only_people_the_user_may_see(coordinator_client, other_center):
    ParticipantFactory(center=other_center, first_name="זרה")
    response = coordinator_client.get(reverse("participants:picker"), {"q": "זרה"})
    assert response.context["people"] == []


def test_a_chosen_participant_is_shown_checked_when_the_form_is_shown_again(center):
    person = ParticipantFactory(center=center)
    html = ParticipantChoiceField().widget.render("participant", person.pk, {"id": "id_participant"})
    assert f'value="{person.pk}" checked' in html and 'id="id_participant_search"' in html


def test_intake_staff_pickers_leave_out_the_manager_and_show_the_role(staff, center):
    coach = staff(Role.COACH, username="coach", first_name="אורן", last_name="גולן")
    manager = staff(Role.MANAGER, username="boss")
    offered = list(workers(center, INTAKE_ROLES))
    assert coach in offered and manager not in offered
    assert worker_label(coach) == f"אורן גולן · {coach.staff.get_role_display()}"
