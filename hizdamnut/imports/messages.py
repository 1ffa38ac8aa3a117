"""The commands' problems in the user's language.

The bulk commands write their problems in English for the shell (`row 3: received_on: date is in the future`),
and their output is a contract (tests, scripts). The web shows the same problems in Hebrew: each known reason
is matched here and translated, the values it quotes kept; a reason that is already translated (a service's
ValidationError) or unknown is shown as it came.
"""

import re

from django.utils.translation import gettext_lazy as _

# (pattern of the English reason, its translation with the pattern's named groups).
REASONS = [
    (r"date is in the future", _("the date is in the future")),
    (r"expected a date as YYYY-MM-DD or empty", _("write a date as YYYY-MM-DD, or leave it empty")),
    (r"(?:expected a date as |use )YYYY-MM-DD", _("write a date as YYYY-MM-DD")),
    (r"not a date \(YYYY-MM-DD\)", _("write a date as YYYY-MM-DD")),
    (r"use YYYY-MM-DD HH:MM", _("write a date and time as YYYY-MM-DD HH:MM")),
    (r"expected a whole number from 0 to 100 or empty", _("write a whole number from 0 to 100, or leave it empty")),
    (r"required", _("this column must be filled in")),
    (r"use a whole number", _("write a whole number")),
    (r"use a whole number above 0", _("write a whole number above 0")),
    (r"use a whole number of minutes above 0", _("write the minutes as a whole number above 0")),
    (r"use a number", _("write a number")),
    (r"use 1 to 70", _("write a number from 1 to 70")),
    (r"use 1, 0 or leave empty|expected 1, 0 or empty", _("write 1 (yes), 0 (no) or leave it empty")),
    (r"use 1 or 0", _("write 1 (yes) or 0 (no)")),
    (r"before opened_on", _("the closing date comes before the opening date")),
    (r"not a valid Israeli ID number", _("not a valid Israeli ID number")),
    (r"registered to a participant of another center", _("this ID number belongs to a participant of another center")),
    (r"no participant with this ID number at your centers", _("no participant with this ID number at your centers")),
    (r"not taking part in this cohort", _("this person is not taking part in the group")),
    (r"repeats row (?P<row>\d+)", _("repeats row %(row)s")),
    (r"unknown center(?: code)? “(?P<value>.*)”", _("unknown center code “%(value)s”")),
    (r"unknown city “(?P<value>.*)”", _("unknown city “%(value)s”")),
    (r"not one of your centers “(?P<value>.*)”", _("“%(value)s” is not one of your centers")),
    (r"unknown user “(?P<value>.*)”", _("unknown user “%(value)s”")),
    (r"unknown source “(?P<value>.*)”; one of (?P<allowed>.*)",
     _("unknown source “%(value)s”; use one of: %(allowed)s")),
    (r"unknown channel “(?P<value>.*)”; one of (?P<allowed>.*)",
     _("unknown channel “%(value)s”; use one of: %(allowed)s")),
    (r"unknown top-level category “(?P<value>.*)”", _("unknown main reason “%(value)s”")),
    (r"“(?P<value>.*)” is not a subcategory of “(?P<parent>.*)”",
     _("“%(value)s” is not a detailed reason of “%(parent)s”")),
    (r"no employer “(?P<value>.*)” at (?P<center>.*)", _("no employer “%(value)s” at %(center)s")),
    (r"unknown (?P<value>.*); use (?P<allowed>.*)", _("unknown “%(value)s”; use one of: %(allowed)s")),
    (r"use one of (?P<allowed>.*)", _("use one of: %(allowed)s")),
    (r"longer than (?P<size>\d+) characters", _("longer than %(size)s characters")),
    (r"missing column", _("this column is missing")),
    (r".*: missing columns: (?P<columns>.*)", _("the file lacks the columns: %(columns)s")),
    (r"cannot read .*", _("the file cannot be read: save it as CSV (UTF-8) or XLSX and upload it again")),
    (r"--session: .*", _("choose a session of your centers")),
    (r"Unknown questionnaire .*", _("choose a questionnaire")),
]
_COMPILED = [(re.compile(f"^(?:{pattern})$"), text) for pattern, text in REASONS]
_SUMMARIES = re.compile(r"problem\(s\) found; nothing was written|rows checked; nothing was imported")


def reason(text, *, path=None):
    """A command's reason in the active language (a path in it is never shown)."""
    if path is not None:
        text = text.replace(str(path), "")
    for pattern, translated in _COMPILED:
        if found := pattern.match(text.strip()):
            return str(translated) % found.groupdict() if found.groupdict() else str(translated)
    return text


def is_summary(line):
    return bool(_SUMMARIES.search(line))


def count(summary):
    """How many rows a command's success line says it wrote ("12 inquiries imported", "Registered 3 …")."""
    found = re.search(r"\d+", summary or "")
    return int(found.group()) if found else 0
