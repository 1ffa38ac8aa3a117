import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import Gender
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.programs import services
from hizdamnut.programs.models import Cohort, EnrollmentStatus, Program, SessionAttendance
from hizdamnut.programs.tests.factories import CohortFactory, ProgramFactory, SessionFactory


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English; the UI default is Hebrew."""
    with translation.override("en"):
        yield


@pytest.fixture
def worker(staff):
    return staff(Role.COORDINATOR, username="coord")


@pytest.fixture
def cohort(center):
    return CohortFactory(center=center, capacity=2)


def _people(center, n):
    return [ParticipantFactory(center=center) for _ in range(n)]


def test_the_catalog_holds_the_centers_real_offer(db):
    names = set(Program.objects.values_list("name_he", flat=True))
    for name in ("פוקוס", "סטרייב", "אסירים משוחררים", "יזמות עסקית", "למרחק", "תעסוקה שווה", "הפלוס ב-60",
                 "אמצע הדרך", "אשת חיל", "עברית תעסוקתית", "כתיבת קורות חיים", "ניהול משא ומתן"):
        assert name in names
    assert Program.objects.get(code="midway").eligibility == [{"rule": "min_age", "value": 45}]
    assert Program.objects.get(code="plus-60").eligibility == [{"rule": "min_age", "value": 60}]


def test_load_programs_is_idempotent(db, capsys):
    call_command("load_programs")
    call_command("load_programs")
    assert "0 created" in capsys.readouterr().out
    assert Program.objects.filter(code="yated").count() == 1


def test_load_programs_refuses_a_bad_file_and_writes_nothing(db, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"code": "new-one", "kind": "track", "name_he": "חדש", "name_en": "New"},
                               {"code": "x", "kind": "party", "name_he": "", "name_en": "X",
                                "eligibility": [{"rule": "shoe_size"}]}]), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_programs", str(bad))
    assert error.value.returncode == 1
    err = capsys.readouterr().err
    assert "row 2: kind:" in err and "row 2: name_he: missing" in err and "row 2: eligibility:" in err
    assert not Program.objects.filter(code="new-one").exists()


def test_enrolling_past_capacity_goes_to_the_waiting_list_and_says_so(worker, cohort, center):
    a, b, c = _people(center, 3)
    services.enroll(actor=worker, cohort=cohort, participant=a)
    services.enroll(actor=worker, cohort=cohort, participant=b)
    enrollment, message = services.enroll(actor=worker, cohort=cohort, participant=c)
    assert enrollment.status == EnrollmentStatus.WAITLISTED
    assert "waiting list" in message and "1" in message


def test_a_freed_place_promotes_the_first_on_the_waiting_list(worker, cohort, center):
    a, b, c, d = _people(center, 4)
    first, _ = services.enroll(actor=worker, cohort=cohort, participant=a)
    services.enroll(actor=worker, cohort=cohort, participant=b)
    waiting_c, _ = services.enroll(actor=worker, cohort=cohort, participant=c)
    waiting_d, _ = services.enroll(actor=worker, cohort=cohort, participant=d)
    promoted = services.end_enrollment(actor=worker, enrollment=first, outcome="dropped", reason="התחילה לעבוד")
    assert promoted == waiting_c
    waiting_c.refresh_from_db()
    waiting_d.refresh_from_db()
    assert waiting_c.status == EnrollmentStatus.ENROLLED and waiting_c.enrolled_on == timezone.localdate()
    assert waiting_d.status == EnrollmentStatus.WAITLISTED


def test_leaving_the_waiting_list_promotes_nobody(worker, cohort, center):
    a, b, c = _people(center, 3)
    services.enroll(actor=worker, cohort=cohort, participant=a)
    services.enroll(actor=worker, cohort=cohort, participant=b)
    waiting, _ = services.enroll(actor=worker, cohort=cohort, participant=c)
    assert services.end_enrollment(actor=worker, enrollment=waiting, outcome="withdrawn") is None
    assert cohort.enrollments.filter(status=EnrollmentStatus.ENROLLED).count() == 2


def test_dropping_out_needs_a_reason(worker, cohort, center):
    enrollment, _ = services.enroll(actor=worker, cohort=cohort, participant=_people(center, 1)[0])
    with pytest.raises(ValidationError) as error:
        services.end_enrollment(actor=worker, enrollment=enrollment, outcome="dropped", reason="")
    assert "reason" in error.value.message_dict
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ENROLLED


def test_completion_is_recorded(worker, cohort, center):
    enrollment, _ = services.enroll(actor=worker, cohort=cohort, participant=_people(center, 1)[0])
    services.end_enrollment(actor=worker, enrollment=enrollment, outcome="completed")
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.COMPLETED and enrollment.ended_on


def test_enrolling_twice_is_refused(worker, cohort, center):
    person = _people(center, 1)[0]
    services.enroll(actor=worker, cohort=cohort, participant=person)
    with pytest.raises(ValidationError):
        services.enroll(actor=worker, cohort=cohort, participant=person)


def test_age_rule_refuses_a_participant_too_young(worker, center):
    cohort = CohortFactory(center=center, program=Program.objects.get(code="midway"))
    young = ParticipantFactory(center=center, birth_date=timezone.localdate() - datetime.timedelta(days=30 * 365))
    with pytest.raises(ValidationError) as error:
        services.enroll(actor=worker, cohort=cohort, participant=young)
    assert "45" in error.value.message_dict["participant"][0]


def test_rules_staff_confirm_are_named_in_the_message(worker, center):
    cohort = CohortFactory(center=center, program=Program.objects.get(code="eshet-chayil"))
    mother = ParticipantFactory(center=center, gender=Gender.FEMALE, children_under_18=2)
    _enrollment, message = services.enroll(actor=worker, cohort=cohort, participant=mother)
    assert "enrolled" in message
    lamerhak = CohortFactory(center=center, program=Program.objects.get(code="lamerhak"))
    _enrollment, message = services.enroll(actor=worker, cohort=lamerhak, participant=mother)
    assert "Ethiopian" in message


def test_a_participant_of_another_center_cannot_join(worker, cohort, other_center):
    with pytest.raises(ValidationError):
        services.enroll(actor=worker, cohort=cohort, participant=ParticipantFactory(center=other_center))


def test_a_new_cohort_with_a_session_in_the_past_is_refused(worker, center):
    program = ProgramFactory()
    with pytest.raises(ValidationError) as error:
        services.create_cohort(actor=worker, program=program, center=center, name="ערב", capacity=10,
                               sessions=[timezone.now() + datetime.timedelta(days=3),
                                         timezone.now() - datetime.timedelta(days=1)])
    assert "sessions" in error.value.message_dict
    assert not Cohort.objects.exists()


def test_a_new_cohort_gets_its_schedule(worker, center):
    start = timezone.now() + datetime.timedelta(days=3)
    cohort = services.create_cohort(actor=worker, program=ProgramFactory(), center=center, name="בוקר",
                                    sessions=[start + datetime.timedelta(days=7 * n) for n in range(4)])
    assert cohort.sessions.count() == 4
    assert cohort.capacity == 10  # the program's default


def test_attendance_is_one_sheet_for_the_whole_group(worker, cohort, center):
    a, b = _people(center, 2)
    services.enroll(actor=worker, cohort=cohort, participant=a)
    services.enroll(actor=worker, cohort=cohort, participant=b)
    session = SessionFactory(cohort=cohort)
    services.record_attendance(actor=worker, session=session, present=[a.pk])
    lines = dict(SessionAttendance.objects.values_list("enrollment__participant", "present"))
    assert lines == {a.pk: True, b.pk: False}
    services.record_attendance(actor=worker, session=session, present=[a.pk, b.pk])
    assert SessionAttendance.objects.filter(present=True).count() == 2


def test_attendance_for_someone_not_enrolled_is_refused_and_nothing_saved(worker, cohort, center):
    a, b, stranger = _people(center, 3)
    services.enroll(actor=worker, cohort=cohort, participant=a)
    services.enroll(actor=worker, cohort=cohort, participant=b)
    waiting = ParticipantFactory(center=center)
    services.enroll(actor=worker, cohort=cohort, participant=waiting)  # third: on the waiting list
    session = SessionFactory(cohort=cohort)
    for outsider in (stranger, waiting):
        with pytest.raises(ValidationError) as error:
            services.record_attendance(actor=worker, session=session, present=[a.pk, outsider.pk])
        assert "present" in error.value.message_dict
    assert not SessionAttendance.objects.exists()


def test_attendance_waits_for_the_session(worker, cohort, center):
    a = _people(center, 1)[0]
    services.enroll(actor=worker, cohort=cohort, participant=a)
    session = SessionFactory(cohort=cohort, starts_at=timezone.now() + datetime.timedelta(days=2))
    with pytest.raises(ValidationError):
        services.record_attendance(actor=worker, session=session, present=[a.pk])
