from datetime import date
from typing import ClassVar

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hizdamnut.audit.services import audited_page, record_read
from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.privacy import PrivateSchema
from hizdamnut.centers.roles import ALL_ROLES, CASEWORK_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.directory.models import CommunityService
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.pagination import Pages
from hizdamnut.participants.models import Participant
from hizdamnut.participants.selectors import participant_for
from hizdamnut.versioning import sent_version

from . import routing, selectors, services
from .models import IntakeMeeting, ReferralStatus, RoutingDecision, RoutingTrack

router = Router(tags=["intake"])


class IntakeIn(Schema):
    participant_id: int
    inquiry_id: int | None = None
    held_on: date
    duration_minutes: int = 60
    needs: str
    goals: str
    work_history: str = ""
    education: str = ""
    languages: list[str] = []
    licences: str = ""
    barriers: list[str] = Field([], description="barrier codes from the routing model")
    disability_percent: int | None = Field(None, ge=0, le=100)
    strengths: str = ""
    self_efficacy: int = Field(..., ge=1, le=5)
    proactivity: int = Field(..., ge=1, le=5)
    motivation: int = Field(..., ge=1, le=5)
    occupational_vision: int = Field(..., ge=1, le=5)
    job_search_skills: int = Field(..., ge=1, le=5)


class IntakeOut(PrivateSchema):
    """An intake meeting as the caller's role may read it: employer and training roles get what matching needs."""

    privacy_model: ClassVar[str] = "intake.intakemeeting"
    id: int
    participant_id: int
    inquiry_id: int | None
    held_on: date
    duration_minutes: int
    staff_id: int | None
    needs: str | None
    goals: str | None
    work_history: str | None
    education: str | None
    languages: list[str] | None
    licences: str | None
    barriers: list[str]
    disability_percent: int | None
    strengths: str | None
    self_efficacy: int | None
    proactivity: int | None
    motivation: int | None
    occupational_vision: int | None
    job_search_skills: int | None


class RecommendationOut(Schema):
    response: RoutingTrack
    model_version: str
    barrier_load: int
    readiness: str
    barriers: list[dict]
    predictors: dict
    conditions: list[dict]


class DecisionIn(Schema):
    response: RoutingTrack
    participant_agreed: bool = True
    override_reason: str = ""
    decided_on: date | None = None
    case_worker_id: int | None = None


class DecisionOut(Schema):
    id: int
    participant_id: int
    intake_id: int | None
    decided_on: date
    model_version: str
    recommended_response: RoutingTrack
    response: RoutingTrack
    participant_agreed: bool
    override_reason: str


class ReferralIn(Schema):
    service: str = Field(..., description="community service code")
    participant_id: int | None = None
    inquiry_id: int | None = None
    sent_on: date | None = None
    follow_up_on: date | None = None
    note: str = ""


class ReferralPatch(Schema):
    version: int | None = None
    status: ReferralStatus | None = None
    follow_up_on: date | None = None
    note: str | None = None


class ReferralOut(Schema):
    id: int
    version: int
    center: str = Field(..., alias="center.code")
    participant_id: int | None
    inquiry_id: int | None
    service: str = Field(..., alias="service.code")
    sent_on: date
    status: ReferralStatus
    follow_up_on: date | None
    note: str


def _of_participant(queryset, participant_id):
    """The rows of one participant when the list is asked for one (`?participant_id=`), else all."""
    return queryset.filter(participant_id=participant_id) if participant_id else queryset


@router.post("/meetings", response={201: IntakeOut})
def create_meeting(request, payload: IntakeIn):
    """Records an intake meeting for a registered participant (optionally following an inquiry)."""
    require_role(request, CASEWORK_ROLES)
    data = payload.dict()
    participant = participant_for(request.user, data.pop("participant_id"))
    inquiry_id = data.pop("inquiry_id")
    inquiries = Inquiry.objects.for_user(request.user).select_related("center", "participant")
    inquiry = object_or_404(inquiries, inquiry_id) if inquiry_id else None
    return Status(
        201, services.record_intake_meeting(actor=request.user, participant=participant, inquiry=inquiry, **data)
    )


@router.get("/meetings", response=list[IntakeOut])
@audited_page(IntakeMeeting, "intake_meetings")
@paginate(Pages, page_size=50)
def list_meetings(request, participant_id: int | None = None):
    require_role(request, ALL_ROLES)
    return _of_participant(IntakeMeeting.objects.for_user(request.user), participant_id)


@router.get("/meetings/{int:meeting_id}", response=IntakeOut)
def get_meeting(request, meeting_id: int):
    require_role(request, ALL_ROLES)
    meeting = selectors.meeting_for(request.user, meeting_id)
    record_read(request, meeting)
    return meeting


@router.get("/meetings/{int:meeting_id}/recommendation", response=RecommendationOut)
def recommendation(request, meeting_id: int):
    """The routing model's recommendation for the meeting, with the barriers, predictors and rule that drove it."""
    require_role(request, ALL_ROLES)
    result = routing.recommend_for(selectors.meeting_for(request.user, meeting_id))
    return {**result.as_reasons(), "response": result.response, "model_version": result.model_version}


@router.post("/meetings/{int:meeting_id}/decision", response={201: DecisionOut})
def decide(request, meeting_id: int, payload: DecisionIn):
    """Records the shared decision; a decision that differs from the recommendation needs `override_reason`."""
    require_role(request, CASEWORK_ROLES)
    meeting = selectors.meeting_for(request.user, meeting_id)
    worker = None
    if payload.case_worker_id:
        worker = get_user_model().objects.filter(pk=payload.case_worker_id).first()
        if worker is None:
            raise ValidationError({"case_worker_id": ["Unknown worker."]})
    return Status(201, services.record_routing_decision(
        intake=meeting, response=payload.response, actor=request.user, participant_agreed=payload.participant_agreed,
        override_reason=payload.override_reason, decided_on=payload.decided_on, case_worker=worker,
    ))


@router.get("/decisions", response=list[DecisionOut])
@paginate(Pages, page_size=50)
def list_decisions(request, participant_id: int | None = None):
    require_role(request, ALL_ROLES)
    return _of_participant(RoutingDecision.objects.for_user(request.user), participant_id)


@router.get("/model")
def routing_model(request):
    """The routing model in force: barriers with weights, predictors, rules and thresholds (versioned data)."""
    require_role(request, ALL_ROLES)
    return routing.load_model()


@router.get("/referrals", response=list[ReferralOut])
@paginate(Pages, page_size=50)
def list_referrals(request, status: ReferralStatus | None = None):
    require_role(request, ALL_ROLES)
    queryset = selectors.referrals_for(request.user)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


@router.post("/referrals", response={201: ReferralOut})
def create_referral(request, payload: ReferralIn):
    """Refers a participant or an inquiry's person to a community service."""
    require_role(request, WRITER_ROLES)
    service = CommunityService.objects.for_user(request.user).filter(code=payload.service).first()
    if service is None:
        raise ValidationError({"service": ["Unknown service code."]})
    participants = Participant.objects.for_user(request.user).select_related("center")
    inquiries = Inquiry.objects.for_user(request.user).select_related("center", "participant")
    participant = object_or_404(participants, payload.participant_id) if payload.participant_id else None
    inquiry = object_or_404(inquiries, payload.inquiry_id) if payload.inquiry_id else None
    return Status(201, services.create_referral(actor=request.user, service=service, participant=participant,
                                         inquiry=inquiry, sent_on=payload.sent_on, follow_up_on=payload.follow_up_on,
                                         note=payload.note))


@router.get("/referrals/{int:referral_id}", response=ReferralOut)
def get_referral(request, referral_id: int):
    require_role(request, ALL_ROLES)
    return selectors.referral_for(request.user, referral_id)


@router.patch("/referrals/{int:referral_id}", response=ReferralOut)
def update_referral(request, referral_id: int, payload: ReferralPatch):
    """Updates a referral's status (sent, confirmed, closed) or follow-up date."""
    require_role(request, WRITER_ROLES)
    referral = selectors.referral_for(request.user, referral_id)
    data = payload.dict(exclude_unset=True)
    return services.update_referral(referral=referral, actor=request.user, version=sent_version(request, data), **data)
