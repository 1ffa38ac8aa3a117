"""iCalendar (.ics) feeds, so meetings and sessions show in the worker's own calendar app."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event


def build_calendar(name, items):
    """`items`: iterable of (uid, starts_at, minutes, summary, description)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Hizdamnut//Opportunity Centers//HE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for uid, starts_at, minutes, summary, description in items:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", starts_at)
        event.add("dtend", starts_at + datetime.timedelta(minutes=minutes))
        event.add("summary", summary)
        if description:
            event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()


def meetings_calendar(worker, meetings, upcoming):
    """A worker's meetings; a participant is named by first name and initial only (the feed leaves the system)."""
    items = []
    for meeting in meetings:
        who = f"{meeting.participant.first_name} {meeting.participant.last_name[:1]}."
        items.append((f"meeting-{meeting.pk}@hizdamnut", meeting.starts_at, meeting.duration_minutes,
                      f"{meeting.get_kind_display()}: {who}", meeting.get_attendance_display()))
    for meeting in upcoming:
        who = f"{meeting.participant.first_name} {meeting.participant.last_name[:1]}."
        items.append((f"next-{meeting.pk}@hizdamnut", meeting.next_meeting_at, meeting.duration_minutes,
                      f"{who}", ""))
    return build_calendar(worker.get_full_name() or worker.username, items)
