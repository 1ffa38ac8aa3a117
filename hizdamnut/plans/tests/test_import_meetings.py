import pytest
from django.core.management import CommandError, call_command

from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans.models import Meeting, Note

HEADER = "id_number,staff_username,kind,starts_at,duration_minutes,attendance,next_meeting_at,note\n"


@pytest.fixture
def setting(center, other_center, staff):
    worker = staff(Role.SOCIAL_WORKER, username="sw")
    return worker, ParticipantFactory(center=center), ParticipantFactory(center=other_center)


def test_meetings_are_recorded_from_a_csv(tmp_path, setting, capsys):
    worker, participant, _far = setting
    path = tmp_path / "meetings.csv"
    path.write_text(HEADER + f"{participant.id_number},sw,phone,2026-01-05 10:00,20,held,,שיחת מעקב\n"
                    + f"{participant.id_number},sw,individual,2026-01-12 10:00,45,no_show,,\n", encoding="utf-8")
    call_command("import_meetings", str(path), "--as-user", "sw")
    assert Meeting.objects.count() == 2
    assert Note.objects.get().kind == "team"
    assert "Recorded 2 meetings" in capsys.readouterr().out


def test_a_bad_row_writes_nothing_and_names_row_and_column(tmp_path, setting, capsys):
    worker, participant, far = setting
    path = tmp_path / "meetings.csv"
    path.write_text(HEADER + f"{participant.id_number},sw,phone,2026-01-05 10:00,20,held,,\n"
                    + f"{far.id_number},nobody,dance,yesterday,0,maybe,,\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_meetings", str(path), "--as-user", "sw")
    assert error.value.returncode == 1
    err = capsys.readouterr().err
    for column in ("id_number", "staff_username", "kind", "starts_at", "duration_minutes", "attendance"):
        assert f"row 2: {column}:" in err
    assert "row 1" not in err
    assert not Meeting.objects.exists()


def test_a_row_the_service_refuses_undoes_the_file(tmp_path, setting, capsys):
    worker, participant, _far = setting
    path = tmp_path / "meetings.csv"
    path.write_text(HEADER + f"{participant.id_number},sw,phone,2026-01-05 10:00,20,held,,\n"
                    + f"{participant.id_number},sw,phone,2099-01-05 10:00,20,held,,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_meetings", str(path), "--as-user", "sw")
    assert "row 2: starts_at:" in capsys.readouterr().err
    assert not Meeting.objects.exists()
