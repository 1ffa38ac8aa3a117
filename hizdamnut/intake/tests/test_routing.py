"""The routing model recommends contrasting responses for contrasting profiles, and says why."""

import pytest

from hizdamnut.intake.routing import load_model, recommend

HIGH = dict.fromkeys(["self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills"], 5)
MIDDLE = dict.fromkeys(HIGH, 3)
LOW = dict.fromkeys(HIGH, 1)


def test_ready_person_with_few_barriers_gets_short_term_coaching():
    result = recommend(barriers=["childcare"], predictors=HIGH)
    assert result.response == "short_term_coaching"
    assert {c["condition"] for c in result.conditions} == {"readiness_min", "barrier_load_max"}


def test_heavy_barriers_get_social_work_accompaniment():
    result = recommend(barriers=["health", "family_crisis", "housing"], predictors=MIDDLE)
    assert result.response == "social_work"
    assert result.barrier_load == 8


def test_low_readiness_gets_social_work_even_without_barriers():
    assert recommend(barriers=[], predictors=LOW).response == "social_work"


def test_skills_gap_with_middling_readiness_gets_courses():
    result = recommend(barriers=["language", "digital_skills"], predictors=MIDDLE)
    assert result.response == "courses"
    assert any(c["condition"] == "skill_gap" and c["met"] for c in result.conditions)


def test_middling_profile_without_skills_gap_gets_a_group_program():
    assert recommend(barriers=["childcare", "transport"], predictors=MIDDLE).response == "group_program"


def test_active_addiction_is_referred_out():
    result = recommend(barriers=["addiction"], predictors=HIGH)
    assert result.response == "referral_out"
    assert result.conditions[0]["value"] == "addiction"


def test_high_disability_with_low_readiness_is_referred_out():
    predictors = dict(LOW, motivation=3)
    assert recommend(barriers=["disability"], predictors=predictors, disability_percent=45).response == "referral_out"


def test_readiness_threshold_for_coaching_is_inclusive():
    at_threshold = dict(MIDDLE, self_efficacy=5, motivation=4)  # (5+3+4+3+3)/5 = 3.6
    assert str(recommend(barriers=[], predictors=at_threshold).readiness) == "3.6"
    assert recommend(barriers=[], predictors=at_threshold).response == "short_term_coaching"
    below = dict(at_threshold, motivation=3)  # 3.4
    assert recommend(barriers=[], predictors=below).response == "group_program"


def test_recommendation_carries_the_model_version():
    assert recommend(barriers=[], predictors=HIGH).model_version == load_model()["version"]


def test_unknown_barrier_is_refused():
    with pytest.raises(ValueError):
        recommend(barriers=["bad_luck"], predictors=HIGH)
