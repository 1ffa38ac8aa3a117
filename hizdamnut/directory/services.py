"""The community-services directory: a center's own entries beside the services every center refers to."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import can_write
from hizdamnut.centers.scoping import visible_center_ids

from .models import CommunityService


@transaction.atomic
def add_local_service(*, actor, center, code, name_he, description="", phone="", name_en="", website=""):
    """Adds a service to one center's own directory; only that center's staff may, and a code is used once."""
    if not can_write(actor):
        raise ValidationError(_("Your role may read but not change data."))
    if center is None or center.pk not in visible_center_ids(actor):
        raise ValidationError({"center": _("You do not work at this center.")})
    service = CommunityService(code=code, name_he=(name_he or "").strip(), name_en=(name_en or "").strip(),
                               description=description, phone=phone, website=website, center=center)
    service.full_clean()
    service.save()
    return service
