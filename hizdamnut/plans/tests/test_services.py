import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import JourneyStatus, StatusChange
from hizdamnut.participants.tests.factories import ParticipantFactory
from hizdamnut.plans import services
from hizdamnut.plans.models import Goal, Meeting, Note, NoteKind, PlanChange, SkillScore, TaskStatus


@pytest.fixture
def worker(staff):
    return staff(Role.SOCIAL_WORKER, username="sw")


@pytest.fixture
def participant(center, worker):
    return ParticipantFactory(center=center, case_worker=worker)


def _goal(**overrides):
    fields = {"what": "עבודה במשרה חלקית", "measure": "שעות עבודה בשבוע", "target": "20",
              "target_date": timezone.localdate() + datetime.timedelta(days=60), "why": "לפרנס את הילדים"}
    fields.update(overrides)
    return fields


def test_a_smart_goal_is_added_to_the_plan(worker, participant):
    goal = services.add_goal(actor=worker, participant=participant, **_goal())
    assert goal.plan.participant == participant
    assert goal.why == "לפרנס את הילדים"


@pytest.mark.parametrize("field, value", [("measure", ""), ("target_date", None), ("what", " "), ("target", "")])
def test_a_goal_without_a_required_part_is_refused_naming_the_field(worker, participant, field, value):
    with pytest.raises(ValidationError) as error:
        services.add_goal(actor=worker, participant=participant, **_goal(**{field: value}))
    assert field in error.value.message_dict
    assert not Goal.objects.exists()


def test_plan_history_records_what_changed_when_and_by_whom(worker, participant):
    services.update_vision(actor=worker, participant=participant, vision="להיות טבחית")
    goal = services.add_goal(actor=worker, participant=participant, **_goal())
    task = services.add_task(actor=worker, participant=participant, title="להתקשר למסעדה", owner="participant",
                             due_date=timezone.localdate())
    services.set_task_status(actor=worker, task=task, status=TaskStatus.DONE)
    services.set_goal_status(actor=worker, goal=goal, status="achieved")
    changes = list(PlanChange.objects.order_by("pk"))
    assert len(changes) == 5
    assert all(change.changed_by == worker and change.changed_at for change in changes)
    assert "להיות טבחית" in changes[0].what
    assert "להתקשר למסעדה" in changes[3].what


def test_saving_the_same_vision_twice_is_one_history_entry(worker, participant):
    services.update_vision(actor=worker, participant=participant, vision="נהג אוטובוס")
    services.update_vision(actor=worker, participant=participant, vision="נהג אוטובוס")
    assert PlanChange.objects.count() == 1


def test_a_task_needs_an_owner_and_a_due_date(worker, participant):
    with pytest.raises(ValidationError) as error:
        services.add_task(actor=worker, participant=participant, title="x", owner="someone", due_date=None)
    assert {"owner", "due_date"} <= set(error.value.message_dict)


def test_a_meeting_with_a_therapeutic_note_is_recorded(worker, participant):
    meeting = services.record_meeting(
        actor=worker, participant=participant, kind="home_visit",
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        duration_minutes=60, attendance="held", next_meeting_at=timezone.now() + datetime.timedelta(days=7),
        note="שיחה על המשפחה", note_kind=NoteKind.THERAPEUTIC,
    )
    assert meeting.staff == worker
    assert Note.objects.get().kind == NoteKind.THERAPEUTIC


def test_only_a_social_worker_writes_a_therapeutic_note(staff, participant):
    coach = staff(Role.COACH, username="coach")
    with pytest.raises(ValidationError) as error:
        services.add_note(actor=coach, participant=participant, text="x", kind=NoteKind.THERAPEUTIC)
    assert "note_kind" in error.value.message_dict


def test_a_held_meeting_cannot_be_in_the_future(worker, participant):
    with pytest.raises(ValidationError) as error:
        services.record_meeting(actor=worker, participant=participant, kind="phone",
                                starts_at=timezone.now() + datetime.timedelta(days=2))
    assert "starts_at" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_the_next_meeting_comes_after_the_meeting(worker, participant):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.record_meeting(actor=worker, participant=participant, kind="phone", starts_at=now,
                                next_meeting_at=now - datetime.timedelta(days=1))
    assert "next_meeting_at" in error.value.message_dict


def test_a_failed_meeting_leaves_no_note(worker, participant, staff):
    coach = staff(Role.COACH, username="coach2")
    with pytest.raises(ValidationError):
        services.record_meeting(actor=coach, participant=participant, kind="phone", starts_at=timezone.now(),
                                note="טיפולי", note_kind=NoteKind.THERAPEUTIC)
    assert not Meeting.objects.exists() and not Note.objects.exists()


def test_a_national_viewer_may_not_record_a_meeting(staff, participant):
    viewer = staff(Role.NATIONAL_VIEWER, centers=[], username="nat")
    with pytest.raises(ValidationError):
        services.record_meeting(actor=viewer, participant=participant, kind="phone", starts_at=timezone.now())


def test_pausing_needs_an_expected_return_and_closing_a_reason(worker, participant):
    with pytest.raises(ValidationError) as error:
        services.change_participant_status(actor=worker, participant=participant, status=JourneyStatus.PAUSED)
    assert "expected_return" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.change_participant_status(actor=worker, participant=participant, status=JourneyStatus.CLOSED)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.change_participant_status(actor=worker, participant=participant, status=JourneyStatus.PAUSED,
                                           expected_return=timezone.localdate() + datetime.timedelta(days=9))
    assert "note" in error.value.message_dict
    services.change_participant_status(actor=worker, participant=participant, status=JourneyStatus.PAUSED,
                                       reason="", note="לידה",
                                       expected_return=timezone.localdate() + datetime.timedelta(days=90))
    participant.refresh_from_db()
    assert participant.status == JourneyStatus.PAUSED
    assert StatusChange.objects.filter(participant=participant, status=JourneyStatus.PAUSED).exists()


def test_a_skills_assessment_keeps_levels_on_the_scale(worker, participant):
    services.record_assessment(actor=worker, participant=participant, assessed_on=timezone.localdate(),
                               levels={"hebrew": 2, "teamwork": 4, "occupation": None})
    assert SkillScore.objects.count() == 2
    with pytest.raises(ValidationError) as error:
        services.record_assessment(actor=worker, participant=participant, assessed_on=timezone.localdate(),
                                   levels={"hebrew": 7})
    assert "hebrew" in error.value.message_dict


def test_an_assessment_without_any_level_is_refused(worker, participant):
    with pytest.raises(ValidationError) as error:
        services.record_assessment(actor=worker, participant=participant, assessed_on=timezone.localdate(), levels={})
    assert "levels" in error.value.message_dict
