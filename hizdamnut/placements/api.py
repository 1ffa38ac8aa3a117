from datetime import date
from decimal import Decimal
from typing import ClassVar

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hizdamnut.audit.services import audited_page, record_read
from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.privacy import PrivateSchema
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.centers.selectors import centers_of
from hizdamnut.employers.models import Candidacy, Employer
from hizdamnut.pagination import Pages
from hizdamnut.participants.selectors import participant_for
from hizdamnut.versioning import VERSION_HELP, sent_version

from . import indicators, match_outcomes, selectors, services
from .models import FollowUp, Placement

router = Router(tags=["placements"])


class FollowUpOut(PrivateSchema):
    privacy_model: ClassVar[str] = "placements.followup"
    id: int
    placement_id: int
    months_after: int
    due_on: date
    done_on: date | None
    overdue: bool
    employment: str
    hours_per_week: int | None
    monthly_wage: Decimal | None
    satisfaction: int | None
    advancement: list[str]
    difficulties: str | None
    support_given: str | None
    version: int


class PlacementOut(Schema):
    id: int
    participant_id: int
    candidacy_id: int | None
    employer_id: int | None
    employer_name: str
    self_employed: bool
    role: str
    start_date: date
    hours_per_week: int
    monthly_wage: Decimal
    contract_type: str
    fits_ability: str
    fits_desire: str
    fits_vision: str
    advances_previous_job: str
    previous_monthly_income: Decimal | None
    below_minimum_wage: bool
    ended_on: date | None
    end_reason: str
    version: int
    follow_ups: list[FollowUpOut] = Field(..., alias="follow_ups.all")


class PlacementFields(Schema):
    role: str | None = None
    start_date: date
    hours_per_week: int | None = None
    monthly_wage: Decimal
    contract_type: str = "permanent"
    fits_ability: str = "yes"
    fits_desire: str = "yes"
    fits_vision: str = "partly"
    advances_previous_job: str = "no_previous"
    previous_monthly_income: Decimal | None = None


class HireIn(PlacementFields):
    direct_hire_reason: str = ""


class PlacementIn(PlacementFields):
    participant_id: int
    employer_id: int | None = None
    employer_name: str = ""
    self_employed: bool = False


class FollowUpIn(Schema):
    done_on: date
    employment: str
    hours_per_week: int | None = None
    monthly_wage: Decimal | None = None
    satisfaction: int | None = None
    advancement: list[str] = []
    difficulties: str = ""
    support_given: str = ""
    version: int | None = Field(None, description=VERSION_HELP)


class EndIn(Schema):
    ended_on: date
    reason: str
    version: int | None = Field(None, description=VERSION_HELP)


class IndicatorOut(Schema):
    code: str
    label: str
    numerator: float
    denominator: int
    value: float | None
    unit: str


@router.post("/hire/{int:candidacy_id}", response={201: PlacementOut})
def hire(request, candidacy_id: int, payload: HireIn):
    """Marks a candidate hired (open opening; CV sent or a reason) and records the placement and its follow-ups."""
    require_role(request, WRITER_ROLES)
    candidacy = object_or_404(Candidacy.objects.for_user(request.user).select_related("opening__employer__center"),
                              candidacy_id)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return Status(201, services.hire(actor=request.user, candidacy=candidacy, **data))


@router.post("/", response={201: PlacementOut})
def create_placement(request, payload: PlacementIn):
    """Records a placement found outside the pipeline (another employer, or self-employment)."""
    require_role(request, WRITER_ROLES)
    data = payload.dict()
    participant = participant_for(request.user, data.pop("participant_id"))
    employer_id = data.pop("employer_id")
    data["employer"] = object_or_404(Employer.objects.for_user(request.user), employer_id) if employer_id else None
    return Status(201, services.record_placement(actor=request.user, participant=participant, **data))


@router.get("/", response=list[PlacementOut])
@audited_page(Placement, "placement_list")
@paginate(Pages, page_size=50)
def list_placements(request, participant_id: int | None = None):
    """Placements of the caller's centers."""
    require_role(request, ALL_ROLES)
    placements = selectors.placements_for(request.user).prefetch_related("follow_ups")
    return placements.filter(participant_id=participant_id) if participant_id else placements


@router.get("/{int:placement_id}", response=PlacementOut)
def get_placement(request, placement_id: int):
    """One placement with its follow-ups."""
    require_role(request, ALL_ROLES)
    placement = object_or_404(selectors.placements_for(request.user).prefetch_related("follow_ups"), placement_id)
    record_read(request, placement)
    return placement


@router.post("/{int:placement_id}/end", response=PlacementOut)
def end_placement(request, placement_id: int, payload: EndIn):
    """Records that the job ended; the participant returns to active accompaniment."""
    require_role(request, WRITER_ROLES)
    placement = object_or_404(selectors.placements_for(request.user), placement_id)
    return services.end_placement(actor=request.user, placement=placement, on=payload.ended_on, reason=payload.reason,
                                  version=sent_version(request, payload.dict()))


@router.get("/follow-ups/due", response=list[FollowUpOut])
def follow_ups_due(request):
    """The caller's own participants' follow-ups, due soon or overdue."""
    require_role(request, ALL_ROLES)
    return selectors.follow_ups_due_for(request.user)


@router.post("/follow-ups/{int:follow_up_id}", response=FollowUpOut)
def record_follow_up(request, follow_up_id: int, payload: FollowUpIn):
    """Records a follow-up (not before the start, not in the future)."""
    require_role(request, WRITER_ROLES)
    follow_up = object_or_404(FollowUp.objects.for_user(request.user).select_related("placement__participant__center"),
                     follow_up_id)
    data = payload.dict()
    return services.record_follow_up(actor=request.user, follow_up=follow_up, version=sent_version(request, data),
                                     **data)


@router.get("/indicators", response=list[IndicatorOut])
def outcome_indicators(request, start: date, end: date, center: str | None = None):
    """The outcome indicators of docs/indicators.md for the caller's centers (or one of them).

    `value` is null where there is nothing to count (a zero denominator)."""
    require_role(request, ALL_ROLES)
    centers = centers_of(request.user, center)
    return [r.as_dict() for r in indicators.all_indicators(centers=centers, start=start, end=end)]


class ShareOut(Schema):
    numerator: int
    denominator: int
    value: float | None


class MatchOutcomeRowOut(Schema):
    code: str
    label: str
    placements: int
    retention_3: ShareOut
    retention_6: ShareOut


class MatchOutcomesOut(Schema):
    period: dict
    by_sub_major_group: list[MatchOutcomeRowOut]
    by_score_band: list[MatchOutcomeRowOut]


@router.get("/match-outcomes", response=MatchOutcomesOut)
def match_outcome_report(request, start: date, end: date, center: str | None = None):
    """What placed people: placements and 3/6-month retention by ISCO-08 sub-major group and by match score band
    (docs/formats.md, `match_outcome_report`). `value` is null where there is nothing to count."""
    require_role(request, ALL_ROLES)
    centers = centers_of(request.user, center)
    return match_outcomes.match_outcomes(centers=centers, start=start, end=end)
