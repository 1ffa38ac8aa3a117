from datetime import date
from typing import ClassVar

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hizdamnut.audit.services import audited_page
from hizdamnut.centers.models import Center
from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.privacy import PrivateSchema, age_band, allowed_search
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.centers.selectors import city_by_name
from hizdamnut.pagination import Pages
from hizdamnut.versioning import VERSION_HELP, sent_version

from . import selectors, services
from .models import Gender, Participant
from .privacy import EXPORT_ROLES, export_participant

router = Router(tags=["participants"])


class ParticipantOut(PrivateSchema):
    """A participant as the caller's role may read it (docs/security.md): hidden classes come out null."""

    privacy_model: ClassVar[str] = "participants.participant"
    id: int
    version: int
    center: str = Field(..., alias="center.code", description="the center's code")
    status: str
    age_band: str | None = Field(None, description="ten-year age band, e.g. 30-39")
    first_name: str | None
    last_name: str | None
    id_number: str | None
    birth_date: date | None
    gender: Gender | None
    phone: str | None
    email: str | None
    city: str | None = Field(..., alias="city.name_he")
    languages: list[str] | None
    children_under_18: int | None
    single_parent: bool | None
    has_welfare_file: bool | None
    welfare_file_since: date | None
    welfare_file_last_active: date | None

    @staticmethod
    def resolve_age_band(participant):
        return age_band(participant.birth_date)


class ParticipantIn(Schema):
    center: str = Field(..., description="center code, e.g. NTN")
    first_name: str
    last_name: str
    id_number: str
    birth_date: date
    gender: Gender = Gender.UNSPECIFIED
    phone: str
    email: str = ""
    city: str = Field(..., description="city name in Hebrew or English")
    languages: list[str] = []
    children_under_18: int = Field(0, ge=0)
    single_parent: bool = False
    has_welfare_file: bool = False
    welfare_file_since: date | None = None
    welfare_file_last_active: date | None = None


class ParticipantPatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    center: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    id_number: str | None = None
    birth_date: date | None = None
    gender: Gender | None = None
    phone: str | None = None
    email: str | None = None
    city: str | None = None
    languages: list[str] | None = None
    children_under_18: int | None = Field(None, ge=0)
    single_parent: bool | None = None
    has_welfare_file: bool | None = None
    welfare_file_since: date | None = None
    welfare_file_last_active: date | None = None


def _resolve(data):
    """Turn center codes and city names into rows, naming the field when one is unknown."""
    errors = {}
    if "center" in data:
        center = Center.objects.filter(code=(data["center"] or "").upper()).first()
        if center is None:
            errors["center"] = [f"Unknown center code “{data['center']}”."]
        data["center"] = center
    if "city" in data:
        name = (data["city"] or "").strip()
        city = city_by_name(name)
        if city is None:
            errors["city"] = [f"Unknown city “{name}”."]
        data["city"] = city
    if errors:
        raise ValidationError(errors)
    return data


@router.get("/", response=list[ParticipantOut])
@audited_page(Participant, "participant_search")
@paginate(Pages, page_size=50)
def list_participants(request, q: str = "", center: str | None = None):
    """Participants of the caller's centers; `q` searches name, ID number or phone."""
    require_role(request, ALL_ROLES)
    center_row = object_or_404(Center.objects.for_user(request.user), code=center.upper()) if center else None
    return selectors.participants_for(request.user, search=allowed_search(request.user, q), center=center_row)


@router.post("/", response={201: ParticipantOut})
def create_participant(request, payload: ParticipantIn):
    require_role(request, WRITER_ROLES)
    data = _resolve(payload.dict())
    return Status(201, services.register_participant(actor=request.user, **data))


@router.get("/{int:participant_id}", response=ParticipantOut)
def get_participant(request, participant_id: int):
    require_role(request, ALL_ROLES)
    participant = selectors.participant_for(request.user, participant_id)
    return services.view_participant(actor=request.user, participant=participant)


@router.patch("/{int:participant_id}", response=ParticipantOut)
def update_participant(request, participant_id: int, payload: ParticipantPatch):
    require_role(request, WRITER_ROLES)
    participant = selectors.participant_for(request.user, participant_id)
    data = payload.dict(exclude_unset=True)
    version = sent_version(request, data)
    return services.update_participant(actor=request.user, participant=participant, version=version, **_resolve(data))


@router.get("/{int:participant_id}/record", response=dict)
def participant_record(request, participant_id: int):
    """Everything held about one participant (right of access): the person, then one section per kind of record
    (`model`, `label`, `rows`) gathered from every app. For managers and the coordinator of the participant's
    center; each export is written to the audit log."""
    require_role(request, EXPORT_ROLES)
    participant = selectors.participant_for(request.user, participant_id)
    return export_participant(actor=request.user, participant=participant, file_format="json")
