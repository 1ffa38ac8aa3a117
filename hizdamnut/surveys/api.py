from datetime import date

from ninja import Field, Router, Schema, Status

from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.scoping import object_or_404, visible_centers

from . import selectors, services
from .indicators import survey_report
from .models import Questionnaire
from .views import PAPER_ROLES, SURVEY_ROLES

router = Router(tags=["surveys"])


class ItemOut(Schema):
    code: str
    text_he: str
    text_en: str
    domain: str
    reverse: bool


class QuestionnaireOut(Schema):
    code: str
    title_he: str
    title_en: str
    is_active: bool
    response_count: int = Field(..., description="responses from the caller's centers")
    items: list[ItemOut]


class PaperResponseIn(Schema):
    center: str = Field(..., description="center code")
    answered_on: date
    answers: dict[str, int | None] = Field(..., description="item code → 1–4, or null for no answer")


class ResponseOut(Schema):
    id: int
    center: str = Field(..., alias="center.code")
    answered_on: date
    source: str


def _questionnaire(code):
    return object_or_404(Questionnaire.objects.prefetch_related("items"), code=code)


@router.get("/questionnaires", response=list[QuestionnaireOut])
def list_questionnaires(request):
    """Questionnaires with their items (4 = yes … 1 = no; `reverse` items are phrased negatively)."""
    require_role(request, SURVEY_ROLES)
    return selectors.questionnaires_for(request.user).prefetch_related("items")


@router.get("/questionnaires/{code}/report", response=dict)
def questionnaire_report(request, code: str, center: str | None = None, date_from: date | None = None,
                         date_to: date | None = None, compare_from: date | None = None,
                         compare_to: date | None = None):
    """The survey report of docs/formats.md (`survey_report`) for the caller's centers, or one of them."""
    require_role(request, SURVEY_ROLES)
    questionnaire = _questionnaire(code)
    center_row = None
    if center:
        center_row = object_or_404(visible_centers(request.user), code=center.upper())
    return survey_report(
        questionnaire, centers=selectors.report_centers(request.user, center_row), date_from=date_from,
        date_to=date_to, compare_from=compare_from, compare_to=compare_to,
        always_centers=[center_row.code] if center_row else (),
    )


@router.post("/questionnaires/{code}/responses", response={201: ResponseOut})
def enter_paper_response(request, code: str, payload: PaperResponseIn):
    """Types in one paper questionnaire filled at one of the caller's centers."""
    require_role(request, PAPER_ROLES)
    questionnaire = _questionnaire(code)
    center = object_or_404(visible_centers(request.user), code=payload.center.upper())
    response = services.enter_paper_response(
        actor=request.user, questionnaire=questionnaire, center=center, answered_on=payload.answered_on,
        answers=payload.answers,
    )
    return Status(201, response)
