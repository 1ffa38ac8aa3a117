"""Hebrew text reduced to comparison keys (shared by every app that compares what people typed).

People type the same word many ways: with or without niqqud, geresh or gershayim, final or regular letters,
full (דויד) or defective (דוד) spelling. `clean` and `skeleton` remove those differences; `person_name_key`
applies them to a person's name, including Arabic names written in Hebrew letters (מוחמד / מחמד / מוחמאד,
עבד אל-רחמן / עבדאלרחמן).
"""

import re
import unicodedata

# Niqqud, cantillation and the other Hebrew points (the maqaf U+05BE is punctuation and becomes a space).
_POINTS = re.compile("[\u0591-\u05bd\u05bf-\u05c7]")
_FINALS = str.maketrans("ךםןףץ", "כמנפצ")
# Geresh and gershayim in their Hebrew and ASCII forms disappear inside a word (צ'יפס, מנכ"ל, עו"ס).
_QUOTES = re.compile("[\u05f3\u05f4'\"`\u2018\u2019\u201c\u201d]")
_SEPARATORS = re.compile(r"[^\w]+|_")


def clean(text):
    """Lower-case, points and quotes removed, final letters unified, punctuation turned into single spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _POINTS.sub("", text)
    text = _QUOTES.sub("", text)
    text = text.replace("\u05be", " ").translate(_FINALS).lower()
    return " ".join(_SEPARATORS.sub(" ", text).split())


def is_hebrew(word):
    return any("\u05d0" <= ch <= "\u05ea" for ch in word)


def skeleton(word):
    """The word without the vowel letters ו and י after its first letter, so full and defective spellings agree."""
    if not is_hebrew(word) or len(word) <= 2:
        return word
    rest = word[1:].replace("ו", "").replace("י", "")
    return word[0] + rest if rest else word


# Particles of Arabic (and Hebrew) names written apart or together: עבד אל רחמן = עבדאלרחמן, אבו חמד = אבוחמד.
_NAME_PARTICLES = {"אל", "א", "אבו", "אבנ", "בנ", "בת", "abu", "al", "el", "ben", "bin"}


def _name_word_key(word):
    """A name word's skeleton, also without the א written for a long Arabic vowel (מוחמאד → מחמד) and with a final
    א written as ה (פאטמא = פאטמה)."""
    if not is_hebrew(word):
        return word
    if len(word) > 2 and word.endswith("א"):
        word = word[:-1] + "ה"
    word = skeleton(word)
    return word[0] + word[1:].replace("א", "") if len(word) > 2 else word


def person_name_key(text):
    """A name (a first or a last name) as a comparison key: spelling variants of the same name give the same key.

    Particles written apart or together are joined to their neighbours (עבד אל רחמן = עבדאלרחמן).
    """
    glued, join_next = [], False
    for word in clean(text).split():
        if word in _NAME_PARTICLES:
            if glued:
                glued[-1] += word
            else:
                glued.append(word)
            join_next = True
        elif join_next:
            glued[-1] += word
            join_next = False
        else:
            glued.append(word)
    return " ".join(_name_word_key(word) for word in glued)
