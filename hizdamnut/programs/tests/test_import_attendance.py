import pytest
from django.core.management import CommandError, call_command

from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.programs.models import SessionAttendance
from hizdamnut.programs.tests.factories import CohortFactory, EnrollmentFactory, SessionFactory


@pytest.fixture
def sheet(center, staff):
    staff(Role.COORDINATOR, username="coord")
    cohort = CohortFactory(center=center)
    a, b = ParticipantFactory(center=center), ParticipantFactory(center=center)
    EnrollmentFactory(cohort=cohort, participant=a)
    EnrollmentFactory(cohort=cohort, participant=b)
    return SessionFactory(cohort=cohort), a, b


def test_attendance_sheet_from_a_csv(tmp_path, sheet):
    session, a, b = sheet
    path = tmp_path / "sheet.csv"
    path.write_text(f"id_number,present\n{a.id_number},1\n", encoding="utf-8")
    call_command("import_attendance", str(path), "--session", str(session.pk), "--as-user", "coord")
    assert dict(SessionAttendance.objects.values_list("enrollment__participant", "present")) == {
        a.pk: True, b.pk: False
    }


def test_someone_not_enrolled_refuses_the_whole_sheet(tmp_path, sheet, center, capsys):
    session, a, _b = sheet
    stranger = ParticipantFactory(center=center)
    path = tmp_path / "sheet.csv"
    path.write_text(
        f"id_number,present\n{a.id_number},1\n{stranger.id_number},1\n{a.id_number},yes\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_attendance", str(path), "--session", str(session.pk), "--as-user", "coord")
    assert error.value.returncode == 1
    err = capsys.readouterr().err
    assert "row 2: id_number: not taking part" in err and "row 3: id_number: repeats row 1" in err
    assert "row 3: present:" in err
    assert not SessionAttendance.objects.exists()


def test_another_centers_session_is_unknown(tmp_path, other_center, staff):
    staff(Role.COORDINATOR, username="coord")
    session = SessionFactory(cohort=CohortFactory(center=other_center))
    path = tmp_path / "sheet.csv"
    path.write_text("id_number,present\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_attendance", str(path), "--session", str(session.pk), "--as-user", "coord")
