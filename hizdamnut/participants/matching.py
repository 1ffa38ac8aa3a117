"""Participants who are likely the person being typed in: the same ID number, the same phone or a similar name.

Names are compared Hebrew-aware (final letters, ו/י spelling, niqqud, Arabic names in Hebrew letters; see
centers/hebrew.py) and fuzzily (rapidfuzz), so that a repeat caller is recognised before a second file is opened.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from hizdamnut.centers.hebrew import clean, person_name_key

from .models import Participant
from .validators import normalize_israeli_id, normalize_phone

# The token-sort similarity (0–100) of two name keys from which the names are offered as the same person.
NAME_SIMILARITY = 85
# How many name candidates are read at most: those whose first or last name starts like the typed name.
NAME_CANDIDATES = 2000

SAME_ID = _("same ID number")
SAME_PHONE = _("same phone")
SIMILAR_NAME = _("similar name")


@dataclass
class Match:
    participant: Participant
    reasons: list
    score: int


def name_similarity(first_name, last_name, other_first, other_last):
    """How alike two names are (0–100): the weaker of first-name and last-name similarity, in the better order
    (a first and last name typed the other way round still match)."""
    keys = [person_name_key(text) for text in (first_name, last_name, other_first, other_last)]
    if not all(keys):
        return 0

    def alike(one, other):
        return fuzz.ratio(one, other)

    same_order = min(alike(keys[0], keys[2]), alike(keys[1], keys[3]))
    swapped = min(alike(keys[0], keys[3]), alike(keys[1], keys[2]))
    return int(max(same_order, swapped))


def likely_matches(queryset, *, first_name="", last_name="", phone="", id_number="", limit=5):
    """The participants of `queryset` most likely to be this person, best first, each with why."""
    id_number = normalize_israeli_id(id_number) if (id_number or "").strip() else ""
    phone = normalize_phone(phone) if (phone or "").strip() else ""
    typed_name = f"{first_name or ''} {last_name or ''}".strip()
    query = Q()
    if len(id_number) == 9:
        query |= Q(id_number=id_number)
    if len(phone) >= 9:
        query |= Q(phone=phone)
    initials = {word[0] for word in clean(typed_name).split() if word}
    if first_name.strip() and last_name.strip():
        for initial in initials:
            query |= Q(first_name__startswith=initial) | Q(last_name__startswith=initial)
    if not query:
        return []
    candidates = queryset.filter(query).select_related("center").order_by("pk")[:NAME_CANDIDATES]
    matches = []
    for participant in candidates:
        reasons, score = [], 0
        if id_number and participant.id_number == id_number:
            reasons.append(SAME_ID)
            score += 100
        if phone and participant.phone == phone:
            reasons.append(SAME_PHONE)
            score += 60
        if first_name.strip() and last_name.strip():
            similarity = name_similarity(first_name, last_name, participant.first_name, participant.last_name)
            if similarity >= NAME_SIMILARITY:
                reasons.append(SIMILAR_NAME)
                score += similarity // 2
        if reasons:
            matches.append(Match(participant, reasons, score))
    matches.sort(key=lambda m: (-m.score, m.participant.pk))
    return matches[:limit]
