import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.participants import services
from hizdamnut.participants.models import JourneyStatus, Participant, StatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory, valid_id_number

pytestmark = pytest.mark.django_db


def fields(**overrides):
    data = {
        "first_name": "רנא", "last_name": "חורי", "id_number": valid_id_number(42),
        "birth_date": datetime.date(1988, 3, 1),
        "phone": "052-7654321", "city": City.objects.get(name_he="נתניה"),
    }
    data.update(overrides)
    return data


def test_registering_normalizes_id_and_phone_and_starts_in_intake(center, coordinator):
    participant = services.register_participant(actor=coordinator, center=center, **fields(id_number="18"))
    assert participant.id_number == "000000018"
    assert participant.phone == "0527654321"
    assert participant.status == JourneyStatus.INTAKE
    assert StatusChange.objects.filter(participant=participant, status=JourneyStatus.INTAKE).count() == 1


@pytest.mark.parametrize(
    "field, value",
    [("id_number", "123456789"), ("phone", "12345"), ("birth_date", datetime.date(2099, 1, 1)), ("first_name", "X1")],
)
def test_bad_input_names_the_field_and_saves_nothing(center, coordinator, field, value):
    with pytest.raises(ValidationError) as caught:
        services.register_participant(actor=coordinator, center=center, **fields(**{field: value}))
    assert field in caught.value.message_dict
    assert not Participant.objects.exists()
    assert not StatusChange.objects.exists()


def test_birth_date_today_is_accepted_but_tomorrow_is_not(center, coordinator):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.register_participant(actor=coordinator, center=center, **fields(birth_date=tomorrow))
    assert "birth_date" in caught.value.message_dict


def test_a_center_the_worker_does_not_belong_to_is_refused(center, other_center, coordinator):
    with pytest.raises(ValidationError) as caught:
        services.register_participant(actor=coordinator, center=other_center, **fields())
    assert "center" in caught.value.message_dict


def test_national_viewer_may_not_register(center, staff):
    viewer = staff(Role.NATIONAL_VIEWER, centers=[])
    with pytest.raises(ValidationError):
        services.register_participant(actor=viewer, center=center, **fields())


def test_duplicate_id_names_the_holder_to_a_worker_of_the_same_center(center, coordinator):
    holder = ParticipantFactory(center=center, id_number=valid_id_number(7), first_name="מיכל", last_name="לוי")
    with pytest.raises(ValidationError) as caught:
        services.register_participant(actor=coordinator, center=center, **fields(id_number=holder.id_number))
    message = " ".join(caught.value.message_dict["id_number"])
    assert "מיכל לוי" in message
    assert Participant.objects.count() == 1


def test_duplicate_id_at_another_center_does_not_reveal_who_holds_it(center, other_center, coordinator):
    holder = ParticipantFactory(center=other_center, id_number=valid_id_number(8), first_name="סמאח", last_name="עודה")
    with pytest.raises(ValidationError) as caught:
        services.register_participant(actor=coordinator, center=center, **fields(id_number=holder.id_number))
    message = " ".join(caught.value.message_dict["id_number"])
    assert "סמאח" not in message and "עודה" not in message
    assert caught.value.error_dict["id_number"][0].code == "duplicate_id"


def test_duplicate_id_is_caught_whatever_the_leading_zeros(center, coordinator):
    ParticipantFactory(center=center, id_number="000000018")
    with pytest.raises(ValidationError) as caught:
        services.register_participant(actor=coordinator, center=center, **fields(id_number="18"))
    assert "id_number" in caught.value.message_dict


def test_updating_keeps_own_id_number_without_a_duplicate_error(center, coordinator):
    participant = ParticipantFactory(center=center)
    services.update_participant(actor=coordinator, participant=participant, phone="03-5551234")
    participant.refresh_from_db()
    assert participant.phone == "035551234"


def test_a_failed_update_leaves_the_saved_record_as_it_was(center, coordinator):
    participant = ParticipantFactory(center=center, phone="0501111111")
    with pytest.raises(ValidationError):
        services.update_participant(actor=coordinator, participant=participant, phone="0501112222", id_number="1")
    participant.refresh_from_db()
    assert participant.phone == "0501111111"


def test_closing_needs_a_reason_and_pausing_a_return_date(center, coordinator):
    participant = ParticipantFactory(center=center)
    with pytest.raises(ValidationError) as caught:
        services.change_status(participant=participant, status=JourneyStatus.CLOSED, actor=coordinator)
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.change_status(participant=participant, status=JourneyStatus.PAUSED, actor=coordinator)
    assert "expected_return" in caught.value.message_dict
    services.change_status(participant=participant, status=JourneyStatus.CLOSED, reason="moved", actor=coordinator)
    assert participant.status == JourneyStatus.CLOSED


def test_a_case_worker_must_work_at_the_participants_center(center, other_center, coordinator, staff):
    participant = ParticipantFactory(center=center)
    outsider = staff(Role.SOCIAL_WORKER, centers=[other_center], username="outsider")
    with pytest.raises(ValidationError) as caught:
        services.assign_case_worker(participant=participant, worker=outsider, actor=coordinator)
    assert "case_worker" in caught.value.message_dict
    insider = staff(Role.SOCIAL_WORKER, username="insider")
    services.assign_case_worker(participant=participant, worker=insider, actor=coordinator)
    assert participant.case_worker == insider


def test_search_finds_by_name_id_and_phone(center, coordinator):
    target = ParticipantFactory(center=center, first_name="אביטל", last_name="שושן", phone="0549876543")
    ParticipantFactory(center=center, first_name="דנה", last_name="כהן")
    queryset = Participant.objects.for_user(coordinator)
    assert list(queryset.search("אביטל")) == [target]
    assert list(queryset.search("שושן אביטל")) == [target]
    assert list(queryset.search(target.id_number[:6])) == [target]
    assert list(queryset.search("054-987")) == [target]
