import datetime
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Field, Router, Schema, Status

from hizdamnut.centers.models import Center
from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.privacy import PrivateSchema
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.participants.models import Participant

from . import eligibility, selectors, services
from .models import Enrollment, EnrollmentStatus, Program, ProgramKind, Session
from .views import cohort_ics

router = Router(tags=["programs"])


class ProgramOut(Schema):
    code: str
    kind: ProgramKind
    name_he: str
    name_en: str
    eligibility: list[dict]
    eligibility_text: list[str]
    default_capacity: int

    @staticmethod
    def resolve_eligibility_text(obj):
        return eligibility.describe(obj.eligibility)


class SessionOut(Schema):
    id: int
    starts_at: datetime.datetime
    duration_minutes: int
    topic: str


class CohortOut(Schema):
    id: int
    program: str = Field(..., alias="program.code")
    center: str = Field(..., alias="center.code")
    name: str
    capacity: int
    enrolled: int
    waiting: int


class CohortIn(Schema):
    program: str
    center: str
    name: str
    capacity: int | None = None
    sessions: list[datetime.datetime] = []
    duration_minutes: int = 120


class SessionIn(Schema):
    starts_at: datetime.datetime
    duration_minutes: int = 120
    topic: str = ""


class EnrollmentOut(Schema):
    id: int
    participant: int = Field(..., alias="participant_id")
    status: EnrollmentStatus
    requested_at: datetime.datetime
    enrolled_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str


class EnrollIn(Schema):
    participant: int


class EnrollResult(Schema):
    enrollment: EnrollmentOut
    message: str


class EndIn(Schema):
    outcome: EnrollmentStatus
    reason: str = ""


class EndResult(Schema):
    enrollment: EnrollmentOut
    promoted: EnrollmentOut | None


class AttendanceIn(Schema):
    present: list[int] = Field(..., description="ids of the participants who came; the rest are marked absent")


class AttendanceRow(PrivateSchema):
    privacy_model: ClassVar[str] = "participants.participant"
    participant: int = Field(..., alias="participant_id")
    name: str | None = Field(..., alias="participant.full_name")
    present: bool | None = Field(None, alias="marked_present")


@router.get("/", response=list[ProgramOut])
def list_programs(request):
    """The catalog of programs, courses and workshops with their eligibility rules."""
    require_role(request, ALL_ROLES)
    return selectors.catalog()


@router.get("/cohorts", response=list[CohortOut])
def list_cohorts(request, program: str | None = None):
    """Cohorts of the caller's centers."""
    require_role(request, ALL_ROLES)
    cohorts = selectors.cohorts_for(request.user)
    return cohorts.filter(program__code=program) if program else cohorts


@router.post("/cohorts", response={201: CohortOut})
def create_cohort(request, payload: CohortIn):
    """Opens a cohort with its sessions; a session in the past is refused (422)."""
    require_role(request, WRITER_ROLES)
    program = Program.objects.filter(code=payload.program).first()
    center = Center.objects.for_user(request.user).filter(code=payload.center.upper()).first()
    if program is None or center is None:
        raise ValidationError({"program" if program is None else "center": ["Unknown code."]})
    cohort = services.create_cohort(actor=request.user, program=program, center=center, name=payload.name,
                                    capacity=payload.capacity, sessions=payload.sessions,
                                    duration_minutes=payload.duration_minutes)
    return Status(201, object_or_404(selectors.cohorts_for(request.user), cohort.pk))


@router.get("/cohorts/{int:cohort_id}", response=CohortOut)
def get_cohort(request, cohort_id: int):
    require_role(request, ALL_ROLES)
    return object_or_404(selectors.cohorts_for(request.user), cohort_id)


@router.get("/cohorts/{int:cohort_id}/sessions", response=list[SessionOut])
def list_sessions(request, cohort_id: int):
    require_role(request, ALL_ROLES)
    return object_or_404(selectors.cohorts_for(request.user), cohort_id).sessions.all()


@router.post("/cohorts/{int:cohort_id}/sessions", response={201: SessionOut})
def create_session(request, cohort_id: int, payload: SessionIn):
    """Adds a session (future only)."""
    require_role(request, WRITER_ROLES)
    cohort = object_or_404(selectors.cohorts_for(request.user), cohort_id)
    return Status(201, services.add_session(actor=request.user, cohort=cohort, **payload.dict()))


@router.get("/cohorts/{int:cohort_id}/calendar.ics")
def cohort_calendar(request, cohort_id: int):
    """The iCalendar feed of a cohort's sessions."""
    require_role(request, ALL_ROLES)
    cohort = object_or_404(selectors.cohorts_for(request.user), cohort_id)
    return HttpResponse(cohort_ics(cohort, cohort.sessions.all()), content_type="text/calendar; charset=utf-8")


@router.get("/cohorts/{int:cohort_id}/enrollments", response=list[EnrollmentOut])
def list_enrollments(request, cohort_id: int):
    require_role(request, ALL_ROLES)
    return object_or_404(selectors.cohorts_for(request.user), cohort_id).enrollments.order_by("requested_at", "pk")


@router.post("/cohorts/{int:cohort_id}/enrollments", response={201: EnrollResult})
def create_enrollment(request, cohort_id: int, payload: EnrollIn):
    """Enrolls a participant; past capacity they go to the waiting list and the message says so."""
    require_role(request, WRITER_ROLES)
    cohort = object_or_404(selectors.cohorts_for(request.user), cohort_id)
    participant = object_or_404(Participant.objects.for_user(request.user), payload.participant)
    enrollment, message = services.enroll(actor=request.user, cohort=cohort, participant=participant)
    return Status(201, {"enrollment": enrollment, "message": message})


@router.post("/enrollments/{int:enrollment_id}/end", response=EndResult)
def end_enrollment(request, enrollment_id: int, payload: EndIn):
    """Completes, drops out (reason required) or leaves the waiting list; the next waiting person is promoted."""
    require_role(request, WRITER_ROLES)
    enrollment = object_or_404(Enrollment.objects.for_user(request.user).select_related("cohort"), enrollment_id)
    promoted = services.end_enrollment(actor=request.user, enrollment=enrollment, outcome=payload.outcome,
                                       reason=payload.reason)
    return {"enrollment": enrollment, "promoted": promoted}


@router.get("/sessions/{int:session_id}/attendance", response=list[AttendanceRow])
def get_attendance(request, session_id: int):
    """The session's attendance sheet (everyone taking part)."""
    require_role(request, ALL_ROLES)
    return selectors.attendance_sheet(
        object_or_404(Session.objects.for_user(request.user).select_related("cohort"), session_id))


@router.put("/sessions/{int:session_id}/attendance", response=list[AttendanceRow])
def put_attendance(request, session_id: int, payload: AttendanceIn):
    """Records the whole sheet; someone not enrolled is refused (422) and nothing is saved."""
    require_role(request, WRITER_ROLES)
    session = object_or_404(Session.objects.for_user(request.user).select_related("cohort"), session_id)
    services.record_attendance(actor=request.user, session=session, present=payload.present)
    return selectors.attendance_sheet(session)
