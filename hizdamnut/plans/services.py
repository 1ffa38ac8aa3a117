"""The rules of accompaniment: plans, goals, tasks, meetings, notes and skills assessments."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import require_writer
from hizdamnut.centers.roles import Role
from hizdamnut.centers.scoping import user_role, visible_center_ids
from hizdamnut.centers.validators import MAX_MEETING_MINUTES, aware, text_length_error
from hizdamnut.participants import services as participant_services
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.versioning import check_version

from .models import (
    SKILL_FIELDS,
    Attendance,
    CareerPlan,
    Goal,
    GoalStatus,
    Level,
    Meeting,
    MeetingKind,
    Note,
    NoteKind,
    PlanChange,
    SkillAssessment,
    SkillScore,
    Task,
    TaskOwner,
    TaskStatus,
)
from .signals import skills_assessed

# Only these roles may write a therapeutic note (seed: the social worker leads the therapeutic process).
THERAPEUTIC_AUTHORS = frozenset({Role.SOCIAL_WORKER, Role.MANAGER})


def plan_of(participant):
    """The participant's career plan, created empty the first time it is needed."""
    plan, _created = CareerPlan.objects.get_or_create(participant=participant)
    return plan


def _day(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _log(plan, actor, what):
    PlanChange.objects.create(plan=plan, changed_by=actor, what=what[:300])


@transaction.atomic
def update_vision(*, actor, participant, vision, version=None):
    """Records the occupational vision in the participant's own words (seed: "building an occupational vision")."""
    require_writer(actor, participant.center_id)
    plan = plan_of(participant)
    vision = (vision or "").strip()
    check_version(plan, version, {"vision": vision})
    if vision == plan.vision:
        return plan
    plan.vision = vision
    plan.save(update_fields=["vision", "updated_at"])
    _log(plan, actor, _("Occupational vision: %(text)s") % {"text": vision[:200] or "—"})
    return plan


def _check_goal(fields):
    errors = {}
    for name, message in (
        ("what", _("Say what the goal is.")),
        ("measure", _("Say how the goal will be measured.")),
        ("target", _("Give the target to reach.")),
    ):
        if not (fields.get(name) or "").strip():
            errors[name] = [message]
    if not fields.get("target_date"):
        errors["target_date"] = [_("Give a target date for the goal.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_goal(*, actor, participant, what, measure, target, target_date, why=""):
    """Adds a SMART goal; a goal without a measure or a target date is refused, naming the missing field."""
    require_writer(actor, participant.center_id)
    _check_goal({"what": what, "measure": measure, "target": target, "target_date": target_date})
    plan = plan_of(participant)
    goal = Goal.objects.create(
        plan=plan, what=what.strip(), measure=measure.strip(), target=target.strip(), target_date=target_date,
        why=(why or "").strip(), created_by=actor,
    )
    _log(plan, actor, _("Goal added: %(goal)s (by %(date)s)") % {"goal": goal.what, "date": _day(target_date)})
    return goal


def _set_status(actor, item, status, version, choices, history_line):
    """A goal's or task's new status, written to the plan's history only when it changes (a stale `version` is
    refused)."""
    require_writer(actor, item.plan.participant.center_id)
    check_version(item, version, {"status": status})
    if status not in choices.values:
        raise ValidationError({"status": _("Unknown status.")})
    if item.status != status:
        item.status = status
        item.save(update_fields=["status"])
        _log(item.plan, actor, history_line())
    return item


@transaction.atomic
def set_goal_status(*, actor, goal, status, version=None):
    """Marks a goal achieved, set aside or back in progress, keeping the change in the plan's history."""
    return _set_status(actor, goal, status, version, GoalStatus, lambda: _("Goal “%(goal)s”: %(status)s") % {
        "goal": goal.what, "status": goal.get_status_display()})


@transaction.atomic
def add_task(*, actor, participant, title, owner, due_date):
    """Adds a task agreed for the time until the next meeting, owned by the participant or by staff."""
    require_writer(actor, participant.center_id)
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Say what the task is.")]
    if owner not in TaskOwner.values:
        errors["owner"] = [_("Choose who does the task.")]
    if not due_date:
        errors["due_date"] = [_("Give a due date.")]
    if errors:
        raise ValidationError(errors)
    plan = plan_of(participant)
    task = Task.objects.create(plan=plan, title=title.strip(), owner=owner, due_date=due_date, created_by=actor)
    _log(plan, actor, _("Task added: %(task)s (due %(date)s)") % {"task": task.title, "date": _day(due_date)})
    return task


@transaction.atomic
def set_task_status(*, actor, task, status, version=None):
    """Marks a task done, dropped or open again, keeping the change in the plan's history."""
    return _set_status(actor, task, status, version, TaskStatus, lambda: _("Task “%(task)s”: %(status)s") % {
        "task": task.title, "status": task.get_status_display()})


def _check_note_kind(actor, kind):
    if kind not in NoteKind.values:
        raise ValidationError({"note_kind": _("Choose team or therapeutic.")})
    if kind == NoteKind.THERAPEUTIC and user_role(actor) not in THERAPEUTIC_AUTHORS:
        raise ValidationError({"note_kind": _("Only a social worker writes therapeutic notes.")})


@transaction.atomic
def record_meeting(
    *, actor, participant, kind, starts_at, duration_minutes=45, attendance=Attendance.HELD, staff=None,
    next_meeting_at=None, note="", note_kind=NoteKind.TEAM,
):
    """Records a meeting (individual, group, phone, video or home visit), its attendance, the next meeting and a
    note; a held meeting is the participant's latest contact for the caseload."""
    require_writer(actor, participant.center_id)
    staff = staff or actor
    starts_at, next_meeting_at = aware(starts_at), aware(next_meeting_at)
    errors = {}
    if kind not in MeetingKind.values:
        errors["kind"] = [_("Choose the kind of meeting.")]
    if attendance not in Attendance.values:
        errors["attendance"] = [_("Choose whether the meeting was held.")]
    if not starts_at:
        errors["starts_at"] = [_("Give the date of the meeting.")]
    elif attendance == Attendance.HELD and starts_at > timezone.now() + datetime.timedelta(hours=1):
        errors["starts_at"] = [_("A meeting that was held cannot be dated in the future.")]
    if not duration_minutes or duration_minutes <= 0:
        errors["duration_minutes"] = [_("Give the length of the meeting in minutes.")]
    elif duration_minutes > MAX_MEETING_MINUTES:
        errors["duration_minutes"] = [_("A meeting lasts at most %(max)s minutes.") % {"max": MAX_MEETING_MINUTES}]
    if text_length_error(note):
        errors["note"] = [text_length_error(note)]
    if next_meeting_at and starts_at and next_meeting_at <= starts_at:
        errors["next_meeting_at"] = [_("The next meeting comes after this one.")]
    if staff and not hasattr(staff, "staff"):
        errors["staff"] = [_("Choose a staff member.")]
    elif participant.center_id not in visible_center_ids(staff):
        errors["staff"] = [_("This staff member does not work at the participant's center.")]
    if errors:
        raise ValidationError(errors)
    if note.strip():
        _check_note_kind(actor, note_kind)
    meeting = Meeting.objects.create(
        participant=participant, kind=kind, starts_at=starts_at, duration_minutes=duration_minutes, staff=staff,
        attendance=attendance, next_meeting_at=next_meeting_at,
    )
    if note.strip():
        Note.objects.create(participant=participant, meeting=meeting, kind=note_kind, text=note.strip(), author=actor)
    return meeting


@transaction.atomic
def add_note(*, actor, participant, text, kind=NoteKind.TEAM, meeting=None):
    """Writes a team note (the center team reads it) or a therapeutic note (only its author and the manager)."""
    require_writer(actor, participant.center_id)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the note.")})
    if text_length_error(text):
        raise ValidationError({"text": text_length_error(text)})
    _check_note_kind(actor, kind)
    if meeting is not None and meeting.participant_id != participant.pk:
        raise ValidationError({"meeting": _("This meeting is not the participant's.")})
    return Note.objects.create(participant=participant, meeting=meeting, kind=kind, text=text.strip(), author=actor)


@transaction.atomic
def record_assessment(*, actor, participant, assessed_on, levels):
    """Records a skills assessment: `levels` maps skill codes to 1–5 on the defined scale."""
    require_writer(actor, participant.center_id)
    errors = {}
    if not assessed_on:
        errors["assessed_on"] = [_("Give the date of the assessment.")]
    elif assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("An assessment cannot be dated in the future.")]
    clean = {}
    for skill, level in (levels or {}).items():
        if skill not in SKILL_FIELDS:
            errors[skill] = [_("Unknown skill.")]
        elif level in (None, ""):
            continue
        elif int(level) not in Level.values:
            errors[skill] = [_("Rate from 1 to 5.")]
        else:
            clean[skill] = int(level)
    if not clean and not errors:
        errors["levels"] = [_("Rate at least one skill.")]
    if errors:
        raise ValidationError(errors)
    assessment = SkillAssessment.objects.create(participant=participant, assessed_on=assessed_on, assessor=actor)
    SkillScore.objects.bulk_create(
        SkillScore(assessment=assessment, skill=skill, level=level) for skill, level in clean.items()
    )
    skills_assessed.send(sender=SkillAssessment, assessment=assessment, levels=clean, actor=actor)
    return assessment


@transaction.atomic
def change_participant_status(*, actor, participant, status, on=None, reason="", note="", expected_return=None,
                              version=None):
    """Status over time goes through the participants' own rule (`change_status`), after the write check; a pause
    also needs its reason (issue #4: "paused, with reason and expected return")."""
    require_writer(actor, participant.center_id)
    check_version(participant, version, {"status": status})
    if status == JourneyStatus.PAUSED:
        errors = {}
        if not (note or "").strip():
            errors["note"] = [_("Give the reason for the pause.")]
        if not expected_return:
            errors["expected_return"] = [_("Give the date the participant is expected back.")]
        if errors:
            raise ValidationError(errors)
    return participant_services.change_status(
        participant=participant, status=status, actor=actor, on=on, reason=reason, note=note,
        expected_return=expected_return,
    )
