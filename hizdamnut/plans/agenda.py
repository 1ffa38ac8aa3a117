"""A worker's agenda: the steps scheduled ahead (next meetings, intake meetings, job interviews…).

Shown on the worker's home and caseload and sent to the worker's .ics feed. Apps after plans (employers…)
add their scheduled steps with `register_source(source)` in their AppConfig.ready(); a source is
`source(user, worker, today) -> [Scheduled]` and costs a fixed number of queries.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.inquiries.models import Inquiry, InquiryStatus

from . import selectors

_SOURCES = []


@dataclass
class Scheduled:
    uid: str
    when: datetime.datetime | datetime.date  # a date alone is an all-day step
    title: str
    participant_name: str = ""
    feed_name: str = ""  # first name and initial, for the .ics feed that leaves the system
    url: str = ""
    minutes: int = 60

    @property
    def all_day(self):
        return not isinstance(self.when, datetime.datetime)

    @property
    def sort_key(self):
        if self.all_day:
            return timezone.make_aware(datetime.datetime.combine(self.when, datetime.time()))
        return self.when


def register_source(source):
    if source not in _SOURCES:
        _SOURCES.append(source)


def short_name(person):
    """First name and initial: the feed leaves the system."""
    return f"{person.first_name} {person.last_name[:1]}."


def next_meetings(user, worker, today):
    # A long caseload has a long agenda: read only what an item shows, not every column of meeting and person.
    meetings = selectors.upcoming_meetings_of_worker(user, worker).only(
        "next_meeting_at", "duration_minutes", "participant__first_name", "participant__last_name")
    return [Scheduled(f"next-{m.pk}@hizdamnut", m.next_meeting_at, _("Meeting"), m.participant.full_name,
                      short_name(m.participant), reverse("participants:detail", args=[m.participant_id]),
                      m.duration_minutes)
            for m in meetings]


def scheduled_intakes(user, worker, today):
    inquiries = (Inquiry.objects.for_user(user)
                 .filter(intake_staff=worker, status=InquiryStatus.INTAKE_SCHEDULED,
                         intake_starts_at__date__gte=today)
                 .select_related("participant"))
    return [Scheduled(f"intake-{i.pk}@hizdamnut", i.intake_starts_at, _("Intake meeting"), i.person_name,
                      short_name(i.participant or i), reverse("inquiries:detail", args=[i.pk]))
            for i in inquiries]


register_source(next_meetings)
register_source(scheduled_intakes)


def agenda_for(user, worker, today=None):
    """Everything scheduled for the worker from today on, soonest first."""
    today = today or timezone.localdate()
    items = []
    for source in _SOURCES:
        items.extend(source(user, worker, today))
    items.sort(key=lambda item: item.sort_key)
    return items
