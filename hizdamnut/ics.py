"""iCalendar (.ics) feeds, so meetings and sessions show in the worker's own calendar app.

Shared by plans (a worker's meetings) and programs (a cohort's sessions).
"""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event


def build_calendar(name, items):
    """`items`: iterable of (uid, starts_at, minutes, summary, description); a date without a time is all day."""
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
        if isinstance(starts_at, datetime.datetime):
            event.add("dtend", starts_at + datetime.timedelta(minutes=minutes))
        else:  # a day without a time (an interview date): an all-day event
            event.add("dtend", starts_at + datetime.timedelta(days=1))
        event.add("summary", summary)
        if description:
            event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()
