import datetime

import factory
from django.utils import timezone

from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import (
    Attendance,
    CareerPlan,
    Goal,
    Meeting,
    MeetingKind,
    Note,
    NoteKind,
    Task,
    TaskOwner,
    TaskStatus,
)


class CareerPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerPlan
        django_get_or_create = ("participant",)

    participant = factory.SubFactory(ParticipantFactory)
    vision = "לעבוד כמזכירה רפואית"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(CareerPlanFactory)
    what = "לשלוח קורות חיים"
    measure = "מספר קורות חיים שנשלחו"
    target = "5"
    target_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(CareerPlanFactory)
    title = "לעדכן קורות חיים"
    owner = TaskOwner.PARTICIPANT
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    status = TaskStatus.OPEN


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    participant = factory.SubFactory(ParticipantFactory)
    kind = MeetingKind.INDIVIDUAL
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    duration_minutes = 45
    attendance = Attendance.HELD


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    participant = factory.SubFactory(ParticipantFactory)
    kind = NoteKind.TEAM
    text = "הערת צוות"
