"""Hebrew job titles reduced to comparison keys.

People type the same occupation many ways: קופאית, קופאים, קופאיות, "קופאי/ת", with or without niqqud, with full
(מזכירה) or defective (מזכרה) spelling. `title_key` maps all of these to one key so that the classifier compares
what was meant, not how it was spelled.
"""

import re
import unicodedata

# Niqqud, cantillation and the other Hebrew points (the maqaf U+05BE is punctuation and becomes a space).
_POINTS = re.compile("[\u0591-\u05bd\u05bf-\u05c7]")
_FINALS = str.maketrans("ךםןףץ", "כמנפצ")
# Geresh and gershayim in their Hebrew and ASCII forms disappear inside a word (צ'יפס, מנכ"ל, עו"ס).
_QUOTES = re.compile("[\u05f3\u05f4'\"`\u2018\u2019\u201c\u201d]")
_SEPARATORS = re.compile(r"[^\w]+|_")
# Gender and number endings, longest first; only one is removed, and only from a word long enough to keep a stem.
_SUFFIXES = ("יות", "ימ", "ות", "ית", "ת", "ה", "י")  # after final letters are unified (ים → ימ)
_LATIN_SUFFIXES = ("ies", "es", "s")
# Words that say nothing about the occupation itself.
_STOPWORDS = {
    "של", "עם", "את", "או", "על", "and", "or", "of", "the", "in", "for",
    # Words of job advertisements ("דרוש/ה נהג", "דרושים מלצרים").
    "דרוש", "דרושה", "דרושים", "דרושות", "דרושימ",
}


def clean(text):
    """Lower-case, points and quotes removed, final letters unified, punctuation turned into single spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _POINTS.sub("", text)
    text = _QUOTES.sub("", text)
    text = text.replace("\u05be", " ").translate(_FINALS).lower()
    return " ".join(_SEPARATORS.sub(" ", text).split())


def is_hebrew(word):
    return any("\u05d0" <= ch <= "\u05ea" for ch in word)


def stem(word):
    """The word without one gender or plural ending (קופאיות, קופאית, קופאים, קופאי → קופא)."""
    if is_hebrew(word):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                return word[: -len(suffix)]
        return word
    for suffix in _LATIN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def skeleton(word):
    """The word without the vowel letters ו and י after its first letter, so full and defective spellings agree."""
    if not is_hebrew(word) or len(word) <= 2:
        return word
    rest = word[1:].replace("ו", "").replace("י", "")
    return word[0] + rest if rest else word


def word_key(word):
    return skeleton(stem(word))


def light_key(text):
    """The title's words without points, quotes and vowel letters but with their endings (גננת ≠ גנן)."""
    return " ".join(skeleton(w) for w in words(text))


# What is left of "קופאי/ת", "מנהלות/י", "נהג/ת" after the slash: a gender or number ending, not a word.
_ENDING_FRAGMENTS = {"ת", "ית", "ה", "י", "ימ", "ות", "יות", "אית"}


def words(text):
    """The title's words, without stop words, stray ending fragments and repeats (ספרית/ספר → ספרית ספר)."""
    seen, result = set(), []
    for word in clean(text).split():
        if word in _STOPWORDS or word in _ENDING_FRAGMENTS or word in seen:
            continue
        seen.add(word)
        result.append(word)
    return result


def title_key(text, vocabulary=None):
    """The comparison key of a title: each word stemmed and reduced to its skeleton.

    A leading ה (the article) or ו (and) is dropped from a word when the word without it is known in
    `vocabulary` (the keys of the reference titles) and the word with it is not, so that הנהג → נהג while
    הנדסאי keeps its ה.
    """
    keys = []
    for word in words(text):
        key = word_key(word)
        if vocabulary is not None and key not in vocabulary and word[:1] in ("ה", "ו") and len(word) > 3:
            bare = word_key(word[1:])
            if bare in vocabulary:
                key = bare
        keys.append(key)
    return " ".join(keys)
