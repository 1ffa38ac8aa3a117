from datetime import date

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hizdamnut.audit.services import record_read
from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.centers.selectors import known_center, known_city
from hizdamnut.pagination import Pages
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import VERSION_HELP, sent_version

from . import matching, selectors, services
from .forms import candidate_filter_form, opening_filter_form
from .models import Candidacy, CandidateProfile, Employer, JobOpening

router = Router(tags=["employers"])


class EmployerOut(Schema):
    id: int
    version: int
    center: str = Field(..., alias="center.code")
    name: str
    sector: str
    size: str
    relationship: str
    website: str
    notes: str


class EmployerIn(Schema):
    center: str
    name: str
    sector: str
    size: str = "small"
    relationship: str = "local"
    website: str = ""
    notes: str = ""


class LocationIO(Schema):
    city: str
    address: str = ""


class ContactIO(Schema):
    name: str
    job_title: str = ""
    phone: str = ""
    email: str = ""


class AgreementIO(Schema):
    title: str
    signed_on: date
    ends_on: date | None = None
    terms: str = ""


class InteractionIO(Schema):
    occurred_on: date
    kind: str
    summary: str


class EmployerDetailOut(EmployerOut):
    locations: list[LocationIO]
    contacts: list[ContactIO]
    agreements: list[AgreementIO]
    interactions: list[InteractionIO]

    @staticmethod
    def resolve_locations(obj):
        return [{"city": location.city.name_he, "address": location.address} for location in obj.locations.all()]

    @staticmethod
    def resolve_contacts(obj):
        return list(obj.contacts.all())

    @staticmethod
    def resolve_agreements(obj):
        return list(obj.agreements.all())

    @staticmethod
    def resolve_interactions(obj):
        return list(obj.interactions.all())


class OpeningOut(Schema):
    id: int
    version: int
    employer_id: int
    employer: str = Field(..., alias="employer.name")
    title: str
    occupation: str
    occupation_code: str | None = Field(None, description="ISCO-08 unit group (4 digits), null if not classified")
    positions: int
    hours_per_week: int
    shift: str
    hourly_wage: float | None
    city: str = Field(..., alias="city.name_he")
    address: str
    education_required: int
    languages_required: list[str]
    experience_years_required: int
    licences_required: list[str]
    skills_required: list[str]
    flexible_thresholds: list[str]
    vehicle_required: bool
    accessible: bool
    status: str
    opened_on: date
    closes_on: date | None

    @staticmethod
    def resolve_occupation_code(obj):
        return obj.occupation_unit.code if obj.occupation_unit_id else None


class OpeningIn(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    employer_id: int
    title: str
    occupation: str
    occupation_code: str | None = Field(None, description="ISCO-08 unit group; omitted: the words are classified")
    positions: int = 1
    hours_per_week: int
    shift: str = "day"
    hourly_wage: float | None = None
    city: str
    address: str = ""
    education_required: int = 0
    languages_required: list[str] = []
    experience_years_required: int = 0
    licences_required: list[str] = []
    skills_required: list[str] = []
    flexible_thresholds: list[str] = []
    vehicle_required: bool = False
    accessible: bool = False
    status: str = "open"
    opened_on: date | None = None
    closes_on: date | None = None


class PartOut(Schema):
    code: str
    label: str
    points: int
    reason: str


class MatchOut(Schema):
    participant_id: int
    opening_id: int
    score: int
    weights_version: str
    main_reasons: list[str] = Field([], description="codes of the three parts that weigh most")
    parts: list[PartOut]


def _opening_fields(request, data):
    data["employer"] = object_or_404(Employer.objects.for_user(request.user), data.pop("employer_id"))
    data["city"] = known_city(data["city"])
    code = data.pop("occupation_code", None)
    if code:
        data["occupation_unit"] = services.occupation_unit(code)
    return data


def _profile_fields(data):
    code = data.pop("desired_occupation_code", None)
    if code:
        data["desired_occupation_unit"] = services.occupation_unit(code, field="desired_occupation_code")
    return data


def _paged(request, response, ranked, form, limit):
    """One page of a ranked list; the totals go in the X-Total-Count and X-Page-Count headers."""
    size = min(int(request.GET.get("page_size") or limit or matching.load_weights()["ranking"]["page_size"]), 200)
    page = Paginator(ranked, max(size, 1)).get_page(form.page_number())
    response["X-Total-Count"] = page.paginator.count
    response["X-Page-Count"] = page.paginator.num_pages
    return [_match_out(m) for m in page.object_list]


def _valid(form):
    if not form.is_valid() and form.is_bound:
        raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    return form


class ProfileIn(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    ready_for_work: bool = False
    desired_occupations: list[str] = []
    skills: list[str] = []
    education_level: int = 3
    experience_years: int = 0
    licences: list[str] = []
    preferred_hours_per_week: int | None = None
    available_shifts: list[str] = []
    childcare_constraint: bool = False
    max_commute_km: int = 25
    has_vehicle: bool = False
    expected_hourly_wage: float | None = None
    desired_occupation_code: str | None = Field(
        None, description="ISCO-08 unit group of the main desired occupation; omitted: the words are classified")


class ProfileOut(ProfileIn):
    participant_id: int
    version: int

    @staticmethod
    def resolve_desired_occupation_code(obj):
        return obj.desired_occupation_unit.code if obj.desired_occupation_unit_id else None


class CandidacyOut(Schema):
    id: int
    opening_id: int
    participant_id: int
    stage: str
    score: int
    priority: bool
    recommended_on: date
    cv_sent_on: date | None
    interview_on: date | None
    decided_on: date | None
    rejection_reason: str
    direct_hire_reason: str
    version: int


class RecommendIn(Schema):
    participant_id: int
    priority: bool = False


class MoveIn(Schema):
    stage: str
    on: date | None = None
    priority: bool | None = None
    reason: str = ""
    version: int | None = Field(None, description=VERSION_HELP)


def _match_out(match):
    return {"participant_id": match.participant.pk, "opening_id": match.opening.pk, "score": match.score,
            "weights_version": match.weights_version, "main_reasons": [p.code for p in match.main_reasons],
            "parts": [{"code": p.code, "label": str(p.label), "points": p.points, "reason": p.reason}
                      for p in match.parts]}


@router.get("/", response=list[EmployerOut])
@paginate(Pages, page_size=50)
def list_employers(request):
    """Employers of the caller's centers."""
    require_role(request, ALL_ROLES)
    return selectors.employers_for(request.user)


@router.post("/", response={201: EmployerOut})
def create_employer(request, payload: EmployerIn):
    """Adds an employer at one of the caller's centers."""
    require_role(request, WRITER_ROLES)
    data = payload.dict()
    center = known_center(request.user, data.pop("center"))
    return Status(201, services.save_employer(actor=request.user, center=center, **data))


@router.get("/{int:employer_id}", response=EmployerDetailOut)
def get_employer(request, employer_id: int):
    """One employer with its locations, contacts, agreements and interaction log."""
    require_role(request, ALL_ROLES)
    return object_or_404(Employer.objects.for_user(request.user).select_related("center").prefetch_related(
        "locations__city", "contacts", "agreements", "interactions"), employer_id)


def _writable_employer(request, employer_id):
    require_role(request, WRITER_ROLES)
    return object_or_404(Employer.objects.for_user(request.user).select_related("center"), employer_id)


@router.post("/{int:employer_id}/locations", response={201: LocationIO})
def add_location(request, employer_id: int, payload: LocationIO):
    """Adds a location (city and address) of an employer."""
    employer = _writable_employer(request, employer_id)
    location = services.add_location(actor=request.user, employer=employer, city=known_city(payload.city),
                                     address=payload.address)
    return Status(201, {"city": location.city.name_he, "address": location.address})


@router.post("/{int:employer_id}/contacts", response={201: ContactIO})
def add_contact(request, employer_id: int, payload: ContactIO):
    """Adds a contact person at an employer."""
    employer = _writable_employer(request, employer_id)
    return Status(201, services.add_contact(actor=request.user, employer=employer, **payload.dict()))


@router.post("/{int:employer_id}/agreements", response={201: AgreementIO})
def add_agreement(request, employer_id: int, payload: AgreementIO):
    """Records an agreement with an employer."""
    employer = _writable_employer(request, employer_id)
    return Status(201, services.add_agreement(actor=request.user, employer=employer, **payload.dict()))


@router.post("/{int:employer_id}/interactions", response={201: InteractionIO})
def log_interaction(request, employer_id: int, payload: InteractionIO):
    """Adds an entry to the employer's interaction log (not dated in the future)."""
    employer = _writable_employer(request, employer_id)
    return Status(201, services.log_interaction(actor=request.user, employer=employer, **payload.dict()))


@router.get("/{int:employer_id}/candidates", response=list[CandidacyOut])
def employer_board(request, employer_id: int):
    """The candidate board of an employer: every candidacy for its openings."""
    require_role(request, ALL_ROLES)
    employer = object_or_404(Employer.objects.for_user(request.user), employer_id)
    return selectors.candidacies_for(request.user).filter(opening__employer=employer)


@router.get("/openings", response=list[OpeningOut])
@paginate(Pages, page_size=50)
def list_openings(request, status: str | None = None):
    """Job openings of the caller's centers, optionally by status."""
    require_role(request, ALL_ROLES)
    openings = selectors.openings_for(request.user)
    return openings.filter(status=status) if status else openings


@router.post("/openings", response={201: OpeningOut})
def create_opening(request, payload: OpeningIn):
    """Adds a job opening of an employer the caller may see."""
    require_role(request, WRITER_ROLES)
    data = payload.dict()
    data.pop("version", None)
    return Status(201, services.save_opening(actor=request.user, **_opening_fields(request, data)))


@router.get("/openings/{int:opening_id}", response=OpeningOut)
def get_opening(request, opening_id: int):
    """One job opening."""
    require_role(request, ALL_ROLES)
    return object_or_404(selectors.openings_for(request.user), opening_id)


@router.put("/openings/{int:opening_id}", response=OpeningOut)
def update_opening(request, opening_id: int, payload: OpeningIn):
    """Replaces a job opening's fields (e.g. to close it, or to record thresholds the employer agreed to flex)."""
    require_role(request, WRITER_ROLES)
    opening = object_or_404(JobOpening.objects.for_user(request.user), opening_id)
    data = payload.dict()
    return services.save_opening(actor=request.user, opening=opening, version=sent_version(request, data),
                                 **_opening_fields(request, data))


@router.get("/openings/{int:opening_id}/matches", response=list[MatchOut])
def opening_matches(request, response: HttpResponse, opening_id: int, limit: int = 30, page: int = 1,
                    page_size: int | None = None, center: int | None = None, status: str | None = None,
                    max_km: int | None = None, must: str | None = None):
    """Participants ready for work ranked for this opening, one page at a time; each score is the sum of the named
    parts. Filters as on the opening page: `center` (id), `status` (journey status, default active), `max_km`,
    `must` (part codes that must not count against; repeat the parameter). Totals in X-Total-Count/X-Page-Count."""
    require_role(request, ALL_ROLES)
    opening = object_or_404(selectors.openings_for(request.user), opening_id)
    form = _valid(candidate_filter_form(request.GET or None, user=request.user))
    ranked = matching.candidates_for(opening, **form.filters())
    return _paged(request, response, ranked, form, limit)


@router.get("/openings/{int:opening_id}/candidates", response=list[CandidacyOut])
def opening_board(request, opening_id: int):
    """The candidate board of one opening."""
    require_role(request, ALL_ROLES)
    opening = object_or_404(JobOpening.objects.for_user(request.user), opening_id)
    return selectors.candidacies_for(request.user).filter(opening=opening)


@router.post("/openings/{int:opening_id}/candidates", response={201: CandidacyOut})
def recommend(request, opening_id: int, payload: RecommendIn):
    """Recommends a participant for an opening."""
    require_role(request, WRITER_ROLES)
    opening = object_or_404(JobOpening.objects.for_user(request.user).select_related("employer__center"), opening_id)
    participant = object_or_404(Participant.objects.for_user(request.user), payload.participant_id)
    return Status(201, services.recommend(actor=request.user, opening=opening, participant=participant,
                                   priority=payload.priority))


@router.post("/candidates/{int:candidacy_id}/move", response=CandidacyOut)
def move(request, candidacy_id: int, payload: MoveIn):
    """Moves a candidate to CV sent, interview, rejected (with reason) or withdrawn.

    Hires go through POST /api/v1/placements/hire/{candidacy_id}, which records the placement too."""
    require_role(request, WRITER_ROLES)
    candidacy = object_or_404(Candidacy.objects.for_user(request.user).select_related("opening__employer__center"),
                              candidacy_id)
    data = payload.dict()
    return services.move_candidacy(actor=request.user, candidacy=candidacy, version=sent_version(request, data), **data)


@router.get("/participants/{int:participant_id}/profile", response=ProfileOut)
def get_profile(request, participant_id: int):
    """A participant's work profile for matching."""
    require_role(request, ALL_ROLES)
    participant = object_or_404(Participant.objects.for_user(request.user), participant_id)
    profile = object_or_404(CandidateProfile.objects.all(), participant=participant)
    record_read(request, profile)
    return profile


@router.put("/participants/{int:participant_id}/profile", response=ProfileOut)
def put_profile(request, participant_id: int, payload: ProfileIn):
    """Creates or replaces a participant's work profile."""
    require_role(request, WRITER_ROLES)
    participant = object_or_404(Participant.objects.for_user(request.user), participant_id)
    data = payload.dict()
    return services.save_candidate_profile(actor=request.user, participant=participant,
                                           version=sent_version(request, data), **_profile_fields(data))


@router.get("/participants/{int:participant_id}/matches", response=list[MatchOut])
def participant_matches(request, response: HttpResponse, participant_id: int, limit: int = 30, page: int = 1,
                        page_size: int | None = None, center: int | None = None, status: str | None = None,
                        max_km: int | None = None, must: str | None = None):
    """Positions ranked for a participant (open ones unless `status` says), one page at a time, with the named
    parts of each score; filters and totals as for an opening's matches."""
    require_role(request, ALL_ROLES)
    participant = object_or_404(Participant.objects.for_user(request.user).select_related("city"), participant_id)
    profile = object_or_404(CandidateProfile.objects.select_related("desired_occupation_unit"), participant=participant)
    profile.participant = participant
    form = _valid(opening_filter_form(request.GET or None, user=request.user))
    ranked = matching.openings_for(profile, **form.filters())
    return _paged(request, response, ranked, form, limit)
