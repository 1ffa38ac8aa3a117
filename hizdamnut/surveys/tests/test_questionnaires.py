import copy
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from hizdamnut.surveys.models import Questionnaire, QuestionnaireItem
from hizdamnut.surveys.services import load_questionnaire

from .factories import SMALL, make_questionnaire, make_response

pytestmark = pytest.mark.django_db
SHIPPED = Path(__file__).resolve().parents[1] / "questionnaires" / "satisfaction-2025.json"


def test_shipped_questionnaire_loads_with_hebrew_items_reverse_items_and_domains(capsys):
    call_command("load_questionnaire", str(SHIPPED))
    questionnaire = Questionnaire.objects.get(code="satisfaction-2025")
    items = list(questionnaire.items.all())
    assert len(items) == 12
    assert sum(item.reverse for item in items) == 3
    assert {item.domain for item in items} == {"attitude", "service", "benefit", "overall"}
    assert questionnaire.domain_label("attitude") == "יחס הצוות"
    assert "created" in capsys.readouterr().out


def test_loading_twice_changes_nothing():
    call_command("load_questionnaire", str(SHIPPED))
    call_command("load_questionnaire", str(SHIPPED))
    assert Questionnaire.objects.count() == 1
    assert QuestionnaireItem.objects.count() == 12


def test_reloading_updates_wording_by_code():
    make_questionnaire()
    changed = copy.deepcopy(SMALL)
    changed["items"][0]["text_he"] = "הצוות מקשיב לי"
    load_questionnaire(changed)
    assert QuestionnaireItem.objects.get(code="listen").text_he == "הצוות מקשיב לי"


def test_an_item_with_answers_cannot_be_dropped(center):
    questionnaire = make_questionnaire()
    make_response(questionnaire, center, {"hours": 3})
    changed = copy.deepcopy(SMALL)
    changed["items"] = changed["items"][:2]
    with pytest.raises(ValidationError) as error:
        load_questionnaire(changed)
    assert "items" in error.value.message_dict
    assert QuestionnaireItem.objects.filter(code="hours").exists()


def test_a_questionnaire_needs_items():
    with pytest.raises(ValidationError) as error:
        load_questionnaire({"code": "x", "title_he": "א", "items": []})
    assert "items" in error.value.message_dict


def test_duplicate_item_codes_are_refused():
    broken = copy.deepcopy(SMALL)
    broken["items"].append(dict(broken["items"][0]))
    with pytest.raises(ValidationError):
        load_questionnaire(broken)
    assert not Questionnaire.objects.exists()


def test_command_reports_a_bad_file_and_writes_nothing(tmp_path):
    bad = tmp_path / "q.json"
    bad.write_text(json.dumps({"code": "bad code!", "title_he": "א", "items": []}), encoding="utf-8")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_questionnaire", str(bad))
    assert not Questionnaire.objects.exists()
