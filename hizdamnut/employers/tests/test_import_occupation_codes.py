import pytest
from django.core.management import CommandError, call_command

from hizdamnut.centers.tests.files import write_file
from hizdamnut.employers.models import JobOpening
from hizdamnut.employers.tests.factories import EmployerFactory

pytestmark = pytest.mark.django_db
HEADER = "center_code,employer,title,occupation,hours_per_week,city,occupation_code\n"


def write(tmp_path, body):
    return write_file(tmp_path, "openings.csv", HEADER + body, encoding="utf-8-sig")


def test_occupation_words_are_classified_and_a_given_code_is_kept(tmp_path, lead, center, capsys):
    EmployerFactory(center=center, name="סופר השרון")
    path = write(tmp_path, "NTN,סופר השרון,קופאיות,קופאיות,30,נתניה,\n"
                           "NTN,סופר השרון,מוכרות,קופאיות,30,נתניה,5223\n"
                           "NTN,סופר השרון,משהו,זפזפון גלקטי,30,נתניה,\n")
    call_command("import_job_openings", str(path), as_user="lead")
    codes = {o.title: (o.occupation, getattr(o.occupation_unit, "code", None)) for o in JobOpening.objects.all()}
    assert codes == {"קופאיות": ("קופאיות", "5230"), "מוכרות": ("קופאיות", "5223"), "משהו": ("זפזפון גלקטי", None)}
    assert "1 occupations not recognised" in capsys.readouterr().out


def test_a_code_that_is_not_a_unit_group_is_refused(tmp_path, lead, center):
    EmployerFactory(center=center, name="סופר השרון")
    path = write(tmp_path, "NTN,סופר השרון,קופאיות,קופאיות,30,נתניה,523\n")
    with pytest.raises(CommandError):
        call_command("import_job_openings", str(path), as_user="lead")
    assert not JobOpening.objects.exists()
