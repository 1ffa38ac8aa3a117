import json

import pytest
from django import forms
from django.core.management import CommandError, call_command
from django.urls import reverse

from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import Role
from hizdamnut.occupations.widgets import OccupationField

pytestmark = pytest.mark.django_db


def run_classify(*args, capsys):
    call_command("classify_occupation", *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_command_prints_one_object_per_title_in_input_order(capsys):
    result = run_classify("קופאית", "qwerty", "נהגת משאית", capsys=capsys)
    assert [r["title"] for r in result] == ["קופאית", "qwerty", "נהגת משאית"]
    assert set(result[0]) == {"title", "code", "label", "score", "alternatives"}
    assert result[0]["code"] == "5230" and result[0]["label"] == "קופאים וכרטיסנים" and 0 <= result[0]["score"] <= 1
    assert result[1]["code"] is None
    assert result[2]["code"] == "8332"
    for alternative in result[0]["alternatives"]:
        assert set(alternative) == {"code", "label", "score"} and len(alternative["code"]) == 4


def test_command_reads_titles_from_a_file_after_the_arguments(tmp_path, capsys):
    path = tmp_path / "titles.txt"
    path.write_text("\ufeffמלקטת\n\n  מחסנאי \n", encoding="utf-8")
    result = run_classify("שומר", "--file", str(path), capsys=capsys)
    assert [r["title"] for r in result] == ["שומר", "מלקטת", "  מחסנאי "]
    assert [r["code"] for r in result] == ["5414", "4321", "4321"]


def test_command_without_titles_fails_with_a_message():
    with pytest.raises(CommandError, match="no job titles"):
        call_command("classify_occupation", "--format", "json")


def test_command_with_a_missing_file_fails_with_a_message():
    with pytest.raises(CommandError, match="cannot read"):
        call_command("classify_occupation", "--file", "/nonexistent/titles.txt")


def test_api_classifies_a_title(coordinator_client):
    response = coordinator_client.get("/api/v1/occupations/classify", {"title": "מלצריות"})
    assert response.status_code == 200
    assert response.json()["code"] == "5131" and response.json()["title"] == "מלצריות"


def test_api_shows_one_group_with_its_ancestors(client, coordinator):
    _token, key = ApiToken.issue(coordinator)
    response = client.get("/api/v1/occupations/5230", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert response["level"] == "unit" and response["parent"] == "523" and response["ancestors"] == ["5", "52", "523"]


def test_api_answers_404_for_an_unknown_code(coordinator_client):
    assert coordinator_client.get("/api/v1/occupations/9999").status_code == 404


def test_api_refuses_anonymous_callers(client):
    assert client.get("/api/v1/occupations/classify", {"title": "קופאית"}).status_code == 401


def test_suggestions_list_the_best_codes_for_staff(client, staff):
    for role in Role:
        client.force_login(staff(role, username=f"s_{role}"))
        response = client.get(reverse("occupations:suggest"), {"q": "קופאיות", "field": "occupation"})
        assert response.status_code == 200
        assert 'name="occupation_1" value="5230" checked' in response.content.decode()


def test_suggestions_read_the_typed_field_as_htmx_sends_it(coordinator_client):
    response = coordinator_client.get(reverse("occupations:suggest"), {"field": "desired", "desired_0": "מלקט"})
    assert 'name="desired_1" value="4321"' in response.content.decode()


def test_suggestions_are_for_signed_in_staff_only(client):
    response = client.get(reverse("occupations:suggest"), {"q": "קופאית"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class OpeningForm(forms.Form):
    occupation = OccupationField(label="Occupation")


def test_nothing_plausible_leaves_the_code_unchosen(coordinator_client):
    html = coordinator_client.get(reverse("occupations:suggest"), {"q": "qwerty"}).content.decode()
    assert 'name="occupation_1" value="" checked' in html


def test_occupation_field_renders_a_text_input_wired_to_suggestions():
    form = OpeningForm(initial={"occupation": {"title": "קופאיות", "code": "5230"}})
    assert form["occupation"].id_for_label == "id_occupation_0"
    html = str(form["occupation"])
    assert 'name="occupation_0" value="קופאיות"' in html
    assert reverse("occupations:suggest") in html and 'hx-trigger="input changed' in html
    assert 'name="occupation_1" value="5230" checked' in html


def test_occupation_field_keeps_the_typed_words_and_the_code():
    form = OpeningForm(data={"occupation_0": "קופאיות בסופר", "occupation_1": "5230"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["occupation"] == {"title": "קופאיות בסופר", "code": "5230"}


def test_occupation_field_accepts_a_title_without_a_code_unless_required():
    assert OpeningForm(data={"occupation_0": "משהו חדש"}).is_valid()

    class Strict(forms.Form):
        occupation = OccupationField(require_code=True)

    assert not Strict(data={"occupation_0": "משהו חדש"}).is_valid()


def test_occupation_field_refuses_a_code_that_is_not_a_unit_group():
    form = OpeningForm(data={"occupation_0": "קופאית", "occupation_1": "52"})
    assert not form.is_valid() and "occupation" in form.errors
