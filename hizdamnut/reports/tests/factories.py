import datetime

from hizdamnut.participants.models import JourneyStatus, StatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory


def journey(center, *steps, **fields):
    """A participant of `center` with status changes [(status, date), ...]; the last one is the current status."""
    participant = ParticipantFactory(center=center, **fields)
    for status, day in steps:
        extra = {"reason": "moved"} if status == JourneyStatus.CLOSED else {}
        StatusChange.objects.create(participant=participant, status=status, changed_on=day, **extra)
    if steps:
        participant.status = steps[-1][0]
        participant.save(update_fields=["status"])
    return participant


def d(month, day, year=2026):
    return datetime.date(year, month, day)


ACTIVE, INTAKE, CLOSED, PAUSED, PLACED = (JourneyStatus.ACTIVE, JourneyStatus.INTAKE, JourneyStatus.CLOSED,
                                          JourneyStatus.PAUSED, JourneyStatus.PLACED)
