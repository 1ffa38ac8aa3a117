import pytest

from hizdamnut.occupations.normalize import clean, title_key


@pytest.mark.parametrize(
    "forms",
    [
        ["קופאית", "קופאי", "קופאים", "קופאות", "קופאיות"],
        ["מטפלת", "מטפל", "מטפלות", "מטפלים"],
        ["מזכירה", "מזכיר", "מזכירות", "מזכירים"],
        ["חשמלאי", "חשמלאית", "חשמלאים", "חשמלאיות"],
        ["מלצר", "מלצרית", "מלצרים", "מלצריות"],
        ["שומר", "שומרת", "שומרים", "שומרות"],
        ["גנן", "גננת"],
    ],
)
def test_gender_and_plural_forms_share_one_key(forms):
    assert len({title_key(form) for form in forms}) == 1


@pytest.mark.parametrize(
    ("full", "defective"),
    [("מזכירה", "מזכרה"), ("סייעת", "סיעת"), ("שומר", "שמר"), ("מכונאי", "מכנאי"), ("טכנאי מחשבים", "טכנאי מחשבים")],
)
def test_full_and_defective_spelling_share_one_key(full, defective):
    assert title_key(full) == title_key(defective)


def test_niqqud_is_stripped():
    assert title_key("קוּפָּאִית") == title_key("קופאית")


def test_final_letters_are_unified():
    assert clean("ךםןףץ") == "כמנפצ"
    assert title_key("נהגים") == title_key("נהגימ")


def test_geresh_gershayim_quotes_hyphens_and_slashes_go():
    assert clean('מנכ"ל') == clean("מנכ״ל") == "מנכל"
    assert clean("צ׳יפס") == clean("צ'יפס") == "ציפס"
    assert clean("כוח-עזר") == clean("כוח־עזר") == "כוח עזר"
    assert title_key("קופאי/ת") == title_key("קופאי")
    assert title_key("מנהלות/י חשבונות") == title_key("מנהלת חשבונות")


def test_latin_titles_are_lower_cased_and_singular():
    assert title_key("Cashiers") == title_key("cashier")


def test_the_article_is_dropped_when_the_bare_word_is_known():
    vocabulary = {title_key("נהג")}
    assert title_key("הנהג", vocabulary) == title_key("נהג")
    assert title_key("הנדסאי", vocabulary) == title_key("הנדסאי")
