import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from hizdamnut.surveys.models import Answer, SurveyResponse

from .factories import make_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire():
    return make_questionnaire()


def write_csv(tmp_path, text):
    path = tmp_path / "responses.csv"
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_import_writes_one_response_per_row(tmp_path, questionnaire, center, capsys):
    path = write_csv(
        tmp_path, "center_code,answered_on,listen,dismiss,hours\nNTN,2026-02-01,4,1,\nntn,2026-02-02,3,,2\n"
    )
    call_command("import_survey_responses", str(path), questionnaire="test-q")
    assert SurveyResponse.objects.filter(source="import").count() == 2
    assert Answer.objects.filter(value__isnull=True).count() == 2
    assert "2 responses imported" in capsys.readouterr().out


def test_import_is_all_or_nothing_and_lists_bad_rows(tmp_path, questionnaire, center, capsys):
    path = write_csv(tmp_path, "center_code,answered_on,listen,dismiss,hours\nNTN,2026-02-01,4,1,\n"
                               "XXX,2026-02-31,5,,2\nNTN,2026-02-03,,0,\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_survey_responses", str(path), questionnaire="test-q")
    assert exit_info.value.code == 1
    errors = capsys.readouterr().err
    assert "row 2: center_code:" in errors
    assert "row 2: answered_on:" in errors
    assert "row 2: listen:" in errors
    assert "row 3: dismiss:" in errors
    assert "row 1:" not in errors
    assert not SurveyResponse.objects.exists()


def test_import_refuses_an_unknown_column(tmp_path, questionnaire, center, capsys):
    path = write_csv(tmp_path, "center_code,answered_on,listen,colour\nNTN,2026-02-01,4,red\n")
    with pytest.raises(SystemExit):
        call_command("import_survey_responses", str(path), questionnaire="test-q")
    assert "colour" in capsys.readouterr().err
    assert not SurveyResponse.objects.exists()


def test_import_reads_xlsx(tmp_path, questionnaire, center):
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["center_code", "answered_on", "listen", "dismiss", "hours"])
    sheet.append(["NTN", datetime.date(2026, 1, 5), 4, 2, None])
    path = tmp_path / "responses.xlsx"
    workbook.save(path)
    call_command("import_survey_responses", str(path), questionnaire="test-q")
    response = SurveyResponse.objects.get()
    assert response.answered_on == datetime.date(2026, 1, 5)
    assert sorted(a.value or 0 for a in response.answers.all()) == [0, 2, 4]


@pytest.mark.usefixtures("show_tiny_groups")
def test_survey_report_command_prints_the_formats_json(tmp_path, questionnaire, center):
    path = write_csv(
        tmp_path, "center_code,answered_on,listen,dismiss,hours\nNTN,2026-02-01,4,1,\nNTN,2026-02-02,3,4,2\n"
    )
    call_command("import_survey_responses", str(path), questionnaire="test-q")
    out = io.StringIO()
    call_command("survey_report", questionnaire="test-q", center="NTN", date_from="2026-01-01",
                 date_to="2026-12-31", format="json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["questionnaire"] == "test-q"
    assert report["responses"] == 2
    assert report["items"][0] == {"code": "listen", "counts": {"1": 0, "2": 0, "3": 1, "4": 1}, "no_answer": 0,
                                  "mean": 3.5}
    # attitude: 4, 3 and dismiss 1 → 4, 4 → 1 → (4 + 3 + 4 + 1) / 4 = 3.0
    assert report["domains"][0] == {"code": "attitude", "mean": 3.0, "items": 2}
    assert list(report["by_center"]) == ["NTN"]


@pytest.mark.usefixtures("show_tiny_groups")
def test_survey_report_xlsx_holds_real_numbers_in_a_right_to_left_sheet(tmp_path, questionnaire, center):
    path = write_csv(
        tmp_path, "center_code,answered_on,listen,dismiss,hours\nNTN,2026-02-01,4,1,\nNTN,2026-02-02,3,4,2\n"
    )
    call_command("import_survey_responses", str(path), questionnaire="test-q")
    output = tmp_path / "report.xlsx"
    call_command("survey_report", questionnaire="test-q", format="xlsx", output=str(output), stdout=io.StringIO())
    workbook = load_workbook(output)
    sheet = workbook.worksheets[0]
    assert sheet.sheet_view.rightToLeft
    header = [cell.value for cell in sheet[1]]
    mean_column = header.index("Mean") if "Mean" in header else header.index("ממוצע")
    assert sheet.cell(row=2, column=mean_column + 1).value == 3.5
    assert isinstance(sheet.cell(row=2, column=4).value, int)
