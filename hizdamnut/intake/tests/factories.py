import datetime

import factory

from hizdamnut.intake.models import IntakeMeeting
from hizdamnut.participants.tests.factories import ParticipantFactory


class IntakeMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeMeeting

    participant = factory.SubFactory(ParticipantFactory)
    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=1))
    needs = "אני רוצה עבודה קבועה"
    goals = "לעבוד במשרה מלאה"
    barriers = factory.LazyFunction(list)
    self_efficacy = 3
    proactivity = 3
    motivation = 3
    occupational_vision = 3
    job_search_skills = 3
