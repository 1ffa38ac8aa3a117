"""Validators for Israeli identity numbers, phone numbers and personal names."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NAME_RE = re.compile(
    r"^[A-Za-z\u00C0-\u024F\u0590-\u05FF\u0600-\u06FF]"
    r"[A-Za-z\u00C0-\u024F\u0590-\u05FF\u0600-\u06FF '\-\u05F3\u05F4\"]*$"
)


def normalize_israeli_id(value):
    """Digits only, left-padded with zeros to nine digits (the form the Population Registry uses)."""
    digits = re.sub(r"[\s-]", "", str(value or ""))
    if digits.isascii() and digits.isdigit() and len(digits) <= 9:
        return digits.zfill(9)
    return digits


def israeli_id_is_valid(value):
    digits = normalize_israeli_id(value)
    # ASCII digits only: "¹".isdigit() is True but int("¹") fails (found by tests/test_properties.py).
    if not (digits.isascii() and digits.isdigit() and len(digits) == 9) or digits == "000000000":
        return False
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def validate_israeli_id(value):
    if not israeli_id_is_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a valid Israeli ID number (nine digits with a correct check digit)."),
            code="invalid_id_number",
            params={"value": value},
        )


def normalize_phone(value):
    """Digits only in the domestic form: +972-50-123-4567 becomes 0501234567."""
    digits = re.sub(r"[\s\-().]", "", str(value or ""))
    if digits.startswith("+972"):
        digits = "0" + digits[4:]
    elif digits.startswith("00972"):
        digits = "0" + digits[5:]
    elif digits.startswith("972") and len(digits) in (11, 12):
        digits = "0" + digits[3:]
    return digits


_PHONE_RE = re.compile(r"^(05\d{8}|07\d{8}|0[23489]\d{7})$")


def validate_israeli_phone(value):
    if not _PHONE_RE.match(normalize_phone(value)):
        raise ValidationError(
            _("“%(value)s” is not an Israeli phone number (e.g. 050-1234567 or 02-1234567)."),
            code="invalid_phone",
            params={"value": value},
        )


def validate_person_name(value):
    # fullmatch: `$` alone would let a trailing newline through.
    if not _NAME_RE.fullmatch((value or "").strip(" ")):
        raise ValidationError(
            _("Use letters in Hebrew, Arabic or Latin script (spaces, hyphens and apostrophes allowed)."),
            code="invalid_name",
        )
