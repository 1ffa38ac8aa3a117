"""The candidate board: the next natural step is the primary action; ending a candidacy asks a reason and confirms;
an interview may be scheduled ahead and shows on the worker's agenda and calendar."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from hizdamnut.centers.roles import Role
from hizdamnut.employers import services
from hizdamnut.employers.models import Stage
from hizdamnut.employers.tests.factories import CandidacyFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.participants.tests.factories import ParticipantFactory

TODAY = datetime.date.today()


@pytest.fixture
def employer(center):
    return EmployerFactory(center=center)


def _candidacy(employer, stage, **fields):
    return CandidacyFactory(opening=JobOpeningFactory(employer=employer), stage=stage,
                            cv_sent_on=TODAY - datetime.timedelta(days=2), **fields)


def test_an_interview_may_be_scheduled_ahead(lead, employer):
    candidacy = _candidacy(employer, Stage.CV_SENT)
    ahead = TODAY + datetime.timedelta(days=5)
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.INTERVIEW, on=ahead)
    assert candidacy.interview_on == ahead


def test_other_steps_still_cannot_be_dated_ahead(lead, employer):
    from django.core.exceptions import ValidationError

    candidacy = _candidacy(employer, Stage.RECOMMENDED)
    with pytest.raises(ValidationError) as error:
        services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.CV_SENT,
                                on=TODAY + datetime.timedelta(days=1))
    assert "on" in error.value.message_dict


def test_after_an_interview_the_hire_is_the_primary_action_and_nothing_defaults_to_rejected(client, lead, employer):
    candidacy = _candidacy(employer, Stage.INTERVIEW, interview_on=TODAY)
    client.force_login(lead)
    body = client.get(reverse("employers:board", args=[employer.pk])).content.decode()
    card = body[body.index(f'id="candidacy-{candidacy.pk}"'):]
    hire = card.index(reverse("placements:hire", args=[candidacy.pk]))
    assert 'class="secondary outline" href="' + reverse("placements:hire", args=[candidacy.pk]) not in card
    assert '<option value="" selected>' in card[hire:]
    assert '<option value="rejected" selected' not in card


def test_rejecting_asks_for_confirmation_before_anything_changes(client, lead, employer):
    candidacy = _candidacy(employer, Stage.INTERVIEW, interview_on=TODAY)
    client.force_login(lead)
    url = reverse("employers:move", args=[candidacy.pk])
    response = client.post(url, {"stage": "rejected", "reason": "לא התאים לשעות"})
    assert response.status_code == 200 and 'name="confirmed" value="1"' in response.content.decode()
    candidacy.refresh_from_db()
    assert candidacy.stage == Stage.INTERVIEW
    client.post(url, {"stage": "rejected", "reason": "לא התאים לשעות", "confirmed": "1"})
    candidacy.refresh_from_db()
    assert candidacy.stage == Stage.REJECTED and candidacy.rejection_reason == "לא התאים לשעות"


def test_withdrawing_without_a_reason_is_refused(client, lead, employer):
    candidacy = _candidacy(employer, Stage.CV_SENT)
    client.force_login(lead)
    response = client.post(reverse("employers:move", args=[candidacy.pk]), {"stage": "withdrawn", "confirmed": "1"},
                           follow=True)
    candidacy.refresh_from_db()
    assert candidacy.stage == Stage.CV_SENT and "message error" in response.content.decode()


def test_a_scheduled_interview_is_on_the_workers_agenda_and_calendar(client, staff, center, employer):
    worker = staff(Role.COACH, username="coach")
    participant = ParticipantFactory(center=center, case_worker=worker, status="active")
    ahead = TODAY + datetime.timedelta(days=4)
    CandidacyFactory(opening=JobOpeningFactory(employer=employer), participant=participant, stage=Stage.INTERVIEW,
                     cv_sent_on=TODAY, interview_on=ahead)
    client.force_login(worker)
    assert employer.name in client.get(reverse("plans:caseload")).content.decode()
    feed = Calendar.from_ical(client.get(reverse("plans:my_calendar")).content)
    starts = [event.decoded("dtstart") for event in feed.walk() if event.name == "VEVENT"]
    assert ahead in starts
