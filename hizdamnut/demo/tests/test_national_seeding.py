"""`seed_demo --scale` into an empty database: the same seed gives the same data, and `--only-centers`."""

import pytest
from django.contrib.auth import get_user_model

from hizdamnut.demo.national import TABLES
from hizdamnut.participants.models import Participant

from .test_national import seed

pytestmark = pytest.mark.django_db


def test_the_same_seed_gives_the_same_data():
    seed()
    first = list(Participant.objects.order_by("pk").values_list("id_number", "first_name", "status", "birth_date"))
    assert len(first) == 60
    for model in reversed(TABLES):
        model.objects.all().delete()
    from hizdamnut.centers.models import Center, YearlyTarget

    YearlyTarget.objects.all().delete()
    Center.objects.all().delete()
    get_user_model().objects.all().delete()
    seed()
    assert list(Participant.objects.order_by("pk").values_list(
        "id_number", "first_name", "status", "birth_date")) == first


def test_only_centers_builds_the_first_centers_as_populous_as_in_the_whole_dataset():
    from hizdamnut.centers.models import Center

    seed("--only-centers", "1")  # 60 participants over two centers, large and medium: 36 and 24
    assert list(Center.objects.values_list("code", flat=True)) == ["NTN"]
    assert Participant.objects.filter(center__code="NTN").count() == Participant.objects.count() == 36
