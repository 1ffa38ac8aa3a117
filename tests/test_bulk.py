import pytest
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.bulk import save_all_or_nothing, validation_problems
from hizdamnut.centers.models import Region


def test_a_field_error_names_its_column_and_a_general_one_names_the_row():
    assert validation_problems(3, ValidationError({"phone": ["bad"]})) == ["row 3: phone: bad"]
    assert validation_problems(4, ValidationError("clash")) == ["row 4: row: clash"]


@pytest.mark.django_db
def test_one_refused_row_undoes_the_rows_before_it(capsys):
    def save(fields):
        if fields["code"] == "bad":
            raise ValidationError("refused")
        Region.objects.create(code=fields["code"], name_he="אזור")

    with pytest.raises(CommandError):
        save_all_or_nothing(BaseCommand(), [{"code": "ok1"}, {"code": "bad"}], save)
    assert "row 2: row: refused" in capsys.readouterr().err
    assert not Region.objects.filter(code="ok1").exists()
