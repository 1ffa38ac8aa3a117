"""Everything that happened to a participant, newest first.

Apps to the right of plans (programs…) add their own events by registering a source in their `ready()`, so plans
never imports them. A source is `source(user, participant) -> [Event]` and must cost a fixed number of queries.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hizdamnut.participants.models import StatusChange

from .models import Goal, Meeting, Note, Task

_SOURCES = []


@dataclass
class Event:
    when: datetime.datetime
    kind: str  # status, meeting, note, goal, task, enrollment …
    title: str
    detail: str = ""
    by: str = ""
    extra: dict = field(default_factory=dict)


def register_source(source):
    if source not in _SOURCES:
        _SOURCES.append(source)


def as_datetime(day):
    """A date placed at the end of its day, so that on one day a dated event sorts after timed ones."""
    if isinstance(day, datetime.datetime):
        return day
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


def _day(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def plans_events(user, participant):
    events = []
    for change in StatusChange.objects.filter(participant=participant).select_related("changed_by"):
        detail = " · ".join(
            part for part in (
                change.get_reason_display() if change.reason else "",
                change.note,
                _("expected back %(date)s") % {"date": _day(change.expected_return)} if change.expected_return else "",
            ) if part
        )
        events.append(Event(as_datetime(change.changed_on), "status", change.get_status_display(), detail,
                            _name(change.changed_by)))
    for meeting in Meeting.objects.filter(participant=participant).select_related("staff"):
        events.append(Event(
            meeting.starts_at, "meeting",
            _("%(kind)s meeting – %(attendance)s") % {
                "kind": meeting.get_kind_display(), "attendance": meeting.get_attendance_display()},
            _("%(minutes)s minutes") % {"minutes": meeting.duration_minutes}, _name(meeting.staff),
        ))
    for note in Note.objects.visible_to(user).filter(participant=participant).select_related("author"):
        events.append(Event(note.created_at, "note", note.get_kind_display(), note.text, _name(note.author),
                            {"therapeutic": note.kind == "therapeutic"}))
    for goal in Goal.objects.filter(plan__participant=participant).select_related("created_by"):
        events.append(Event(goal.created_at, "goal", _("Goal: %(goal)s") % {"goal": goal.what},
                            _("%(measure)s → %(target)s by %(date)s") % {
                                "measure": goal.measure, "target": goal.target, "date": _day(goal.target_date)},
                            _name(goal.created_by)))
    for task in Task.objects.filter(plan__participant=participant).select_related("created_by"):
        events.append(Event(task.created_at, "task", _("Task: %(task)s") % {"task": task.title},
                            _("%(owner)s · due %(date)s · %(status)s") % {
                                "owner": task.get_owner_display(), "date": _day(task.due_date),
                                "status": task.get_status_display()},
                            _name(task.created_by)))
    return events


def timeline_for(user, participant):
    """All events the user may see, newest first."""
    events = plans_events(user, participant)
    for source in _SOURCES:
        events.extend(source(user, participant))
    events.sort(key=lambda event: event.when, reverse=True)
    return events
