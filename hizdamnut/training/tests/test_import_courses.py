import pytest
from django.core.management import CommandError, call_command

from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.files import write_file
from hizdamnut.training.models import Course

pytestmark = pytest.mark.django_db
HEADER = "center_code,name,field,provider,length_weeks,funding,required_documents\n"


@pytest.fixture
def trainer(staff):
    return staff(Role.TRAINING_COORDINATOR, username="trainer")


def write(tmp_path, body):
    return write_file(tmp_path, "courses.csv", HEADER + body)


def test_adds_then_updates_courses(tmp_path, trainer, center, capsys):
    call_command("import_courses", str(write(tmp_path, "NTN,מלגזה,לוגיסטיקה,מכללה,3,voucher,תעודת זהות;רישיון\n")),
                 as_user="trainer")
    call_command("import_courses", str(write(tmp_path, "NTN,מלגזה,לוגיסטיקה,מכללה,4,ministry,תעודת זהות\n")),
                 as_user="trainer")
    course = Course.objects.get()
    assert (course.length_weeks, course.funding, course.required_documents) == (4, "ministry", ["תעודת זהות"])
    assert "0 courses added, 1 updated." in capsys.readouterr().out


def test_a_bad_row_writes_nothing(tmp_path, trainer, center, capsys):
    path = write(tmp_path, "NTN,מלגזה,לוגיסטיקה,מכללה,3,voucher,\nXXX,,לוגיסטיקה,מכללה,0,gift,\n")
    with pytest.raises(CommandError) as error:
        call_command("import_courses", str(path), as_user="trainer")
    assert error.value.returncode == 1
    err = capsys.readouterr().err
    for line in ["row 2: center_code:", "row 2: name: required", "row 2: length_weeks:", "row 2: funding:"]:
        assert line in err
    assert not Course.objects.exists()
