"""The managers' log review: unusual volume, reads outside one's caseload, off-hours reads."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from hizdamnut.audit.review import review_reads
from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")


def read_at(user, person, when):
    return LogEntry.objects.log_create(person, force_log=True, action=LogEntry.Action.ACCESS, actor=user,
                                       timestamp=when.replace(tzinfo=ISRAEL))


@pytest.fixture
def coach(staff):
    return staff(Role.COACH, username="coach", first_name="רות", last_name="כהן")


def test_reads_of_participants_assigned_to_someone_else_are_flagged(coach, staff, center):
    mine = ParticipantFactory(center=center, case_worker=coach)
    theirs = ParticipantFactory(center=center, case_worker=staff(Role.COACH, username="other"))
    read_at(coach, mine, datetime.datetime(2026, 3, 2, 10))
    read_at(coach, theirs, datetime.datetime(2026, 3, 2, 11))
    review = review_reads(center=center, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31))
    assert [(name, pk) for name, pk, _when in review.outside_caseload] == [("רות כהן", theirs.pk)]


def test_off_hours_and_saturday_reads_are_flagged(coach, center):
    person = ParticipantFactory(center=center, case_worker=coach)
    read_at(coach, person, datetime.datetime(2026, 3, 2, 9))  # Monday morning: fine
    read_at(coach, person, datetime.datetime(2026, 3, 2, 22))  # Monday night
    read_at(coach, person, datetime.datetime(2026, 3, 7, 10))  # Saturday
    review = review_reads(center=center, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31))
    assert [when.hour for _name, when, _what in review.off_hours] == [22, 10]


def test_a_day_of_more_than_three_times_the_usual_reads_is_flagged(coach, center):
    person = ParticipantFactory(center=center, case_worker=coach)
    for day in (2, 3, 4):
        read_at(coach, person, datetime.datetime(2026, 3, day, 10))
    for minute in range(5):
        read_at(coach, person, datetime.datetime(2026, 3, 5, 10, minute))
    review = review_reads(center=center, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 31))
    assert [(day.day, count) for _name, day, count, _median in review.volume] == [(5, 5)]


def test_the_command_and_the_page_give_the_review(client, coach, staff, center, capsys):
    read_at(coach, ParticipantFactory(center=center), datetime.datetime(2026, 3, 7, 10))
    call_command("audit_review", "--center", center.code, "--from", "2026-03-01", "--to", "2026-03-31")
    assert "Off hours (1)" in capsys.readouterr().out
    client.force_login(staff(Role.MANAGER, username="boss"))
    page = client.get(reverse("audit:review"), {"center": center.pk, "date_from": "2026-03-01",
                                                "date_to": "2026-03-31"})
    assert page.status_code == 200 and "רות כהן" in page.content.decode()
    client.force_login(coach)
    assert client.get(reverse("audit:review")).status_code == 403
