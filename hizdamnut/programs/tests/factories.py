import datetime

import factory
from django.utils import timezone

from hizdamnut.centers.tests.factories import CenterFactory
from hizdamnut.programs.models import Cohort, Enrollment, EnrollmentStatus, Program, Session


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-program-{n}")
    kind = "workshop"
    name_he = "סדנת בדיקה"
    name_en = "Test workshop"
    default_capacity = 10


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    center = factory.SubFactory(CenterFactory)
    name = factory.Sequence(lambda n: f"קבוצה {n}")
    capacity = 2


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    cohort = factory.SubFactory(CohortFactory)
    status = EnrollmentStatus.ENROLLED
