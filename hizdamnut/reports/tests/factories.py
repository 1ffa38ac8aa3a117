import datetime

from hizdamnut.centers.tests.factories import YearlyTargetFactory
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


def four_active_people(center, other_center):
    """A 2026 target of 120 at `center`, three people active there since February and one at `other_center`."""
    YearlyTargetFactory(center=center, year=2026, new_active_participants=120)
    for _ in range(3):
        journey(center, (INTAKE, d(1, 2)), (ACTIVE, d(2, 5)))
    journey(other_center, (INTAKE, d(1, 2)), (ACTIVE, d(2, 5)))
