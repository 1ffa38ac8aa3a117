import csv
import time
from pathlib import Path

import pytest

from hizdamnut.occupations.services import classify, reset_index

pytestmark = pytest.mark.django_db
TITLES = Path(__file__).resolve().parent / "data" / "titles.csv"


@pytest.fixture(autouse=True)
def fresh_index():
    reset_index()
    yield
    reset_index()


def test_classifier_recognises_real_hebrew_job_titles():
    """Top-1 on job titles written as people write them, assembled apart from the synonyms list."""
    with open(TITLES, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 150
    unit = sub_major = 0
    for row in rows:
        code = classify(row["title"]).code
        unit += code == row["code"]
        sub_major += bool(code) and code[:2] == row["code"][:2]
    print(f"\nunit group: {unit}/{len(rows)} = {unit / len(rows):.1%}; sub-major: {sub_major / len(rows):.1%}")
    assert unit / len(rows) >= 0.95
    assert sub_major / len(rows) >= 0.97


def test_feminine_plural_is_recognised():
    result = classify("קופאיות")
    assert result.code == "5230" and result.score >= 0.9 and result.label


def test_loanword_and_hebrew_word_name_the_same_occupation():
    assert classify("אינסטלטור").code == classify("שרברב").code == "7126"


def test_nonsense_has_no_code_but_a_score():
    result = classify("qwerty")
    assert result.code is None and 0 <= result.score < 0.62


def test_empty_title_has_no_code():
    assert classify("  ").code is None


def test_alternatives_are_other_codes_ranked_by_score():
    result = classify("טכנאי", limit=5)
    codes = [a.code for a in result.alternatives]
    assert result.code not in codes and len(codes) <= 4
    scores = [a.score for a in result.alternatives]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


def test_classifying_one_title_takes_under_5_ms():
    classify("קופאית")  # builds the index once
    titles = ["מלקטות במחסן", "נהג משאית כבדה", "מטפלת סיעודית", "עוזרת טבח", "מתכנתת"] * 20
    rounds = []
    for _ in range(3):  # the best of three rounds, so that another process on the machine does not decide it
        start = time.perf_counter()
        for title in titles:
            classify(title)
        rounds.append((time.perf_counter() - start) / len(titles))
    assert min(rounds) < 0.005


def test_a_generic_word_alone_offers_codes_but_chooses_none():
    result = classify("עובד")
    assert result.code is None and result.alternatives


def test_job_advert_words_are_ignored():
    assert classify("דרוש/ה מלצר/ית").code == "5131"


def test_the_written_ending_separates_titles_that_share_a_stem():
    assert classify("גננת").code == "2342"  # kindergarten teacher
    assert classify("גנן").code == "6113"  # gardener
