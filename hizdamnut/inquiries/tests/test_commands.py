import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from hizdamnut.inquiries.models import Inquiry, InquiryCategory
from hizdamnut.participants.tests.factories import ParticipantFactory, valid_id_number

from .factories import InquiryFactory, category_tree

HEADER = ["center_code", "received_on", "source", "channel", "category", "subcategory", "id_number", "first_name",
          "last_name", "notes"]


def write_csv(path, rows, header=HEADER):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def tree(db):
    return category_tree()


def test_load_inquiry_categories_from_a_file(tmp_path, db):
    path = tmp_path / "cats.json"
    path.write_text(json.dumps([
        {"code": "job_search", "label_he": "חיפוש עבודה", "label_en": "Job search",
         "subcategories": [{"code": "cv_help", "label_he": "עזרה בקורות חיים", "label_en": "Help with a CV"}]},
        {"code": "information", "label_he": "מידע", "label_en": "Information", "subcategories": []},
    ]), encoding="utf-8")
    run("load_inquiry_categories", str(path))
    run("load_inquiry_categories", str(path))
    assert sorted(InquiryCategory.objects.values_list("code", flat=True)) == ["cv_help", "information", "job_search"]


def test_the_shipped_category_file_loads(db):
    code, out, err = run("load_inquiry_categories", "hizdamnut/inquiries/rules/categories.json")
    assert code == 0 and InquiryCategory.objects.filter(parent__isnull=True).count() == 5


def test_import_inquiries_imports_every_good_row(tmp_path, center, tree, coordinator):
    path = write_csv(tmp_path / "in.csv", [
        ["NTN", "2026-01-05", "self", "phone", "job_search", "cv_help", "", "דנה", "לוי", ""],
        ["NTN", "2026-01-06", "חבר מביא חבר", "walk_in", "information", "", "", "", "", "הערה"],
    ])
    code, out, err = run("import_inquiries", path, "--as-user", "coordinator")
    assert code == 0, err
    assert Inquiry.objects.count() == 2
    assert Inquiry.objects.get(received_on=datetime.date(2026, 1, 6)).source == "friend"
    assert Inquiry.objects.first().status_changes.count() == 1


def test_import_inquiries_is_all_or_nothing(tmp_path, center, tree, coordinator):
    path = write_csv(tmp_path / "in.csv", [
        ["NTN", "2026-01-05", "self", "phone", "job_search", "cv_help", "", "דנה", "לוי", ""],
        ["NTN", "05/01/2026", "self", "phone", "job_search", "", "", "", "", ""],
        ["XXX", "2026-01-05", "letter", "phone", "information", "cv_help", "", "", "", ""],
    ])
    code, out, err = run("import_inquiries", path, "--as-user", "coordinator")
    assert code == 1
    assert Inquiry.objects.count() == 0
    lines = err.strip().splitlines()
    assert "row 2: received_on: expected a date as YYYY-MM-DD" in lines
    assert any(line.startswith("row 3: center_code:") for line in lines)
    assert any(line.startswith("row 3: source:") for line in lines)
    assert any(line.startswith("row 3: subcategory:") for line in lines)


def test_import_links_a_registered_participant_by_id_number(tmp_path, center, tree, coordinator):
    participant = ParticipantFactory(center=center)
    path = write_csv(tmp_path / "in.csv", [
        ["NTN", "2026-01-05", "welfare_referral", "online", "job_search", "", participant.id_number, "", "", ""],
    ])
    run("import_inquiries", path, "--as-user", "coordinator")
    assert Inquiry.objects.get().participant == participant


def test_import_reads_xlsx(tmp_path, center, tree, coordinator):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["NTN", datetime.date(2026, 2, 1), "self", "phone", "job_search", "job_leads", valid_id_number(5),
                  "דנה", "", None])
    path = tmp_path / "in.xlsx"
    book.save(path)
    code, out, err = run("import_inquiries", str(path), "--as-user", "coordinator")
    assert code == 0, err
    assert Inquiry.objects.get().subcategory.code == "job_leads"


def report(*args):
    out = io.StringIO()
    call_command("inquiry_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def inquiries(center, other_center, tree):
    cv = InquiryCategory.objects.get(code="cv_help")
    info = InquiryCategory.objects.get(code="information")
    for _ in range(3):
        InquiryFactory(center=center, category=tree, subcategory=cv, received_on=datetime.date(2025, 3, 1))
    InquiryFactory(center=center, category=tree, received_on=datetime.date(2026, 1, 1))
    InquiryFactory(center=other_center, category=info, received_on=datetime.date(2026, 2, 1))
    InquiryFactory(center=other_center, category=info, received_on=datetime.date(2026, 2, 2))


def test_report_json_sums_equal_row_counts(inquiries):
    data = json.loads(report("--format", "json"))
    assert data["total"] == Inquiry.objects.count() == 6
    assert sum(c["count"] for c in data["categories"]) == data["total"]
    assert sum(block["total"] for block in data["by_center"].values()) == data["total"]
    assert sum(block["total"] for block in data["by_year"].values()) == data["total"]
    for category in data["categories"]:
        assert sum(s["count"] for s in category["subcategories"]) <= category["count"]


def test_report_shares_have_one_decimal(inquiries):
    data = json.loads(report("--format", "json"))
    job = next(c for c in data["categories"] if c["code"] == "job_search")
    assert (job["count"], job["share"]) == (4, 66.7)
    assert job["subcategories"][0] == {"code": "cv_help", "count": 3, "share": 50.0}


def test_report_lists_every_category_even_with_no_inquiries(inquiries):
    data = json.loads(report("--format", "json", "--center", "NTN"))
    info = next(c for c in data["categories"] if c["code"] == "information")
    assert (info["count"], info["share"]) == (0, 0.0)
    assert list(data["by_center"]) == ["NTN"]


def test_report_filters_by_year(inquiries):
    data = json.loads(report("--format", "json", "--year", "2026"))
    assert data["total"] == 3
    assert list(data["by_year"]) == ["2026"]


def test_report_csv_totals_match(inquiries):
    rows = list(csv.DictReader(io.StringIO(report("--format", "csv"))))
    total = next(r for r in rows if r["scope"] == "all" and r["level"] == "total")
    categories = [r for r in rows if r["scope"] == "all" and r["level"] == "category"]
    assert int(total["count"]) == sum(int(r["count"]) for r in categories) == 6


def test_report_xlsx_totals_match(inquiries, tmp_path):
    path = tmp_path / "r.xlsx"
    call_command("inquiry_report", "--format", "xlsx", "--output", str(path))
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0] == ("scope", "key", "level", "code", "count", "share")
    assert rows[1][:5] == ("all", None, "total", None, 6) or rows[1][4] == 6


SCREEN_HEADER = ["id_number", "birth_date", "city", "welfare_file_last_active", "low_stability", "underemployed",
                 "multiple_barriers", "acute_crisis", "long_unemployed", "disability_percent",
                 "disability_served_elsewhere", "excluded_population", "other_state_service"]


def test_screen_eligibility_prints_one_result_per_row(tmp_path, center):
    path = write_csv(tmp_path / "s.csv", [
        [valid_id_number(1), "1990-01-01", "נתניה", "2025-01-01", "", "", "", "", "", "", "", "", ""],
        [valid_id_number(2), "2010-01-01", "נתניה", "", "1", "", "", "", "", "", "", "", ""],
        [valid_id_number(3), "1990-01-01", "נתניה", "", "", "", "", "", "", "20", "0", "", ""],
    ], header=SCREEN_HEADER)
    code, out, err = run("screen_eligibility", path, "--center", "NTN", "--screened-on", "2026-06-01",
                         "--format", "json")
    assert code == 0, err
    results = json.loads(out)
    assert [r["row"] for r in results] == [1, 2, 3]
    assert [r["decision"] for r in results] == ["eligible", "not_eligible", "eligible"]
    assert results[1]["reasons"][0] == "age: age 16 is outside the working age 18–67"


def test_screen_eligibility_file_window_counts_from_screened_on(tmp_path, center):
    path = write_csv(tmp_path / "s.csv", [
        ["", "1990-01-01", "נתניה", "2023-06-01", "", "", "", "", "", "", "", "", ""],
        ["", "1990-01-01", "נתניה", "2023-05-31", "", "", "", "", "", "", "", "", ""],
    ], header=SCREEN_HEADER)
    code, out, err = run("screen_eligibility", path, "--center", "NTN", "--screened-on", "2026-06-01")
    assert [r["decision"] for r in json.loads(out)] == ["eligible", "not_eligible"]


def test_screen_eligibility_counts_current_participants_toward_the_region_cap(tmp_path, center):
    from hizdamnut.centers.models import City

    region_city = City.objects.filter(region=center.region).exclude(pk=center.city_id).first()
    for _ in range(7):
        ParticipantFactory(center=center)
    for _ in range(2):
        ParticipantFactory(center=center, city=region_city)
    path = write_csv(tmp_path / "s.csv", [
        ["", "1990-01-01", region_city.name_he, "2026-01-01", "", "", "", "", "", "", "", "", ""],
    ], header=SCREEN_HEADER)
    code, out, err = run("screen_eligibility", path, "--center", "NTN", "--screened-on", "2026-06-01",
                         "--year", str(datetime.date.today().year))
    assert json.loads(out)[0]["decision"] == "eligible"  # 3 of 10 = exactly 30%
    ParticipantFactory(center=center, city=region_city)
    code, out, err = run("screen_eligibility", path, "--center", "NTN", "--screened-on", "2026-06-01",
                         "--year", str(datetime.date.today().year))
    assert json.loads(out)[0]["decision"] == "needs_approval"  # 4 of 11 = 36.4%


def test_screen_eligibility_rejects_bad_rows_and_prints_nothing_else(tmp_path, center):
    path = write_csv(tmp_path / "s.csv", [
        ["", "1990-13-01", "נתניה", "", "yes", "", "", "", "", "", "", "", ""],
    ], header=SCREEN_HEADER)
    code, out, err = run("screen_eligibility", path, "--center", "NTN")
    assert code == 1 and out == ""
    assert "row 1: birth_date: expected a date as YYYY-MM-DD" in err
    assert "row 1: low_stability: expected 1, 0 or empty" in err


def test_import_accepts_the_centers_own_words_for_source_and_channel(tmp_path, center, tree, coordinator):
    path = write_csv(tmp_path / "in.csv", [
        ["NTN", "2026-01-05", "מפה לאוזן", "הגעה פיזית", "information", "", "", "", "", ""],
    ])
    code, out, err = run("import_inquiries", path, "--as-user", "coordinator")
    assert code == 0, err
    assert (Inquiry.objects.get().source, Inquiry.objects.get().channel) == ("friend", "walk_in")


def test_import_names_missing_columns_and_writes_nothing(tmp_path, center, tree, coordinator):
    path = write_csv(tmp_path / "in.csv", [["NTN", "2026-01-05"]], header=["center_code", "received_on"])
    code, out, err = run("import_inquiries", path, "--as-user", "coordinator")
    assert code == 1 and Inquiry.objects.count() == 0
    assert "missing columns: source, channel, category" in err
