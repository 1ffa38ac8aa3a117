import datetime
from typing import ClassVar

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from ninja import Field, Router, Schema, Status

from hizdamnut.audit.services import record_read
from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.privacy import PrivateSchema
from hizdamnut.centers.scoping import object_or_404, user_role
from hizdamnut.participants import selectors as participant_selectors
from hizdamnut.participants import services as participant_services
from hizdamnut.participants.timeline import timeline_for
from hizdamnut.versioning import VERSION_HELP, sent_version

from . import selectors, services
from .access import READ_ROLES, TEAM_VIEW_ROLES, WRITE_ROLES
from .calendar import meetings_calendar
from .models import Attendance, Goal, GoalStatus, MeetingKind, Note, NoteKind, Task, TaskOwner, TaskStatus

router = Router(tags=["plans"])


class GoalOut(PrivateSchema):
    privacy_model: ClassVar[str] = "plans.goal"
    id: int
    what: str | None
    measure: str | None
    target: str | None
    target_date: datetime.date
    why: str | None
    status: GoalStatus
    version: int


class GoalIn(Schema):
    what: str
    measure: str = ""
    target: str = ""
    target_date: datetime.date | None = None
    why: str = ""


class TaskOut(PrivateSchema):
    privacy_model: ClassVar[str] = "plans.task"
    id: int
    title: str | None
    owner: TaskOwner
    due_date: datetime.date
    status: TaskStatus
    version: int


class TaskIn(Schema):
    title: str
    owner: TaskOwner = TaskOwner.PARTICIPANT
    due_date: datetime.date | None = None


class StatusIn(Schema):
    status: str
    version: int | None = Field(None, description=VERSION_HELP)


class PlanChangeOut(Schema):
    changed_at: datetime.datetime
    changed_by: str | None = Field(None, alias="changed_by.username")
    what: str


class PlanOut(PrivateSchema):
    privacy_model: ClassVar[str] = "plans.careerplan"
    participant: int
    vision: str | None
    version: int | None = Field(None, description="the plan's version (send it back with a new vision)")
    goals: list[GoalOut]
    tasks: list[TaskOut]
    history: list[PlanChangeOut]


class VisionIn(Schema):
    vision: str
    version: int | None = Field(None, description=VERSION_HELP)


class NoteOut(PrivateSchema):
    privacy_model: ClassVar[str] = "plans.note"
    id: int
    meeting: int | None = Field(None, alias="meeting_id")
    kind: NoteKind
    text: str | None
    author: str = Field(..., alias="author.username")
    created_at: datetime.datetime


class NoteIn(Schema):
    kind: NoteKind = NoteKind.TEAM
    text: str


class MeetingOut(Schema):
    id: int
    kind: MeetingKind
    starts_at: datetime.datetime
    duration_minutes: int
    staff: str = Field(..., alias="staff.username")
    attendance: Attendance
    next_meeting_at: datetime.datetime | None
    notes: list[NoteOut] = Field(..., alias="visible_notes")


class MeetingIn(Schema):
    kind: MeetingKind
    starts_at: datetime.datetime
    duration_minutes: int = 45
    attendance: Attendance = Attendance.HELD
    next_meeting_at: datetime.datetime | None = None
    note: str = ""
    note_kind: NoteKind = NoteKind.TEAM


class StatusChangeIn(Schema):
    status: str
    on: datetime.date | None = None
    reason: str = ""
    note: str = ""
    expected_return: datetime.date | None = None
    version: int | None = Field(None, description="the participant's version this change starts from (or If-Match)")


class EventOut(PrivateSchema):
    privacy_model: ClassVar[str] = "plans.event"
    when: datetime.datetime
    kind: str
    title: str | None
    detail: str | None
    by: str
    all_day: bool = False


class CaseloadRow(PrivateSchema):
    privacy_model: ClassVar[str] = "participants.participant"
    id: int
    name: str | None = Field(..., alias="full_name")
    status: str
    last_contact: datetime.datetime | None
    next_meeting: datetime.datetime | None
    overdue_tasks: int
    needs_outreach: bool


class TeamRow(Schema):
    id: int
    username: str
    name: str = Field(..., alias="get_full_name")
    caseload_size: int
    overdue_tasks: int


class AssessmentIn(Schema):
    assessed_on: datetime.date
    levels: dict[str, int]


class ScoreOut(Schema):
    skill: str
    field: str
    level: int


class AssessmentOut(Schema):
    id: int
    assessed_on: datetime.date
    scores: list[ScoreOut]

    @staticmethod
    def resolve_scores(obj):
        return [{"skill": s.skill, "field": s.field, "level": s.level} for s in obj.scores.all()]


@router.get("/participants/{int:participant_id}/plan", response=PlanOut)
def get_plan(request, participant_id: int):
    """The participant's career plan: vision, SMART goals, tasks and the plan's history."""
    require_role(request, READ_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    page = selectors.plan_page(request.user, participant)
    return {
        "participant": participant.pk, "vision": page["plan"].vision if page["plan"] else "",
        "version": page["plan"].version if page["plan"] else None,
        "goals": page["goals"], "tasks": page["tasks"], "history": page["changes"],
    }


@router.put("/participants/{int:participant_id}/plan/vision", response=PlanOut)
def put_vision(request, participant_id: int, payload: VisionIn):
    """Replaces the occupational vision (in the participant's own words)."""
    require_role(request, WRITE_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    services.update_vision(actor=request.user, participant=participant, vision=payload.vision,
                           version=sent_version(request, payload.dict()))
    return get_plan(request, participant_id)


@router.post("/participants/{int:participant_id}/goals", response={201: GoalOut})
def create_goal(request, participant_id: int, payload: GoalIn):
    """Adds a SMART goal; without a measure or a target date it is refused (422 naming the field)."""
    require_role(request, WRITE_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    return Status(201, services.add_goal(actor=request.user, participant=participant, **payload.dict()))


@router.post("/goals/{int:goal_id}/status", response=GoalOut)
def update_goal_status(request, goal_id: int, payload: StatusIn):
    """Sets a goal's status: open, achieved or dropped."""
    require_role(request, WRITE_ROLES)
    goal = object_or_404(Goal.objects.for_user(request.user).select_related("plan__participant"), goal_id)
    return services.set_goal_status(actor=request.user, goal=goal, status=payload.status,
                                    version=sent_version(request, payload.dict()))


@router.post("/participants/{int:participant_id}/tasks", response={201: TaskOut})
def create_task(request, participant_id: int, payload: TaskIn):
    """Adds a task between meetings, owned by the participant or by staff."""
    require_role(request, WRITE_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    return Status(201, services.add_task(actor=request.user, participant=participant, **payload.dict()))


@router.post("/tasks/{int:task_id}/status", response=TaskOut)
def update_task_status(request, task_id: int, payload: StatusIn):
    """Sets a task's status: open, done or cancelled."""
    require_role(request, WRITE_ROLES)
    task = object_or_404(Task.objects.for_user(request.user).select_related("plan__participant"), task_id)
    return services.set_task_status(actor=request.user, task=task, status=payload.status,
                                    version=sent_version(request, payload.dict()))


@router.get("/participants/{int:participant_id}/meetings", response=list[MeetingOut])
def list_meetings(request, participant_id: int):
    """The participant's meetings, each with the notes the caller may read."""
    require_role(request, READ_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    return selectors.plan_page(request.user, participant)["meetings"]


@router.post("/participants/{int:participant_id}/meetings", response={201: MeetingOut})
def create_meeting(request, participant_id: int, payload: MeetingIn):
    """Records a meeting with its attendance, next meeting and an optional team or therapeutic note."""
    require_role(request, WRITE_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    meeting = services.record_meeting(actor=request.user, participant=participant, **payload.dict())
    meeting.visible_notes = list(Note.objects.visible_to(request.user).filter(meeting=meeting))
    return Status(201, meeting)


@router.get("/participants/{int:participant_id}/notes", response=list[NoteOut])
def list_notes(request, participant_id: int):
    """Notes the caller may read: team notes, and therapeutic notes only for their author and the manager."""
    require_role(request, READ_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    participant_services.view_participant(actor=request.user, participant=participant)
    return Note.objects.visible_to(request.user).filter(participant=participant).select_related("author")


@router.get("/notes/{int:note_id}", response=NoteOut)
def get_note(request, note_id: int):
    """One note; a therapeutic note the caller may not read answers 404."""
    require_role(request, READ_ROLES)
    note = object_or_404(Note.objects.visible_to(request.user).select_related("author"), note_id)
    record_read(request, note)
    return note


@router.post("/participants/{int:participant_id}/notes", response={201: NoteOut})
def create_note(request, participant_id: int, payload: NoteIn):
    """Writes a note; only a social worker (or the manager) writes therapeutic notes."""
    require_role(request, WRITE_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    return Status(
        201, services.add_note(actor=request.user, participant=participant, kind=payload.kind, text=payload.text)
    )


@router.post("/participants/{int:participant_id}/status", response={201: EventOut})
def post_status(request, participant_id: int, payload: StatusChangeIn):
    """Moves the participant to a new status (paused needs an expected return, closed a reason)."""
    require_role(request, WRITE_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    data = payload.dict()
    change = services.change_participant_status(actor=request.user, participant=participant,
                                                version=sent_version(request, data), **data)
    return Status(201, {"when": datetime.datetime.combine(change.changed_on, datetime.time()), "kind": "status",
                       "title": change.get_status_display(), "detail": change.note, "by": request.user.username,
                       "all_day": True})


@router.get("/participants/{int:participant_id}/timeline", response=list[EventOut])
def get_timeline(request, participant_id: int):
    """Everything that happened to the participant that the caller may see, newest first."""
    require_role(request, READ_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    participant_services.view_participant(actor=request.user, participant=participant)
    return timeline_for(request.user, participant)


@router.get("/participants/{int:participant_id}/skills", response=list[AssessmentOut])
def list_assessments(request, participant_id: int):
    """Skills assessments over time (levels 1–5 in the soft, core (PIAAC) and professional fields)."""
    require_role(request, READ_ROLES)
    return selectors.skills_series(participant_selectors.participant_for(request.user, participant_id))


@router.post("/participants/{int:participant_id}/skills", response={201: AssessmentOut})
def create_assessment(request, participant_id: int, payload: AssessmentIn):
    """Records a skills assessment: `levels` maps skill codes to 1–5."""
    require_role(request, WRITE_ROLES)
    participant = participant_selectors.participant_for(request.user, participant_id)
    return Status(201, services.record_assessment(actor=request.user, participant=participant, **payload.dict()))


@router.get("/caseload", response=list[CaseloadRow])
def get_caseload(request, worker: int | None = None):
    """A worker's caseload (the caller's own unless a manager names `worker`), with the outreach flag."""
    require_role(request, READ_ROLES)
    target = request.user
    if worker is not None:
        if user_role(request.user) not in TEAM_VIEW_ROLES and worker != request.user.pk:
            raise Http404
        target = object_or_404(get_user_model().objects.all(), worker)
    rows = selectors.caseload_of(request.user, target)
    for row in rows:
        row.status = row.get_status_display()
    return rows


@router.get("/caseloads", response=list[TeamRow])
def get_team_caseloads(request):
    """Every worker's caseload size and overdue tasks (managers)."""
    require_role(request, TEAM_VIEW_ROLES)
    return selectors.team_caseloads(request.user)


@router.get("/calendar/{int:worker_id}.ics")
def get_worker_calendar(request, worker_id: int):
    """The iCalendar feed of a worker's meetings."""
    require_role(request, READ_ROLES)
    worker = selectors.calendar_worker(request.user, worker_id)
    body = meetings_calendar(request.user, worker)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
