import datetime
from decimal import Decimal

import factory

from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements.models import FollowUp, Placement


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    participant = factory.SubFactory(ParticipantFactory, status="placed")
    employer_name = "מאפיית הגליל"
    role = "עובד/ת ייצור"
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    hours_per_week = 42
    monthly_wage = Decimal("7000")
    contract_type = "permanent"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    placement = factory.SubFactory(PlacementFactory)
    months_after = 1
    due_on = factory.LazyAttribute(lambda f: f.placement.start_date + datetime.timedelta(days=30))
