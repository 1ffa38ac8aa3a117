import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hizdamnut.centers.roles import Role
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.placements import rules, services
from hizdamnut.placements.models import FollowUp
from hizdamnut.placements.selectors import follow_ups_due_for
from hizdamnut.placements.tests.factories import FollowUpFactory, PlacementFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def worker(staff):
    return staff(Role.SOCIAL_WORKER)


@pytest.fixture
def participant(center, worker):
    return ParticipantFactory(center=center, status="active", case_worker=worker)


def place(worker, participant, **fields):
    values = {"employer_name": "מאפיית הגליל", "role": "אופה", "start_date": TODAY, "hours_per_week": 42,
              "monthly_wage": Decimal("7000"), "contract_type": "permanent"}
    values.update(fields)
    return services.record_placement(actor=worker, participant=participant, **values)


def test_placement_schedules_follow_ups_at_the_centers_default_months(worker, participant):
    placement = place(worker, participant, start_date=datetime.date(2026, 1, 31))
    assert [(f.months_after, f.due_on) for f in placement.follow_ups.all()] == [
        (1, datetime.date(2026, 2, 28)), (3, datetime.date(2026, 4, 30)), (6, datetime.date(2026, 7, 31)),
        (12, datetime.date(2027, 1, 31))]


def test_follow_up_schedule_follows_the_center_setting(worker, participant, center):
    center.follow_up_months = [2, 4]
    center.save()
    placement = place(worker, participant)
    assert list(placement.follow_ups.values_list("months_after", flat=True)) == [2, 4]


def test_placement_moves_the_participant_to_placed(worker, participant):
    place(worker, participant)
    participant.refresh_from_db()
    assert participant.status == "placed"


def test_wage_below_the_minimum_for_the_hours_is_flagged_not_blocked(worker, participant):
    placement = place(worker, participant, hours_per_week=42, monthly_wage=Decimal("5000"),
                      start_date=datetime.date(2025, 6, 1))
    assert placement.pk and placement.below_minimum_wage


def test_part_time_minimum_is_pro_rata(worker, participant):
    # Half time (21 of 42 hours) from April 2025: half of ₪6,247.67 = ₪3,123.84.
    placement = place(worker, participant, hours_per_week=21, monthly_wage=Decimal("3200"),
                      start_date=datetime.date(2025, 6, 1))
    assert not placement.below_minimum_wage


def test_minimum_wage_is_dated_data():
    assert rules.minimum_wage_on(datetime.date(2025, 3, 31))[0] == Decimal("5880.02")
    assert rules.minimum_wage_on(datetime.date(2025, 4, 1))[0] == Decimal("6247.67")


def test_a_start_date_too_far_ahead_is_refused(worker, participant):
    limit = rules.rules()["max_start_days_ahead"]
    with pytest.raises(ValidationError) as error:
        place(worker, participant, start_date=TODAY + datetime.timedelta(days=limit + 1))
    assert "start_date" in error.value.message_dict
    assert not participant.placements.exists()


def test_a_start_date_within_the_limit_is_accepted(worker, participant):
    placement = place(worker, participant, start_date=TODAY + datetime.timedelta(days=10))
    participant.refresh_from_db()
    assert placement.pk and participant.status == "placed"


def test_a_placement_needs_an_employer_or_self_employment(worker, participant):
    with pytest.raises(ValidationError) as error:
        place(worker, participant, employer_name="")
    assert "employer" in error.value.message_dict
    placement = place(worker, participant, employer_name="", self_employed=True)
    assert placement.contract_type == "self_employed"


def test_a_follow_up_before_the_start_is_refused(worker, participant):
    placement = place(worker, participant, start_date=TODAY - datetime.timedelta(days=40))
    follow_up = placement.follow_ups.first()
    with pytest.raises(ValidationError) as error:
        services.record_follow_up(actor=worker, follow_up=follow_up,
                                  done_on=placement.start_date - datetime.timedelta(days=1), employment="same")
    assert "done_on" in error.value.message_dict


def test_recording_a_follow_up_keeps_its_answers(worker, participant):
    placement = place(worker, participant, start_date=TODAY - datetime.timedelta(days=40))
    follow_up = services.record_follow_up(
        actor=worker, follow_up=placement.follow_ups.first(), done_on=TODAY, employment="same", hours_per_week=42,
        monthly_wage=Decimal("7300"), satisfaction=4, advancement=["raise"], difficulties="נסיעות",
        support_given="שיחה")
    follow_up.refresh_from_db()
    assert follow_up.is_done and follow_up.satisfaction == 4 and follow_up.advancement == ["raise"]
    participant.refresh_from_db()
    assert participant.status == "follow_up"


def test_satisfaction_outside_1_to_5_is_refused(worker, participant):
    placement = place(worker, participant, start_date=TODAY - datetime.timedelta(days=40))
    with pytest.raises(ValidationError) as error:
        services.record_follow_up(actor=worker, follow_up=placement.follow_ups.first(), done_on=TODAY,
                                  employment="same", satisfaction=6)
    assert "satisfaction" in error.value.message_dict


def test_a_lost_job_returns_the_participant_to_active_without_losing_history(worker, participant):
    placement = place(worker, participant, start_date=TODAY - datetime.timedelta(days=40))
    services.record_follow_up(actor=worker, follow_up=placement.follow_ups.first(), done_on=TODAY, employment="none")
    participant.refresh_from_db()
    placement.refresh_from_db()
    assert participant.status == "active"
    assert placement.ended_on == TODAY
    assert list(participant.status_changes.values_list("status", flat=True)[:2]) == ["active", "placed"]
    assert FollowUp.objects.filter(placement=placement).count() == 4


def test_ending_a_placement_needs_a_reason(worker, participant):
    placement = place(worker, participant, start_date=TODAY - datetime.timedelta(days=10))
    with pytest.raises(ValidationError) as error:
        services.end_placement(actor=worker, placement=placement, on=TODAY, reason="")
    assert "end_reason" in error.value.message_dict


def test_overdue_flag_is_set_only_after_the_due_date():
    follow_up = FollowUp(due_on=TODAY)
    assert not follow_up.is_overdue(TODAY)
    assert follow_up.is_overdue(TODAY + datetime.timedelta(days=1))
    follow_up.done_on = TODAY
    assert not follow_up.is_overdue(TODAY + datetime.timedelta(days=1))


def test_due_list_holds_the_workers_own_due_and_overdue_follow_ups(worker, participant, center, staff):
    soon = rules.rules()["follow_up_due_soon_days"]
    mine = PlacementFactory(participant=participant)
    overdue = FollowUpFactory(placement=mine, months_after=1, due_on=TODAY - datetime.timedelta(days=3))
    due = FollowUpFactory(placement=mine, months_after=3, due_on=TODAY + datetime.timedelta(days=soon))
    FollowUpFactory(placement=mine, months_after=6, due_on=TODAY + datetime.timedelta(days=soon + 1))
    FollowUpFactory(placement=mine, months_after=12, due_on=TODAY, done_on=TODAY)
    other_worker = staff(Role.SOCIAL_WORKER)
    FollowUpFactory(placement=PlacementFactory(participant=ParticipantFactory(center=center, case_worker=other_worker)),
                    due_on=TODAY)
    assert list(follow_ups_due_for(worker)) == [overdue, due]
