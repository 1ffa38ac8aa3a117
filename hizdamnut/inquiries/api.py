from datetime import date
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hizdamnut.audit.services import audited_page, record_read
from hizdamnut.centers.models import Center
from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.privacy import PrivateSchema
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.centers.selectors import known_city
from hizdamnut.pagination import Pages
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import VERSION_HELP, sent_version

from . import eligibility, indicators, selectors, services
from .models import Channel, Decision, Inquiry, InquiryCategory, InquiryStatus, OutreachEvent, Screening, Source

router = Router(tags=["inquiries"])


class InquiryOut(PrivateSchema):
    privacy_model: ClassVar[str] = "inquiries.inquiry"
    id: int
    center: str = Field(..., alias="center.code")
    received_on: date
    source: Source
    referring_department: str | None
    referring_worker: str | None
    community_partner: str
    outreach_event: str
    channel: Channel
    category: str = Field(..., alias="category.code")
    subcategory: str | None = None
    notes: str | None
    participant_id: int | None
    first_name: str | None
    last_name: str | None
    phone: str | None
    id_number: str | None
    status: InquiryStatus
    version: int

    @staticmethod
    def resolve_subcategory(obj):
        return obj.subcategory.code if obj.subcategory_id else None


class InquiryIn(Schema):
    center: str = Field(..., description="center code, e.g. NTN")
    received_on: date
    source: Source
    channel: Channel
    category: str = Field(..., description="top-level reason code")
    subcategory: str | None = Field(None, description="child reason code of `category`")
    referring_department: str = ""
    referring_worker: str = ""
    community_partner: str = ""
    outreach_event: OutreachEvent | None = None
    notes: str = ""
    participant_id: int | None = None
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    id_number: str = ""


class StatusIn(Schema):
    status: InquiryStatus
    on: date | None = None
    note: str = ""
    version: int | None = Field(None, description=VERSION_HELP)


class ScreeningIn(Schema):
    birth_date: date
    city: str = Field(..., description="city name in Hebrew or English")
    welfare_file_last_active: date | None = None
    low_stability: bool | None = None
    underemployed: bool | None = None
    multiple_barriers: bool | None = None
    acute_crisis: bool | None = None
    long_unemployed: bool | None = None
    disability_percent: int | None = Field(None, ge=0, le=100)
    disability_served_elsewhere: bool | None = None
    excluded_population: bool | None = None
    other_state_service: bool | None = None
    screened_on: date | None = None


class ScreeningOut(Schema):
    id: int
    inquiry_id: int
    screened_on: date
    rules_version: str
    decision: Decision
    final_decision: Decision
    reasons: list[str]
    override_decision: str
    override_reason: str

    @staticmethod
    def resolve_reasons(obj):
        return [eligibility.reason_line(finding) for finding in obj.reasons]


class PreviewOut(Schema):
    decision: Decision
    reasons: list[str]
    rules_version: str


class OverrideIn(Schema):
    decision: Decision
    reason: str


class SubcategoryOut(Schema):
    code: str
    label_he: str
    label_en: str


class CategoryOut(Schema):
    code: str
    label_he: str
    label_en: str
    subcategories: list[SubcategoryOut]


def _resolve(request, data):
    errors = {}
    center = Center.objects.filter(code=(data.pop("center") or "").upper()).first()
    if center is None:
        errors["center"] = ["Unknown center code."]
    categories = {c.code: c for c in InquiryCategory.objects.all()}
    data["category"] = categories.get(data["category"])
    if data["category"] is None:
        errors["category"] = ["Unknown reason code."]
    code = data.pop("subcategory", None)
    data["subcategory"] = categories.get(code) if code else None
    if code and data["subcategory"] is None:
        errors["subcategory"] = ["Unknown reason code."]
    data["outreach_event"] = data.get("outreach_event") or ""
    pid = data.pop("participant_id", None)
    data["participant"] = None
    if pid is not None:
        data["participant"] = Participant.objects.for_user(request.user).filter(pk=pid).first()
        if data["participant"] is None:
            errors["participant_id"] = ["Unknown participant."]
    if errors:
        raise ValidationError(errors)
    return center, data


def _applicant(payload):
    data = payload.dict()
    data.pop("screened_on")
    data["city"] = known_city(data["city"])
    return eligibility.Applicant(**data)


@router.get("/", response=list[InquiryOut])
@audited_page(Inquiry, "inquiry_list")
@paginate(Pages, page_size=50)
def list_inquiries(request, status: InquiryStatus | None = None, open: bool = False, center: str | None = None):
    """Inquiries of the caller's centers, newest first; `open=true` gives the queue."""
    require_role(request, ALL_ROLES)
    queryset = selectors.inquiries_for(request.user)
    if center:
        queryset = queryset.filter(center=object_or_404(Center.objects.for_user(request.user), code=center.upper()))
    if status:
        queryset = queryset.filter(status=status)
    if open:
        queryset = queryset.open()
    return queryset


@router.post("/", response={201: InquiryOut})
def create_inquiry(request, payload: InquiryIn):
    """Records an inquiry (an existing participant, or just a name and phone)."""
    require_role(request, WRITER_ROLES)
    center, data = _resolve(request, payload.dict())
    return Status(201, services.record_inquiry(actor=request.user, center=center, **data))


@router.get("/categories", response=list[CategoryOut])
def list_categories(request):
    """The two-level reason tree."""
    require_role(request, ALL_ROLES)
    return [
        {"code": c.code, "label_he": c.label_he, "label_en": c.label_en, "subcategories": list(c.children.all())}
        for c in InquiryCategory.objects.filter(parent__isnull=True).prefetch_related("children")
    ]


@router.get("/rules")
def eligibility_rules(request):
    """The eligibility rules in force (the versioned rules file)."""
    require_role(request, ALL_ROLES)
    return eligibility.load_rules()


@router.post("/screen", response=PreviewOut)
def screen_preview(request, payload: ScreeningIn, center: str):
    """Screens a person against the rules without saving anything."""
    require_role(request, ALL_ROLES)
    center_row = object_or_404(Center.objects.for_user(request.user), code=center.upper())
    on = payload.screened_on or timezone.localdate()
    result = eligibility.screen(_applicant(payload), center=center_row, on=on,
                                load=eligibility.region_load(center_row, on.year))
    return {"decision": result.decision, "reasons": [eligibility.reason_line(f) for f in result.reasons],
            "rules_version": result.rules_version}


@router.get("/report")
def report(request, center: str | None = None, year: int | None = Query(None, ge=2015, le=2100)):
    """Counts and shares per reason, per center and per year (the `inquiry_report` JSON)."""
    require_role(request, ALL_ROLES)
    queryset = Inquiry.objects.for_user(request.user)
    if center:
        queryset = queryset.filter(center=object_or_404(Center.objects.for_user(request.user), code=center.upper()))
    if year:
        queryset = queryset.filter(received_on__year=year)
    return indicators.strip_labels(indicators.inquiry_report(queryset))


@router.get("/{int:inquiry_id}", response=InquiryOut)
def get_inquiry(request, inquiry_id: int):
    require_role(request, ALL_ROLES)
    inquiry = selectors.inquiry_for(request.user, inquiry_id)
    record_read(request, inquiry)
    return inquiry


@router.post("/{int:inquiry_id}/status", response=InquiryOut)
def change_status(request, inquiry_id: int, payload: StatusIn):
    """Moves the inquiry to another status (the history keeps when each was reached)."""
    require_role(request, WRITER_ROLES)
    inquiry = selectors.inquiry_for(request.user, inquiry_id)
    services.change_inquiry_status(inquiry=inquiry, status=payload.status, actor=request.user, on=payload.on,
                                   note=payload.note, version=sent_version(request, payload.dict()))
    return selectors.inquiry_for(request.user, inquiry_id)


@router.post("/{int:inquiry_id}/screenings", response={201: ScreeningOut})
def screen_inquiry(request, inquiry_id: int, payload: ScreeningIn):
    """Screens the inquiry's person and keeps the result with every reason."""
    require_role(request, WRITER_ROLES)
    inquiry = selectors.inquiry_for(request.user, inquiry_id)
    return Status(201, services.screen_inquiry(inquiry=inquiry, applicant=_applicant(payload), actor=request.user,
                                        on=payload.screened_on))


@router.get("/{int:inquiry_id}/screenings", response=list[ScreeningOut])
def list_screenings(request, inquiry_id: int):
    require_role(request, ALL_ROLES)
    return list(selectors.inquiry_for(request.user, inquiry_id).screenings.all())


@router.post("/screenings/{int:screening_id}/override", response=ScreeningOut)
def override(request, screening_id: int, payload: OverrideIn):
    """Overrides a screening result with a recorded reason."""
    require_role(request, WRITER_ROLES)
    screening = object_or_404(Screening.objects.for_user(request.user).select_related("inquiry__center"),
                              screening_id)
    return services.override_screening(screening=screening, decision=payload.decision, reason=payload.reason,
                                       actor=request.user)


class MatchOut(Schema):
    participant_id: int
    name: str
    id_tail: str
    center: str
    status: str
    reasons: list[str]


class LinkIn(Schema):
    participant_id: int
    version: int | None = Field(None, description=VERSION_HELP)


@router.get("/matches", response=list[MatchOut])
def likely_matches(request, center: str | None = None, first_name: str = "", last_name: str = "", phone: str = "",
                   id_number: str = ""):
    """Participants likely to be this caller (same ID number, same phone or a similar name), best first."""
    require_role(request, WRITER_ROLES)
    center_row = object_or_404(Center.objects.for_user(request.user), code=center.upper()) if center else None
    matches = selectors.likely_matches(request.user, center=center_row, first_name=first_name, last_name=last_name,
                                       phone=phone, id_number=id_number)
    return [{"participant_id": m.participant.pk, "name": m.participant.full_name,
             "id_tail": m.participant.id_number[-4:], "center": m.participant.center.code,
             "status": m.participant.status, "reasons": [str(reason) for reason in m.reasons]} for m in matches]


@router.post("/{int:inquiry_id}/participant", response=InquiryOut)
def link_participant(request, inquiry_id: int, payload: LinkIn):
    """Links the inquiry to a participant already registered at its center (a repeat caller)."""
    require_role(request, WRITER_ROLES)
    inquiry = selectors.inquiry_for(request.user, inquiry_id)
    participant = Participant.objects.for_user(request.user).filter(pk=payload.participant_id).first()
    if participant is None:
        raise ValidationError({"participant_id": ["Unknown participant."]})
    services.link_participant(inquiry=inquiry, participant=participant, actor=request.user,
                              version=sent_version(request, payload.dict()))
    return selectors.inquiry_for(request.user, inquiry_id)
