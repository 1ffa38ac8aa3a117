from ninja import Router, Schema

from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.roles import ALL_ROLES

from .models import CommunityService

router = Router(tags=["directory"])


class CommunityServiceOut(Schema):
    id: int
    code: str
    name_he: str
    name_en: str
    description: str
    phone: str
    website: str
    center: str | None = None

    @staticmethod
    def resolve_center(obj):
        return obj.center.code if obj.center_id else None


@router.get("/services", response=list[CommunityServiceOut])
def list_services(request):
    """Community services the caller's centers refer people to (nationwide ones and their own)."""
    require_role(request, ALL_ROLES)
    return CommunityService.objects.for_user(request.user).filter(active=True).select_related("center")
