"""Bounds every app shares, so a value no center could mean is refused with a message, not stored or crashed on.

Dates: a record's dates lie between EARLIEST_DAY and a few years ahead; a participant is born from 1900 and is
at least MIN_PARTICIPANT_AGE. Times from the API without a zone are read in the center's zone (Asia/Jerusalem).
Free text has a length limit (LONG_TEXT) and the request body one (settings.DATA_UPLOAD_MAX_MEMORY_SIZE).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST_DAY = datetime.date(1900, 1, 1)
EARLIEST_RECORD_DAY = datetime.date(2000, 1, 1)
YEARS_AHEAD = 5
MIN_PARTICIPANT_AGE = 14
LONG_TEXT = 10_000
MAX_CHILDREN = 20
MAX_MEETING_MINUTES = 600


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def birth_date_error(day, today=None):
    """The message for an implausible date of birth of a participant, or None."""
    today = today or timezone.localdate()
    latest = years_before(today, MIN_PARTICIPANT_AGE)
    if day is None or EARLIEST_DAY <= day <= latest:
        return None
    if day > today:
        return _("The date of birth cannot be in the future.")
    return _("Give a date of birth between %(earliest)s and %(latest)s (participants are at least %(age)s).") % {
        "earliest": EARLIEST_DAY.strftime("%d/%m/%Y"), "latest": latest.strftime("%d/%m/%Y"),
        "age": MIN_PARTICIPANT_AGE}


def period_date_error(day, today=None):
    """The message for a report or record date outside EARLIEST_RECORD_DAY .. YEARS_AHEAD years from today."""
    today = today or timezone.localdate()
    latest = years_before(today, -YEARS_AHEAD)
    if day is None or EARLIEST_RECORD_DAY <= day <= latest:
        return None
    return _("Give a date between %(earliest)s and %(latest)s.") % {
        "earliest": EARLIEST_RECORD_DAY.strftime("%d/%m/%Y"), "latest": latest.strftime("%d/%m/%Y")}


def validate_period_date(day):
    error = period_date_error(day)
    if error:
        raise ValidationError(error, code="implausible_date")


def validate_birth_date(day):
    error = birth_date_error(day)
    if error:
        raise ValidationError(error, code="implausible_birth_date")


def aware(moment):
    """A datetime with its zone: one sent without (an API client's "2025-01-05T10:00") is read in the center's
    zone, as the pages read what staff type."""
    if moment is None or not isinstance(moment, datetime.datetime) or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment, timezone.get_default_timezone())


def text_length_error(text, limit=LONG_TEXT):
    if text and len(text) > limit:
        return _("At most %(limit)s characters (this has %(length)s).") % {"limit": f"{limit:,}",
                                                                           "length": f"{len(text):,}"}
    return None


def refuse_unknown_fields(fields, allowed):
    """Refuses (ValidationError naming each one) the fields a service was given that it does not take."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
