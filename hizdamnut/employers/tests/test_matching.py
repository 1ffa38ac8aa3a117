import pytest

from hizdamnut.centers.models import City
from hizdamnut.employers import matching
from hizdamnut.employers.tests.factories import CandidateProfileFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.participants.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def parts(match):
    return {part.code: part.points for part in match.parts}


@pytest.fixture
def cashier_opening(center):
    return JobOpeningFactory(
        employer=EmployerFactory(center=center), occupation="cashier", hours_per_week=30, shift="day",
        skills_required=["customer service"], languages_required=["he"], experience_years_required=1,
        education_required=3, licences_required=[],
    )


def profile(center, city="נתניה", languages=("he",), **fields):
    participant = ParticipantFactory(center=center, status="active", city=City.objects.get(name_he=city),
                                     languages=list(languages))
    return CandidateProfileFactory(participant=participant, **fields)


def test_a_full_fit_scores_every_part_for(center, cashier_opening):
    fit = profile(center, skills=["Customer service"], experience_years=2, preferred_hours_per_week=30)
    match = matching.score(cashier_opening, fit)
    assert parts(match) == {"occupation": 25, "skills": 20, "experience": 15, "education": 10, "languages": 10,
                            "licences": 10, "hours": 10, "shift": 10, "commute": 10}
    assert match.score == 120
    assert match.reasons_against == []


def test_score_is_the_sum_of_its_named_parts(center, cashier_opening):
    match = matching.score(cashier_opening, profile(center, experience_years=0))
    assert match.score == sum(part.points for part in match.parts)
    assert all(part.label and part.reason for part in match.parts)


def test_childcare_constraint_counts_against_an_evening_shift(center, cashier_opening):
    cashier_opening.shift = "evening"
    mother = profile(center, skills=["customer service"], experience_years=2, childcare_constraint=True)
    match = matching.score(cashier_opening, mother)
    assert parts(match)["shift"] == -20
    assert "childcare" in match.reasons_against[0].reason


def test_missing_language_counts_against_unless_the_employer_flexes(center, cashier_opening):
    arabic_speaker = profile(center, languages=["ar"])
    assert parts(matching.score(cashier_opening, arabic_speaker))["languages"] == -15
    cashier_opening.flexible_thresholds = ["languages"]
    flexed = matching.score(cashier_opening, arabic_speaker)
    assert parts(flexed)["languages"] == 3
    assert "flex" in [p for p in flexed.parts if p.code == "languages"][0].reason


def test_short_experience_is_softened_when_the_employer_flexes_it(center, cashier_opening):
    novice = profile(center, experience_years=0)
    assert parts(matching.score(cashier_opening, novice))["experience"] == -10
    cashier_opening.flexible_thresholds = ["experience"]
    assert parts(matching.score(cashier_opening, novice))["experience"] == 8


def test_commute_beyond_the_limit_counts_against(center, cashier_opening):
    far = profile(center, city="באר שבע", max_commute_km=30)
    part = [p for p in matching.score(cashier_opening, far).parts if p.code == "commute"][0]
    assert part.points == -15
    assert "km" in part.reason


def test_commute_within_the_limit_but_not_near_earns_less(center, cashier_opening):
    # Kfar Saba is about 17 km from Netanya: within 25 km, beyond half of it.
    near_enough = profile(center, city="כפר סבא", max_commute_km=25)
    assert parts(matching.score(cashier_opening, near_enough))["commute"] == 5


def test_distance_between_known_cities():
    netanya, tel_aviv = City.objects.get(name_he="נתניה"), City.objects.get(name_he="תל אביב-יפו")
    assert 25 < matching.distance_km(netanya, tel_aviv) < 32


def test_every_reference_city_has_coordinates(db):
    missing = [c.name_he for c in City.objects.all() if c.name_he not in matching.city_coordinates()]
    assert missing == []


def test_candidates_are_ranked_best_first_with_only_ready_active_participants(center, cashier_opening):
    strong = profile(center, skills=["customer service"], experience_years=3)
    weak = profile(center, languages=["ru"], city="באר שבע")
    profile(center, ready_for_work=False)
    paused = profile(center)
    paused.participant.status = "paused"
    paused.participant.save()
    ranked = matching.candidates_for(cashier_opening)
    assert [m.participant for m in ranked] == [strong.participant, weak.participant]
    assert ranked[0].score > ranked[1].score


def test_openings_for_a_participant_are_ranked_the_same_way(center, cashier_opening):
    night_driver = JobOpeningFactory(employer=cashier_opening.employer, occupation="driver", shift="night",
                                     licences_required=["C1"])
    JobOpeningFactory(employer=cashier_opening.employer, status="closed")
    mother = profile(center, skills=["customer service"], experience_years=2, childcare_constraint=True)
    ranked = matching.openings_for(mother)
    assert [m.opening for m in ranked] == [cashier_opening, night_driver]
    assert {p.code for p in ranked[1].reasons_against} >= {"shift", "licences"}


def test_weights_are_versioned_data():
    weights = matching.load_weights()
    assert weights["version"]
    assert weights["occupation"]["desired"] == 25
