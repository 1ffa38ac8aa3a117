import factory

from hizdamnut.centers.tests.factories import CenterFactory
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.training.models import Course, TrainingApplication


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    center = factory.SubFactory(CenterFactory)
    name = "הנהלת חשבונות סוג 1"
    field = "הנהלת חשבונות"
    provider = "מכללת השרון"
    length_weeks = 12
    required_documents = factory.LazyFunction(lambda: ["תעודת זהות", "אישור השכלה"])


class TrainingApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingApplication

    course = factory.SubFactory(CourseFactory)
    participant = factory.LazyAttribute(lambda a: ParticipantFactory(center=a.course.center))
