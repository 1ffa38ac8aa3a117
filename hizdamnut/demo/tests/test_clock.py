import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hizdamnut.demo.clock import travelling
from hizdamnut.demo.core import seed
from hizdamnut.plans.models import Meeting
from hizdamnut.programs.models import Session

DAY = datetime.date(2026, 3, 1)


def test_the_services_see_the_demo_day_and_the_real_clock_comes_back():
    real = timezone.now
    with travelling(DAY) as clock:
        assert timezone.localdate() == DAY
        with clock.on(DAY - datetime.timedelta(days=40), 9):
            assert timezone.localdate() == DAY - datetime.timedelta(days=40)
            assert timezone.localtime().hour == 9
        assert timezone.localdate() == DAY
    assert timezone.now is real


def test_the_clock_comes_back_when_a_service_refuses():
    with travelling(DAY) as clock, pytest.raises(ValidationError), clock.on(DAY - datetime.timedelta(days=3)):
        raise ValidationError("refused")
    assert timezone.now is not clock.now


@pytest.mark.django_db
def test_demo_history_is_entered_on_its_days():
    seed(centers=1, participants=30, random_seed=2, today=DAY)
    assert not Meeting.objects.filter(attendance="held", starts_at__gt=timezone.make_aware(
        datetime.datetime.combine(DAY, datetime.time(23, 59)))).exists()
    # Sessions were planned before they happened: each cohort was created no later than its first session.
    for session in Session.objects.select_related("cohort"):
        assert session.cohort.created_at <= session.starts_at
