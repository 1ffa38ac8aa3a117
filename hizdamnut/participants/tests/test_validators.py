import pytest
from django.core.exceptions import ValidationError

from hizdamnut.participants.validators import (
    israeli_id_is_valid,
    normalize_phone,
    validate_israeli_phone,
    validate_person_name,
)


@pytest.mark.parametrize("number", ["000000018", "123456782", "12345678-2", "18", "039337423", "203894530"])
def test_id_numbers_with_a_correct_check_digit_are_valid(number):
    assert israeli_id_is_valid(number)


@pytest.mark.parametrize("number", ["123456789", "000000019", "12345678a", "1234567890", "", "000000000", "039337424"])
def test_id_numbers_with_a_wrong_check_digit_or_form_are_invalid(number):
    assert not israeli_id_is_valid(number)


@pytest.mark.parametrize(
    "raw, normalized",
    [("050-1234567", "0501234567"), ("+972 50 123 4567", "0501234567"), ("02-6234567", "026234567"),
     ("00972-77-1234567", "0771234567")],
)
def test_phone_numbers_are_normalized_to_domestic_digits(raw, normalized):
    assert normalize_phone(raw) == normalized
    validate_israeli_phone(raw)


@pytest.mark.parametrize("raw", ["12345", "0601234567", "050-12345", "+1 212 555 0100", "05O1234567"])
def test_non_israeli_phone_numbers_are_rejected(raw):
    with pytest.raises(ValidationError):
        validate_israeli_phone(raw)


@pytest.mark.parametrize("name", ["נועה", "אבו סאלח", "ח'אלד", "محمد", "O'Brien", "Jean-Luc"])
def test_names_in_hebrew_arabic_or_latin_script_are_accepted(name):
    validate_person_name(name)


@pytest.mark.parametrize("name", ["", "123", "Noa2", "<script>"])
def test_names_with_digits_or_symbols_are_rejected(name):
    with pytest.raises(ValidationError):
        validate_person_name(name)
