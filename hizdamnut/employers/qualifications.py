"""Licences and education as people write them, read into what matching compares.

Both tables are data (`data/licences.json`, `data/education_levels.json`): the words centers and employers write
for each licence type or education level, in Hebrew and English, with the licences each one includes.
"""

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_NIQQUD = re.compile("[\u0591-\u05c7]")
# Punctuation between words; "+" stays (C+E), geresh and quotes go (ג׳ → ג).
_PUNCTUATION = re.compile(r"[^\w\s+]")
_YEARS_OF_SCHOOL = re.compile(r"(\d{1,2})\s*(?:שנות|שנים|years)")


@functools.cache
def licence_table():
    with open(DATA / "licences.json", encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def education_table():
    with open(DATA / "education_levels.json", encoding="utf-8") as handle:
        return json.load(handle)


def _plain(text):
    return " ".join(_PUNCTUATION.sub(" ", _NIQQUD.sub("", str(text)).replace("׳", "").replace("'", "")
                                     .replace('"', "").replace("״", "")).casefold().split())


@functools.cache
def _licence_words():
    """Every written form (as `_plain` leaves it) → licence code, longest first so phrases win over letters."""
    words = {}
    for licence in licence_table()["licences"]:
        for word in [licence["code"], *licence["words"]]:
            words.setdefault(_plain(word), licence["code"])
    return dict(sorted(words.items(), key=lambda item: -len(item[0])))


@functools.cache
def _includes():
    """Each licence code → itself and every code it includes (transitively)."""
    direct = {licence["code"]: set(licence.get("includes", ())) for licence in licence_table()["licences"]}

    def closure(code, seen):
        for included in direct.get(code, ()):
            if included not in seen:
                seen.add(included)
                closure(included, seen)
        return seen

    return {code: frozenset(closure(code, {code})) for code in direct}


@dataclass(frozen=True)
class Licence:
    """One licence as written: the codes recognised in it (none when it is written in no known way) and its words
    without filler ("רישיון ספנות" → "ספנות"), which compare a licence the table does not know."""

    written: str
    codes: frozenset
    key: str


@functools.lru_cache(maxsize=4096)
def read_licence(written):
    """The licence types one written licence names ("רישיון נהיגה ג׳" → C; "מלגזה" → forklift)."""
    filler = {_plain(word) for word in licence_table()["filler"]}
    key = " ".join(w for w in _plain(written).split() if w not in filler)
    text = f" {key} "
    words = _licence_words()
    codes = set()
    for word, code in words.items():
        if f" {word} " in text:
            codes.add(code)
            text = text.replace(f" {word} ", " ")
    for word in text.split():  # "ומלגזה": a word with the conjunction or the article before it
        if word[:1] in ("ו", "ה") and word[1:] in words:
            codes.add(words[word[1:]])
    return Licence(written, frozenset(codes), key)


@functools.lru_cache(maxsize=4096)
def held_licences(written):
    """What a list of written licences (a tuple) allows: the codes with those they include, and the words of
    those not recognised (compared as written, as before the table)."""
    codes, words = set(), set()
    for item in written:
        licence = read_licence(item)
        for code in licence.codes:
            codes |= _includes().get(code, {code})
        if licence.key:
            words.add(licence.key)
    return frozenset(codes), frozenset(words)


def holds(licence, held):
    """Whether `held` (from `held_licences`) meets one required licence."""
    codes, words = held
    return licence.codes <= codes if licence.codes else licence.key in words


def licence_name(code, language):
    """A licence type's name in `language` (Hebrew unless English)."""
    for licence in licence_table()["licences"]:
        if licence["code"] == code:
            return licence["en" if language == "en" else "he"]
    return code


@functools.lru_cache(maxsize=4096)
def education_from_text(text):
    """The education level (an EducationLevel value) a free-text answer describes, or None when it does not say."""
    table = education_table()
    plain = f" {_NIQQUD.sub('', text or '').casefold()} "
    for rule in table["rules"]:
        if any(word.casefold() in plain for word in rule["words"]):
            return rule["level"]
    found = _YEARS_OF_SCHOOL.search(plain)
    if not found:
        return None
    years = int(found.group(1))
    return next((level for threshold, level in table["years"] if years >= threshold), None)
