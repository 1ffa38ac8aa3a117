import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import valid_id_number

pytestmark = pytest.mark.django_db
HEADER = "center_code,first_name,last_name,id_number,birth_date,phone,city,languages,single_parent\n"


def write(tmp_path, text, name="people.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


def test_a_good_file_registers_everyone(tmp_path, center, coordinator):
    path = write(tmp_path, HEADER + f"NTN,רנא,עודה,{valid_id_number(1)},1990-01-02,050-1112233,נתניה,ar he,1\n"
                 f"NTN,Dana,Levi,{valid_id_number(2)},1985-03-04,0521112233,Netanya,,0\n")
    call_command("import_participants", path, "--as-user", "coordinator", stdout=open("/dev/null", "w"))
    assert Participant.objects.count() == 2
    assert Participant.objects.get(first_name="רנא").languages == ["ar", "he"]


def test_one_bad_row_imports_nothing_and_names_row_and_column(tmp_path, center, coordinator, capsys):
    path = write(tmp_path, HEADER + f"NTN,רנא,עודה,{valid_id_number(1)},1990-01-02,050-1112233,נתניה,,\n"
                 f"XXX,יוסי,כהן,{valid_id_number(2)},02/01/1990,0521112233,עטלנטיס,,2\n")
    with pytest.raises(CommandError):
        call_command("import_participants", path, "--as-user", "coordinator")
    err = capsys.readouterr().err
    assert "row 2: center_code: unknown center" in err
    assert "row 2: birth_date: use YYYY-MM-DD" in err
    assert "row 2: city: unknown city" in err
    assert "row 2: single_parent: use 1, 0 or leave empty" in err
    assert not Participant.objects.exists()


def test_a_row_the_rules_refuse_rolls_back_the_rows_before_it(tmp_path, center, coordinator, capsys):
    path = write(tmp_path, HEADER + f"NTN,רנא,עודה,{valid_id_number(1)},1990-01-02,050-1112233,נתניה,,\n"
                 "NTN,יוסי,כהן,123456789,1990-01-02,0521112233,נתניה,,\n")
    with pytest.raises(CommandError):
        call_command("import_participants", path, "--as-user", "coordinator")
    assert "row 2: id_number:" in capsys.readouterr().err
    assert not Participant.objects.exists()


def test_an_id_repeated_within_the_file_is_reported(tmp_path, center, coordinator, capsys):
    number = valid_id_number(3)
    path = write(
        tmp_path,
        HEADER
        + f"NTN,א,ב,{number},1990-01-02,0501112233,נתניה,,\n"
        f"NTN,ג,ד,{number},1991-01-02,0501112234,נתניה,,\n",
    )
    with pytest.raises(CommandError):
        call_command("import_participants", path, "--as-user", "coordinator")
    assert "row 2: id_number: repeats row 1" in capsys.readouterr().err


def test_xlsx_files_are_read_like_csv(tmp_path, center, coordinator):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["NTN", "נור", "חאג'", valid_id_number(4), "1992-07-08", "0541234567", "נתניה", "he", "0"])
    book.save(tmp_path / "people.xlsx")
    call_command("import_participants", str(tmp_path / "people.xlsx"), "--as-user", "coordinator",
                 stdout=open("/dev/null", "w"))
    assert Participant.objects.get().first_name == "נור"
