"""The .ics feed of a worker's meetings and scheduled steps, so they show in the worker's own calendar app."""

from hizdamnut.ics import build_calendar

from . import selectors
from .agenda import agenda_for, short_name


def meetings_calendar(user, worker):
    """A worker's meetings and agenda (intakes, interviews…); a participant is named by first name and initial only
    (the feed leaves the system)."""
    items = []
    for meeting in selectors.meetings_of_worker(user, worker):
        who = short_name(meeting.participant)
        items.append((f"meeting-{meeting.pk}@hizdamnut", meeting.starts_at, meeting.duration_minutes,
                      f"{meeting.get_kind_display()}: {who}", meeting.get_attendance_display()))
    for item in agenda_for(user, worker):
        items.append((item.uid, item.when, item.minutes, f"{item.title}: {item.feed_name}", ""))
    return build_calendar(worker.get_full_name() or worker.username, items)
