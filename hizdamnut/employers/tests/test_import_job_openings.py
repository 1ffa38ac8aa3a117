import pytest
from django.core.management import CommandError, call_command

from hizdamnut.centers.tests.files import write_file
from hizdamnut.employers.models import JobOpening
from hizdamnut.employers.tests.factories import EmployerFactory

pytestmark = pytest.mark.django_db
HEADER = ("center_code,employer,title,occupation,hours_per_week,city,languages_required,skills_required,"
          "flexible_thresholds,education_required\n")


def write(tmp_path, body):
    return write_file(tmp_path, "openings.csv", HEADER + body, encoding="utf-8-sig")


def test_imports_every_row(tmp_path, lead, center):
    EmployerFactory(center=center, name="סופר השרון")
    path = write(tmp_path, "NTN,סופר השרון,קופאי/ת,cashier,30,נתניה,he ar,שירות לקוחות;קופה,languages,secondary\n"
                           "NTN,סופר השרון,מחסנאי/ת,warehouse,40,Netanya,,,,\n")
    call_command("import_job_openings", str(path), as_user="lead")
    cashier = JobOpening.objects.get(title="קופאי/ת")
    assert cashier.languages_required == ["he", "ar"] and cashier.skills_required == ["שירות לקוחות", "קופה"]
    assert cashier.flexible_thresholds == ["languages"] and cashier.education_required == 3
    assert JobOpening.objects.count() == 2


def test_a_bad_row_writes_nothing_and_names_row_and_column(tmp_path, lead, center, capsys):
    EmployerFactory(center=center, name="סופר השרון")
    path = write(tmp_path, "NTN,סופר השרון,קופאי/ת,cashier,30,נתניה,,,,\n"
                           "NTN,אין כזה,מחסנאי/ת,warehouse,xx,עיר דמיונית,zz,,,\n")
    with pytest.raises(CommandError) as error:
        call_command("import_job_openings", str(path), as_user="lead")
    assert error.value.returncode == 1
    err = capsys.readouterr().err
    for line in ["row 2: employer:", "row 2: hours_per_week: use a whole number", "row 2: city:",
                 "row 2: languages_required:"]:
        assert line in err
    assert not JobOpening.objects.exists()


def test_an_employer_of_another_center_is_refused(tmp_path, lead, center, other_center, capsys):
    EmployerFactory(center=other_center, name="סופר הנגב")
    path = write(tmp_path, "BSH,סופר הנגב,קופאי/ת,cashier,30,באר שבע,,,,\n")
    with pytest.raises(CommandError):
        call_command("import_job_openings", str(path), as_user="lead")
    assert "row 1: center:" in capsys.readouterr().err
    assert not JobOpening.objects.exists()


def test_xlsx_is_read_the_same_way(tmp_path, lead, center):
    from openpyxl import Workbook

    EmployerFactory(center=center, name="סופר השרון")
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["NTN", "סופר השרון", "קופאי/ת", "cashier", 30, "נתניה", "he", "", "", ""])
    path = tmp_path / "openings.xlsx"
    book.save(path)
    call_command("import_job_openings", str(path), as_user="lead")
    assert JobOpening.objects.get().hours_per_week == 30
