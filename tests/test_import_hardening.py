"""Imports: any encoding Excel writes, no crash on corrupt or foreign files, no zip bombs, no formulas, every row
(ID numbers included) checked before anything is saved, and always an acting user."""

import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from hizdamnut import bulk
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import valid_id_number

pytestmark = pytest.mark.django_db
HEADER = "center_code,first_name,last_name,id_number,birth_date,phone,city\n"


def rows(n=1):
    return "".join(f"NTN,רנא,עודה,{valid_id_number(i + 1)},1990-01-02,0501112233,נתניה\n" for i in range(n))


def run_import(path):
    call_command("import_participants", str(path), "--as-user", "coordinator", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1255"])
def test_a_csv_in_any_encoding_excel_writes_is_read(tmp_path, center, coordinator, encoding):
    path = tmp_path / "people.csv"
    path.write_bytes((HEADER + rows()).encode(encoding))
    run_import(path)
    assert Participant.objects.get().first_name == "רנא"


def test_a_corrupt_xlsx_is_refused_with_a_message(tmp_path, center, coordinator):
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(CommandError, match="not an XLSX"):
        run_import(path)


def test_a_binary_file_named_csv_is_refused(tmp_path, center, coordinator):
    path = tmp_path / "people.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CommandError, match="not a CSV"):
        run_import(path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, center, coordinator):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 20_000_000)
    with pytest.raises(CommandError, match="unpack"):
        run_import(path)


def test_a_formula_cell_is_an_error_naming_row_and_column(tmp_path, center, coordinator):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["NTN", "רנא", "עודה", valid_id_number(1), "1990-01-02", "0501112233", "נתניה"])
    sheet.append(["NTN", "=HYPERLINK(\"http://x\")", "כהן", valid_id_number(2), "1990-01-02", "0501112234", "נתניה"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    with pytest.raises(CommandError, match="row 2: first_name: a formula"):
        run_import(path)
    assert not Participant.objects.exists()


def test_a_bad_id_in_the_last_row_is_found_before_anything_is_saved(tmp_path, center, coordinator, capsys,
                                                                    monkeypatch):
    saved = []
    monkeypatch.setattr("hizdamnut.participants.services.register_participant",
                        lambda **fields: saved.append(fields))
    path = tmp_path / "people.csv"
    path.write_text(HEADER + rows(30) + "NTN,יוסי,כהן,123456789,1990-01-02,0521112233,נתניה\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run_import(path)
    assert "row 31: id_number: not a valid Israeli ID number" in capsys.readouterr().err
    assert saved == []


def test_an_implausible_birth_date_is_a_row_error(tmp_path, center, coordinator, capsys):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + f"NTN,רנא,עודה,{valid_id_number(1)},0001-01-01,0501112233,נתניה\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run_import(path)
    assert "row 1: birth_date:" in capsys.readouterr().err


def test_importing_inquiries_needs_an_acting_user(tmp_path, center):
    path = tmp_path / "in.csv"
    path.write_text("center_code,received_on,source,channel,category\n", encoding="utf-8")
    with pytest.raises(CommandError, match="as-user"):
        call_command("import_inquiries", str(path))


def test_read_table_of_a_cp1255_file_gives_hebrew(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("שם\nדנה\n".encode("cp1255"))
    assert bulk.read_rows(path) == [{"שם": "דנה"}]
