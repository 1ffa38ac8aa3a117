import datetime

import factory

from hizdamnut.centers.models import City
from hizdamnut.centers.tests.factories import CenterFactory
from hizdamnut.participants.models import Participant


def valid_id_number(n):
    """A fictional nine-digit ID number with a correct check digit, distinct for each n."""
    body = f"{(n * 7919) % 10**8:08d}"
    total = 0
    for index, char in enumerate(body):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return body + str((10 - total % 10) % 10)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    center = factory.SubFactory(CenterFactory)
    first_name = factory.Iterator(["מיכל", "אחמד", "יוסי", "רנא", "דנה", "מוחמד"])
    last_name = factory.Iterator(["לוי", "חורי", "מזרחי", "עבאס", "פרץ", "נסאר"])
    id_number = factory.Sequence(lambda n: valid_id_number(n + 1000))
    birth_date = datetime.date(1990, 5, 17)
    phone = factory.Sequence(lambda n: f"05{n % 10}{n:07d}"[:10])
    city = factory.LazyAttribute(lambda p: p.center.city if p.center else City.objects.first())
