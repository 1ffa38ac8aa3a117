"""An intake meeting is scheduled with a date, a time and the worker who holds it; it shows on that worker's
agenda and calendar feed."""

import datetime

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from hizdamnut.centers.roles import Role
from hizdamnut.inquiries.models import InquiryStatus

from .factories import InquiryFactory


def _screened(center):
    return InquiryFactory(center=center, status=InquiryStatus.SCREENED)


def test_scheduling_keeps_the_time_and_the_worker(coordinator_client, center, staff):
    worker = staff(Role.SOCIAL_WORKER, username="sw")
    inquiry = _screened(center)
    starts = (timezone.localtime() + datetime.timedelta(days=3)).replace(hour=10, minute=30, second=0, microsecond=0)
    coordinator_client.post(reverse("inquiries:schedule", args=[inquiry.pk]),
                            {"intake_starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "intake_staff": worker.pk})
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.INTAKE_SCHEDULED
    assert inquiry.intake_starts_at == starts and inquiry.intake_staff == worker
    assert inquiry.intake_scheduled_on == starts.date()


def test_the_manager_is_not_offered_as_intake_worker(coordinator_client, center, staff):
    manager = staff(Role.MANAGER, username="manager")
    inquiry = _screened(center)
    form = coordinator_client.get(reverse("inquiries:detail", args=[inquiry.pk])).context["schedule_form"]
    assert manager not in form.fields["intake_staff"].queryset


def test_a_worker_of_another_center_is_refused(coordinator_client, center, other_center, staff):
    stranger = staff(Role.SOCIAL_WORKER, username="far", centers=[other_center])
    inquiry = _screened(center)
    starts = timezone.localtime() + datetime.timedelta(days=1)
    coordinator_client.post(reverse("inquiries:schedule", args=[inquiry.pk]),
                            {"intake_starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "intake_staff": stranger.pk})
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.SCREENED and inquiry.intake_staff is None


def test_the_scheduled_intake_is_on_the_workers_agenda_and_calendar(client, coordinator, center, staff):
    from hizdamnut.inquiries import services

    worker = staff(Role.SOCIAL_WORKER, username="sw")
    inquiry = _screened(center)
    starts = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    services.schedule_intake(inquiry=inquiry, starts_at=starts, staff=worker, actor=coordinator)
    client.force_login(worker)
    home = client.get(reverse("home")).content.decode()
    assert 'id="agenda"' in home and inquiry.person_name in home
    feed = Calendar.from_ical(client.get(reverse("plans:my_calendar")).content)
    assert any(event.decoded("dtstart") == starts for event in feed.walk() if event.name == "VEVENT")
