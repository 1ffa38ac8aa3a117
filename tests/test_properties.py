"""Property tests (hypothesis): the ID check digit, the eligibility boundaries and the indicator arithmetic hold
for every input, not only the examples the unit tests pick."""

import datetime
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from hizdamnut.centers.indicators import Result, combine, percent, ratio_result
from hizdamnut.inquiries.eligibility import FAIL, PASS, Applicant, RegionLoad, load_rules, screen, years_before
from hizdamnut.participants.models import age_on
from hizdamnut.participants.validators import israeli_id_is_valid, normalize_israeli_id

# ------------------------------------------------------------------ ID check digit

bodies = st.text(alphabet="0123456789", min_size=8, max_size=8).filter(lambda body: body != "00000000")


@given(bodies)
def test_exactly_one_check_digit_completes_every_body(body):
    assert sum(israeli_id_is_valid(body + digit) for digit in "0123456789") == 1


@given(bodies, st.integers(0, 8), st.integers(1, 9))
def test_changing_any_one_digit_of_a_valid_id_makes_it_invalid(body, position, shift):
    number = next(body + d for d in "0123456789" if israeli_id_is_valid(body + d))
    digits = list(number)
    digits[position] = str((int(digits[position]) + shift) % 10)
    assert not israeli_id_is_valid("".join(digits))


@given(st.integers(1, 99_999_999))
def test_leading_zeros_do_not_change_validity(value):
    text = str(value)
    assert israeli_id_is_valid(text) == israeli_id_is_valid(text.zfill(9)) == israeli_id_is_valid(
        normalize_israeli_id(text))


@given(st.text(max_size=12))
def test_any_text_is_judged_without_error(text):
    assert israeli_id_is_valid(text) in (True, False)


# ------------------------------------------------------------------ eligibility

RULES = load_rules()
CITY = SimpleNamespace(pk=1, region_id=1, name_he="נתניה")
CENTER = SimpleNamespace(city_id=1, region_id=1)
EMPTY = RegionLoad(participants=0, region_residents=0)
days = st.dates(min_value=datetime.date(2001, 1, 1), max_value=datetime.date(2060, 12, 31))


def finding(result, rule):
    return next(f["outcome"] for f in result.reasons if f["rule"] == rule)


def screened(on, **fields):
    applicant = Applicant(**{"birth_date": years_before(on, 40), "city": CITY,
                             "welfare_file_last_active": on, **fields})
    return screen(applicant, center=CENTER, on=on, load=EMPTY)


@given(days, st.integers(-5 * 366, 90 * 366))
def test_age_passes_exactly_between_the_bounds_inclusive(on, age_days):
    birth = on - datetime.timedelta(days=age_days)
    if birth.year < 1900:
        return
    low, high = RULES["age"]["min"], RULES["age"]["max"]
    expected = PASS if low <= age_on(birth, on) <= high else FAIL
    assert finding(screened(on, birth_date=birth), "age") == expected


@given(days)
def test_the_eighteenth_birthday_passes_and_the_day_before_fails(on):
    eighteen = years_before(on, RULES["age"]["min"])
    assert finding(screened(on, birth_date=eighteen), "age") == PASS
    assert finding(screened(on, birth_date=eighteen + datetime.timedelta(days=1)), "age") == FAIL


@given(days)
def test_the_last_day_at_sixty_seven_passes_and_sixty_eight_fails(on):
    sixty_eight = years_before(on, RULES["age"]["max"] + 1)
    assert finding(screened(on, birth_date=sixty_eight + datetime.timedelta(days=1)), "age") == PASS
    assert finding(screened(on, birth_date=sixty_eight), "age") == FAIL


@given(days, st.integers(0, 10 * 366))
def test_a_file_counts_exactly_within_the_last_three_years(on, age_days):
    last_active = on - datetime.timedelta(days=age_days)
    within = years_before(on, RULES["welfare_file"]["active_within_years"]) <= last_active
    assert (finding(screened(on, welfare_file_last_active=last_active), "welfare_file") == PASS) == within


# ------------------------------------------------------------------ indicators

counts = st.integers(0, 10**9)


@given(counts, counts)
def test_a_share_of_a_whole_is_between_0_and_100(part, whole):
    part = min(part, whole)
    value = percent(part, whole)
    if whole == 0:
        assert value is None
    else:
        assert 0 <= value <= 100


@given(counts)
def test_a_zero_denominator_gives_no_value(numerator):
    assert percent(numerator, 0) is None
    assert ratio_result(numerator, 0).value is None


@given(st.lists(st.tuples(counts, counts).map(lambda t: (min(t), max(t))), max_size=20))
def test_combining_centers_sums_parts_and_stays_a_share(pairs):
    total = combine(ratio_result(n, d) for n, d in pairs)
    numerator, denominator = sum(n for n, _ in pairs), sum(d for _, d in pairs)
    if not pairs:
        assert total == Result(None, None, None)
    elif denominator == 0:
        assert total.value is None
    else:
        assert total.numerator == numerator and total.denominator == denominator
        assert 0 <= total.value <= 100
        assert total.value == percent(numerator, denominator)
