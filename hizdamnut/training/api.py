from datetime import date

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.centers.selectors import known_center
from hizdamnut.pagination import Pages
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import VERSION_HELP, sent_version

from . import services
from .models import Course, TrainingApplication

router = Router(tags=["training"])


class CourseIn(Schema):
    center: str
    name: str
    field: str
    provider: str
    length_weeks: int
    hours: int | None = None
    funding: str = "voucher"
    cost: float | None = None
    required_documents: list[str] = []
    active: bool = True


class CourseOut(CourseIn):
    id: int
    center: str

    @staticmethod
    def resolve_center(obj):
        return obj.center.code


class ApplicationIn(Schema):
    participant_id: int
    course_id: int
    submit_by: date | None = None
    course_starts_on: date | None = None


class ApplicationOut(Schema):
    id: int
    participant_id: int
    course_id: int
    status: str
    documents_received: list[str]
    missing_documents: list[str]
    submit_by: date | None
    course_starts_on: date | None
    deadline: date | None
    voucher_number: str
    submitted_on: date | None
    decided_on: date | None
    enrolled_on: date | None
    ended_on: date | None
    decline_reason: str
    version: int


class DocumentsIn(Schema):
    received: list[str]
    version: int | None = Field(None, description=VERSION_HELP)


class MoveIn(Schema):
    status: str
    on: date | None = None
    reason: str = ""
    voucher_number: str = ""
    version: int | None = Field(None, description=VERSION_HELP)


@router.get("/courses", response=list[CourseOut])
@paginate(Pages, page_size=50)
def list_courses(request):
    """The course catalog of the caller's centers."""
    require_role(request, ALL_ROLES)
    return Course.objects.for_user(request.user).select_related("center")


@router.post("/courses", response={201: CourseOut})
def create_course(request, payload: CourseIn):
    """Adds a course to the catalog of one of the caller's centers."""
    require_role(request, WRITER_ROLES)
    data = payload.dict()
    center = known_center(request.user, data.pop("center"))
    return Status(201, services.save_course(actor=request.user, center=center, **data))


@router.get("/applications", response=list[ApplicationOut])
@paginate(Pages, page_size=50)
def list_applications(request, status: str | None = None):
    """Training applications of the caller's centers."""
    require_role(request, ALL_ROLES)
    applications = TrainingApplication.objects.for_user(request.user).select_related("course")
    return applications.filter(status=status) if status else applications


@router.post("/applications", response={201: ApplicationOut})
def create_application(request, payload: ApplicationIn):
    """Opens a draft application for a course."""
    require_role(request, WRITER_ROLES)
    participant = object_or_404(Participant.objects.for_user(request.user), payload.participant_id)
    course = object_or_404(Course.objects.for_user(request.user), payload.course_id)
    return Status(201, services.apply(actor=request.user, participant=participant, course=course,
                               submit_by=payload.submit_by, course_starts_on=payload.course_starts_on))


@router.get("/applications/{int:application_id}", response=ApplicationOut)
def get_application(request, application_id: int):
    """One application with its checklist and voucher status."""
    require_role(request, ALL_ROLES)
    return object_or_404(TrainingApplication.objects.for_user(request.user).select_related("course"), application_id)


@router.put("/applications/{int:application_id}/documents", response=ApplicationOut)
def set_documents(request, application_id: int, payload: DocumentsIn):
    """Sets which required documents were received."""
    require_role(request, WRITER_ROLES)
    application = object_or_404(TrainingApplication.objects.for_user(request.user)
                       .select_related("course", "participant__center"), application_id)
    return services.set_documents(actor=request.user, application=application, received=payload.received,
                                  version=sent_version(request, payload.dict()))


@router.post("/applications/{int:application_id}/move", response=ApplicationOut)
def move(request, application_id: int, payload: MoveIn):
    """Moves the voucher one step (draft → submitted → approved | declined → enrolled → completed | dropped)."""
    require_role(request, WRITER_ROLES)
    application = object_or_404(TrainingApplication.objects.for_user(request.user)
                       .select_related("course", "participant__center"), application_id)
    data = payload.dict()
    return services.move_application(actor=request.user, application=application, version=sent_version(request, data),
                                     **data)
