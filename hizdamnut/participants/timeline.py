"""Everything that happened to a participant, newest first: one timeline that every app feeds.

participants comes early in the app order, so it knows nothing of inquiries, plans or placements. Each app
that records dated events about a participant registers a source in its AppConfig.ready():
`register_source(app_label, source)`, where `source(user, participant, records) -> [Event]` costs a fixed number
of queries and returns only what the user may see; it takes the rows it shows from `records` (records.py), which
the file's sections share, so a page that shows both reads each kind of record once.
tests/test_timeline_sources.py fails when an app with dated records about participants has not registered one.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.privacy import redact_each

from .models import StatusChange
from .records import Records

_SOURCES = {}  # app label → [source]


@dataclass
class Event:
    when: datetime.datetime
    kind: str  # status, inquiry, screening, intake, routing, meeting, note, goal, task, enrollment …
    title: str
    detail: str = ""
    by: str = ""
    extra: dict = field(default_factory=dict)
    # A date-only event (a status changed "on" a day) has no time of day: it shows the date alone.
    all_day: bool = False

    @classmethod
    def on(cls, day, kind, title, detail="", by="", extra=None, *, recorded_at=None):
        """An event dated `day`. When the record's own timestamp falls on that day it is the event's real
        time; otherwise (recorded later, or back-dated) the event shows the date without a time."""
        if isinstance(day, datetime.datetime):
            return cls(day, kind, title, detail, by, extra or {})
        if recorded_at is not None and timezone.localdate(recorded_at) == day:
            return cls(recorded_at, kind, title, detail, by, extra or {})
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        return cls(start, kind, title, detail, by, extra or {}, all_day=True)

    @property
    def sort_key(self):
        # On one day a dated event sorts after the timed ones (newest first it comes on top).
        return (timezone.localdate(self.when), self.all_day, self.when)


def register_source(app_label, source):
    sources = _SOURCES.setdefault(app_label, [])
    if source not in sources:
        sources.append(source)


def registered_sources():
    """{app label: [source]} – for the test that every app with dated events feeds the timeline."""
    return {label: list(sources) for label, sources in _SOURCES.items()}


def name_of(user):
    return (user.get_full_name() or user.username) if user else ""


def status_events(user, participant, records):
    events = [Event(participant.created_at, "registered", _("Registered as a participant"))]
    for change in StatusChange.objects.filter(participant=participant).select_related("changed_by"):
        detail = " · ".join(
            part for part in (
                change.get_reason_display() if change.reason else "",
                change.note,
                (
                    _("expected back %(date)s") % {"date": day_text(change.expected_return)}
                    if change.expected_return
                    else ""
                ),
            ) if part
        )
        events.append(Event.on(change.changed_on, "status", change.get_status_display(), detail,
                               name_of(change.changed_by), recorded_at=change.recorded_at))
    return events


def day_text(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


register_source("participants", status_events)


def timeline_for(user, participant, records=None, limit=None):
    """The events the user may see, newest first: all, or the latest `limit` (`records`: the page's, shared with
    its file)."""
    records = records or Records(user, participant)
    events = []
    for sources in _SOURCES.values():
        for source in sources:
            events.extend(source(user, participant, records))
    events.sort(key=lambda event: event.sort_key, reverse=True)
    # Redaction blanks a title or a detail, never a date: only the events shown need it.
    return redact_each(user, events[:limit], "plans.event")
