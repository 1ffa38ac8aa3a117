"""Likely matches: the same ID, the same phone, or a similar name spelled another way."""

import pytest

from hizdamnut.participants.matching import likely_matches, name_similarity
from hizdamnut.participants.models import Participant
from hizdamnut.participants.tests.factories import ParticipantFactory


@pytest.mark.parametrize(("one", "other"), [
    (("מוחמד", "חליל"), ("מחמד", "ח'ליל")),
    (("פאטמה", "עבד אל רחמן"), ("פטמא", "עבדאלרחמן")),
    (("דוד", "כהן"), ("דויד", "כהן")),
    (("שרון", "לוי"), ("לוי", "שרון")),
    (("אחמד", "מסארווה"), ("אחמאד", "מסארוה")),
])
def test_spelling_variants_of_a_name_are_alike(one, other):
    assert name_similarity(*one, *other) >= 85


@pytest.mark.parametrize(("one", "other"), [
    (("רונית", "לוי"), ("רינה", "לוי")),
    (("דנה", "כהן"), ("דני", "כהן")),
    (("יוסף", "כהן"), ("יוסי", "כהן")),
])
def test_different_names_are_not_alike(one, other):
    assert name_similarity(*one, *other) < 85


@pytest.mark.django_db
def test_likely_matches_name_why(center):
    same_phone = ParticipantFactory(center=center, phone="0521234567")
    same_name = ParticipantFactory(center=center, first_name="מוחמד", last_name="חליל")
    ParticipantFactory(center=center, first_name="רינה", last_name="לוי")
    matches = likely_matches(Participant.objects.all(), first_name="מחמד", last_name="ח'ליל",
                             phone="052-123-4567")
    found = {m.participant: [str(r) for r in m.reasons] for m in matches}
    assert set(found) == {same_phone, same_name}
