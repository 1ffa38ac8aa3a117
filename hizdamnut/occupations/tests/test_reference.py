from collections import Counter

import pytest
from django.core.management import call_command

from hizdamnut.occupations.models import Occupation, OccupationSynonym
from hizdamnut.occupations.reference import read_isco, read_synonyms

pytestmark = pytest.mark.django_db


def test_the_data_file_holds_all_four_levels_of_isco08():
    assert Counter(row["level"] for row in read_isco()) == {"major": 10, "sub_major": 43, "minor": 130, "unit": 436}


def test_the_migration_loads_the_hierarchy():
    counts = Counter(Occupation.objects.values_list("level", flat=True))
    assert counts == {"major": 10, "sub_major": 43, "minor": 130, "unit": 436}
    cashier = Occupation.objects.select_related("parent__parent__parent").get(code="5230")
    assert [cashier.parent.code, cashier.parent.parent.code, cashier.parent.parent.parent.code] == ["523", "52", "5"]
    assert cashier.title_en == "Cashiers and Ticket Clerks" and cashier.title_he


def test_every_group_has_a_hebrew_title_and_a_parent_one_level_up():
    for occupation in Occupation.objects.select_related("parent"):
        assert occupation.title_he and occupation.title_en
        if occupation.level != "major":
            assert occupation.code.startswith(occupation.parent.code)


def test_synonyms_are_many_and_name_unit_groups():
    assert len(read_synonyms()) >= 300
    assert OccupationSynonym.objects.count() == len(read_synonyms())
    assert not OccupationSynonym.objects.exclude(occupation__level="unit").exists()


def test_load_occupations_is_idempotent(capsys):
    call_command("load_occupations")
    call_command("load_occupations")
    assert Occupation.objects.count() == 619
    assert "619 occupation groups" in capsys.readouterr().out


def test_load_occupations_refuses_a_synonym_of_an_unknown_code(tmp_path):
    bad = tmp_path / "synonyms.csv"
    bad.write_text("title,code\nקוסם,9999\n", encoding="utf-8")
    with pytest.raises(Exception, match="9999"):
        call_command("load_occupations", synonyms=str(bad))
    assert not OccupationSynonym.objects.filter(title_he="קוסם").exists()
