"""Recognising a typed job title as an ISCO-08 unit group."""

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
from rapidfuzz import fuzz, process

from .models import Occupation, OccupationSynonym
from .normalize import light_key, title_key, word_key, words
from .reference import load_reference, read_isco, read_synonyms

# Below this a best match is a guess, not a recognition: the code is left empty for a person to choose.
PLAUSIBLE_SCORE = 0.62
# The best a title made only of generic words can score.
GENERIC_SCORE = 0.6
# Alternatives worth showing next to the best match.
ALTERNATIVE_SCORE = 0.45
# How much each kind of reference text is trusted when it matches: a synonym is what centers write; an official
# title is longer and more formal; a part of a title ("קופאים" of "קופאים וכרטיסנים") may be only half the job.
SYNONYM_WEIGHT = 1.0
TITLE_WEIGHT = 0.97
TITLE_PART_WEIGHT = 0.93
# A word in this many reference titles or more is generic.
GENERIC_FREQUENCY = 20
# Prefixes that are a separate word in English: the article, "and", "in", "to".
_PREFIXES = ("ה", "ו", "ב", "ל")


@dataclass(frozen=True)
class Match:
    code: str
    label: str
    score: float


@dataclass(frozen=True)
class Classification:
    title: str
    code: str | None
    label: str
    score: float
    alternatives: list

    def as_dict(self):
        return {
            "title": self.title,
            "code": self.code,
            "label": self.label,
            "score": self.score,
            "alternatives": [{"code": m.code, "label": m.label, "score": m.score} for m in self.alternatives],
        }


class _Index:
    """Normalised keys of every synonym and unit-group title, built once per process.

    Several codes may share a key (גנן the gardener and גננת the kindergarten teacher are both גננ once the
    endings go); each keeps its light key (endings kept) to tell them apart.
    """

    def __init__(self, units, synonyms):
        self.labels = {code: title_he for code, title_he, _ in units}
        texts = [(title, code, SYNONYM_WEIGHT) for title, code in synonyms]
        for code, title_he, title_en in units:
            for title in (_without_boilerplate(title_he), _without_boilerplate(title_en)):
                texts.append((title, code, TITLE_WEIGHT))
                # A part too short to mean anything on its own ("בלו" of "מס ובלו") is left out.
                texts += [(part, code, TITLE_PART_WEIGHT) for part in _title_parts(title) if len(title_key(part)) > 3]
        # The words known before any prefix is dropped, so that ועובדים can become עובדים and הנדסאי stays.
        self.vocabulary = {w for title, _, _ in texts for w in title_key(title).split()}
        entries = {}
        for title, code, weight in texts:
            key = self.key(title)
            if not key:
                continue
            targets = entries.setdefault(key, {})
            if targets.get(code, (0, ""))[0] < weight:
                targets[code] = (weight, light_key(title))
        self.keys = list(entries)
        self.targets = [entries[k] for k in self.keys]
        self.vocabulary = {w for key in self.keys for w in key.split()}
        frequency = Counter(w for key in self.keys for w in set(key.split()))
        # Words in many titles (עובד, מנהל, מפעיל, worker) do not name an occupation on their own.
        self.generic = {w for w, n in frequency.items() if n >= GENERIC_FREQUENCY}

    def key(self, title):
        keys = []
        for word in words(title):
            key = word_key(word)
            if key not in self.vocabulary and len(word) > 3 and word[0] in _PREFIXES:
                bare = word_key(word[1:])
                if bare in self.vocabulary:
                    key = bare
            if key and key not in keys:
                keys.append(key)
        return " ".join(keys)


_BOILERPLATE = re.compile(
    r"\s*(שלא סווגו במקום אחר|ועובדים דומים|ובעלי משלח יד דומה|not elsewhere classified|and related workers)\s*",
    re.IGNORECASE,
)


def _without_boilerplate(title):
    """An official title without the classification's stock phrases ("not elsewhere classified")."""
    return " ".join(_BOILERPLATE.sub(" ", title).split())


def _title_parts(title):
    """The alternatives inside an official title: 'Cashiers and Ticket Clerks' → 'Cashiers', 'Ticket Clerks'."""
    parts = []
    for chunk in title.replace("(", ",").replace(")", ",").split(","):
        for piece in chunk.replace(" and ", ",").split(","):
            words = piece.split()
            if words and words[0].startswith("ו") and len(words[0]) > 3:
                words[0] = words[0][1:]
            if words:
                parts.append(" ".join(words))
        # Hebrew "A ו-B": split on a word that starts with ו.
        words = chunk.split()
        start = 0
        for i, word in enumerate(words):
            if i and word.startswith("ו") and len(word) > 3:
                parts.append(" ".join(words[start:i]))
                words[i] = word[1:]
                start = i
        if start:
            parts.append(" ".join(words[start:]))
    return [p for p in parts if p and p != title]


@lru_cache(maxsize=1)
def _index():
    units = list(Occupation.objects.filter(level=Occupation.Level.UNIT).values_list("code", "title_he", "title_en"))
    synonyms = list(OccupationSynonym.objects.values_list("title_he", "occupation__code"))
    return _Index(units, synonyms)


def reset_index():
    """Forget the cached index (after the reference data changed)."""
    _index.cache_clear()


def _similarity(query, key):
    """0–1 closeness of two keys; a key that covers only part of the query scores lower, the head word counts most."""
    query_words, key_words = query.split(), key.split()
    shared = len(set(query_words) & set(key_words))
    coverage = shared / len(query_words)
    # Letters in common count for less when the words differ (נציג שירות / נציג מכירות).
    overlap = shared / len(set(query_words) | set(key_words))
    exact = fuzz.ratio(query, key) * (0.92 + 0.08 * overlap)
    # One title containing the other ("נהג משאית כבדה" / "נהג משאית") is close, the closer the more it covers.
    contained = fuzz.token_set_ratio(query, key) * (0.75 + 0.15 * coverage)
    ordered = fuzz.token_sort_ratio(query, key) * (0.89 + 0.08 * overlap)
    score = max(exact, contained, ordered) / 100
    # A Hebrew job title names the occupation in its first word (סייעת בבית ספר is a סייעת, not a ספר).
    if query_words[0] == key_words[0] and len(query_words) > 1:
        score += 0.04
    return min(score, 1.0)


def classify(title, *, limit=5):
    """The unit group a typed job title most plausibly names, with the next best ones.

    The code is None when no reference title scores at least PLAUSIBLE_SCORE (0–1 scale).
    """
    index = _index()
    query = index.key(title)
    best = {}
    if query:
        light = light_key(title)
        candidates = process.extract(query, index.keys, scorer=fuzz.token_set_ratio, limit=40, score_cutoff=45)
        for key, _, position in candidates:
            similarity = _similarity(query, key)
            for code, (weight, target_light) in index.targets[position].items():
                # Among codes sharing a key, the one whose written endings match the query's goes first.
                tie_break = 0.03 * (1 - fuzz.token_set_ratio(light, target_light) / 100)
                score = max(similarity * weight - tie_break, 0.0)
                if score > best.get(code, 0):
                    best[code] = score
        if query not in index.keys and all(word in index.generic for word in query.split()):
            # "עובד" or "מנהל מפעל" alone is a hint, not an occupation: offer the codes, choose none.
            best = {code: min(score, GENERIC_SCORE) for code, score in best.items()}
    ranked = [
        Match(code=code, label=index.labels[code], score=round(score, 2))
        for code, score in sorted(best.items(), key=lambda item: (-item[1], item[0]))
    ]
    if not ranked or ranked[0].score < PLAUSIBLE_SCORE:
        alternatives = [m for m in ranked if m.score >= ALTERNATIVE_SCORE][:limit]
        return Classification(title=title, code=None, label="", score=ranked[0].score if ranked else 0.0,
                              alternatives=alternatives)
    top = ranked[0]
    alternatives = [m for m in ranked[1:] if m.score >= ALTERNATIVE_SCORE][: max(limit - 1, 0)]
    return Classification(title=title, code=top.code, label=top.label, score=top.score, alternatives=alternatives)


def load_occupations(*, isco_path, synonyms_path):
    """Create or update the reference groups and synonyms from their files, all or nothing, and refresh the index.

    A synonym naming a code that is not a unit group is refused (ValidationError on `synonyms`).
    """
    units = {row["code"] for row in read_isco(isco_path) if row["level"] == Occupation.Level.UNIT}
    units |= set(Occupation.objects.filter(level=Occupation.Level.UNIT).values_list("code", flat=True))
    unknown = sorted({code for _, code in read_synonyms(synonyms_path) if code not in units})
    if unknown:
        raise ValidationError({"synonyms": f"not ISCO-08 unit groups: {', '.join(unknown)}"})
    with transaction.atomic():
        counts = load_reference(Occupation, OccupationSynonym, isco_path=isco_path, synonyms_path=synonyms_path)
    reset_index()
    return counts
