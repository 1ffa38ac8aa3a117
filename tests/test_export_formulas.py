"""Exports never hand a spreadsheet a live formula: formula-looking text is neutralized, numbers stay numbers."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from hizdamnut.bulk import neutralize
from hizdamnut.reports.exports import Table, to_xlsx


@pytest.mark.parametrize("text", ["=1+1", "+972", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://evil\")"])
def test_formula_looking_text_gets_an_apostrophe(text):
    assert neutralize(text) == "'" + text


@pytest.mark.parametrize("value", ["דנה", "a=b", 5, -3, 2.5, None, datetime.date(2026, 1, 1)])
def test_other_values_are_unchanged(value):
    assert neutralize(value) == value


def test_excel_export_writes_text_not_formulas_and_keeps_numbers():
    table = Table(title="t", columns=["name", "=col"], rows=[["=HYPERLINK(\"http://x\",\"click\")", -5],
                                                             ["@SUM(1)", 2.5]])
    sheet = load_workbook(io.BytesIO(to_xlsx([table]))).active
    assert [c.data_type for row in sheet.iter_rows() for c in row] == ["s", "s", "s", "n", "s", "n"]
    assert sheet["A2"].value == "'=HYPERLINK(\"http://x\",\"click\")"
    assert sheet["B1"].value == "'=col"
    assert (sheet["B2"].value, sheet["B3"].value) == (-5, 2.5)


@pytest.mark.django_db
def test_inquiry_report_csv_neutralizes_text(monkeypatch, tmp_path):
    from hizdamnut.inquiries.management.commands import inquiry_report

    row = ["=cmd|' /C calc'!A0", "x", "total", "", 3, 1.5]
    monkeypatch.setattr(inquiry_report, "report_rows", lambda report: [row])
    out = tmp_path / "r.csv"
    call_command("inquiry_report", "--format", "csv", "--output", str(out))
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][4] == "3"
