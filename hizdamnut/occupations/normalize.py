"""Hebrew job titles reduced to comparison keys.

People type the same occupation many ways: קופאית, קופאים, קופאיות, "קופאי/ת", with or without niqqud, with full
(מזכירה) or defective (מזכרה) spelling. `title_key` maps all of these to one key so that the classifier compares
what was meant, not how it was spelled.
"""

from hizdamnut.centers.hebrew import clean, is_hebrew, skeleton

# Gender and number endings, longest first; only one is removed, and only from a word long enough to keep a stem.
_SUFFIXES = ("יות", "ימ", "ות", "ית", "ת", "ה", "י")  # after final letters are unified (ים → ימ)
_LATIN_SUFFIXES = ("ies", "es", "s")
# Words that say nothing about the occupation itself.
_STOPWORDS = {
    "של", "עם", "את", "או", "על", "and", "or", "of", "the", "in", "for",
    # Words of job advertisements ("דרוש/ה נהג", "דרושים מלצרים").
    "דרוש", "דרושה", "דרושים", "דרושות", "דרושימ",
}


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
