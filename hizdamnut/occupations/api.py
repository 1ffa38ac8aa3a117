from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.roles import ALL_ROLES

from .models import Occupation
from .services import classify

router = Router(tags=["occupations"])


class MatchOut(Schema):
    code: str
    label: str
    score: float


class ClassificationOut(Schema):
    title: str
    code: str | None
    label: str
    score: float
    alternatives: list[MatchOut]


class OccupationOut(Schema):
    code: str
    level: str
    title_he: str
    title_en: str
    parent: str | None = None
    ancestors: list[str]

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_ancestors(obj):
        return [obj.code[:n] for n in range(1, len(obj.code))]


@router.get("/classify", response=ClassificationOut)
def classify_title(request, title: str, limit: int = 5):
    """The ISCO-08 unit group a job title names (code null when nothing is plausible), as `classify_occupation`."""
    require_role(request, ALL_ROLES)
    return classify(title, limit=max(1, min(limit, 20))).as_dict()


@router.get("/{code}", response=OccupationOut)
def occupation_detail(request, code: str):
    """One ISCO-08 group by its code (1 to 4 digits), with its parent and the codes above it."""
    require_role(request, ALL_ROLES)
    return get_object_or_404(Occupation.objects.select_related("parent"), code=code)
