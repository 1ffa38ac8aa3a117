import datetime

import factory

from hizdamnut.centers.models import City
from hizdamnut.centers.tests.factories import CenterFactory
from hizdamnut.employers.models import Candidacy, CandidateProfile, Employer, JobOpening
from hizdamnut.participants.tests.factories import ParticipantFactory


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    center = factory.SubFactory(CenterFactory)
    name = factory.Sequence(lambda n: f"רשת השרון {n}")
    sector = "retail"


class JobOpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobOpening

    employer = factory.SubFactory(EmployerFactory)
    title = "קופאי/ת"
    occupation = "cashier"
    hours_per_week = 30
    shift = "day"
    city = factory.LazyAttribute(lambda o: o.employer.center.city)
    opened_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile

    participant = factory.SubFactory(ParticipantFactory, status="active")
    ready_for_work = True
    desired_occupations = factory.LazyFunction(lambda: ["cashier"])
    education_level = 3
    max_commute_km = 25


class CandidacyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidacy

    opening = factory.SubFactory(JobOpeningFactory)
    participant = factory.LazyAttribute(lambda c: ParticipantFactory(center=c.opening.employer.center, status="active"))
    recommended_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=5))


__all__ = ["EmployerFactory", "JobOpeningFactory", "CandidateProfileFactory", "CandidacyFactory", "City"]
