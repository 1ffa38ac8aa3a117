import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hizdamnut.centers.roles import Role
from hizdamnut.employers import services
from hizdamnut.employers.models import Stage
from hizdamnut.employers.tests.factories import CandidacyFactory, EmployerFactory, JobOpeningFactory
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements import services as placement_services

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def candidacy(center):
    return CandidacyFactory(opening=JobOpeningFactory(employer=EmployerFactory(center=center)))


def hire(lead, candidacy, **extra):
    return placement_services.hire(actor=lead, candidacy=candidacy, start_date=TODAY, monthly_wage=Decimal("6500"),
                                   contract_type="permanent", **extra)


def test_recommend_keeps_the_match_score(lead, center):
    opening = JobOpeningFactory(employer=EmployerFactory(center=center))
    participant = ParticipantFactory(center=center, status="active")
    candidacy = services.recommend(actor=lead, opening=opening, participant=participant)
    assert candidacy.stage == Stage.RECOMMENDED
    assert candidacy.recommended_on == TODAY


def test_recommend_refuses_another_centers_participant(lead, center, other_center):
    opening = JobOpeningFactory(employer=EmployerFactory(center=center))
    with pytest.raises(ValidationError) as error:
        services.recommend(actor=lead, opening=opening, participant=ParticipantFactory(center=other_center))
    assert "participant" in error.value.message_dict


def test_cv_sent_records_the_date_and_priority(lead, candidacy):
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.CV_SENT, priority=True)
    assert candidacy.stage == Stage.CV_SENT and candidacy.cv_sent_on == TODAY and candidacy.priority


def test_interview_follows_cv_sent(lead, candidacy):
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.CV_SENT)
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.INTERVIEW)
    assert candidacy.interview_on == TODAY


def test_interview_cannot_skip_cv_sent(lead, candidacy):
    with pytest.raises(ValidationError) as error:
        services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.INTERVIEW)
    assert "stage" in error.value.message_dict


def test_rejection_needs_a_reason(lead, candidacy):
    with pytest.raises(ValidationError) as error:
        services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.REJECTED)
    assert "reason" in error.value.message_dict
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.REJECTED, reason="אין ניסיון במשמרות")
    assert candidacy.rejection_reason and candidacy.decided_on == TODAY


def test_withdrawn_is_final(lead, candidacy):
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.CV_SENT)


def test_hired_is_not_reachable_through_a_plain_move(lead, candidacy):
    with pytest.raises(ValidationError) as error:
        services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.HIRED)
    assert "stage" in error.value.message_dict


def test_hire_straight_from_recommended_needs_a_reason(lead, candidacy):
    with pytest.raises(ValidationError) as error:
        hire(lead, candidacy)
    assert "direct_hire_reason" in error.value.message_dict
    candidacy.refresh_from_db()
    assert candidacy.stage == Stage.RECOMMENDED


def test_hire_straight_from_recommended_with_a_reason(lead, candidacy):
    placement = hire(lead, candidacy, direct_hire_reason="המעסיק ראיין במקום ביריד")
    candidacy.refresh_from_db()
    assert candidacy.stage == Stage.HIRED and placement.candidacy == candidacy


def test_hire_after_cv_sent_creates_a_placement_and_moves_the_participant_to_placed(lead, candidacy):
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.CV_SENT)
    placement = hire(lead, candidacy)
    candidacy.participant.refresh_from_db()
    assert candidacy.participant.status == "placed"
    assert candidacy.participant.status_changes.filter(status="placed").exists()
    assert placement.employer == candidacy.opening.employer
    assert placement.role == candidacy.opening.title


def test_hire_for_a_closed_opening_is_refused(lead, candidacy):
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.CV_SENT)
    candidacy.opening.status = "closed"
    candidacy.opening.save()
    with pytest.raises(ValidationError) as error:
        hire(lead, candidacy)
    assert "opening" in error.value.message_dict
    assert not candidacy.participant.placements.exists()


def test_filling_the_last_position_marks_the_opening_filled(lead, candidacy):
    services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.CV_SENT)
    hire(lead, candidacy)
    candidacy.opening.refresh_from_db()
    assert candidacy.opening.status == "filled"


def test_a_national_viewer_cannot_move_candidates(staff, candidacy):
    viewer = staff(Role.NATIONAL_VIEWER, centers=[])
    with pytest.raises(ValidationError):
        services.move_candidacy(actor=viewer, candidacy=candidacy, stage=Stage.CV_SENT)
