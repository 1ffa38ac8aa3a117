"""The community-services directory: a center's own entries beside the services every center refers to."""

from django.db import transaction

from hizdamnut.centers.permissions import require_writer

from .models import CommunityService


@transaction.atomic
def add_local_service(*, actor, center, code, name_he, description="", phone="", name_en="", website=""):
    """Adds a service to one center's own directory; only that center's staff may, and a code is used once."""
    require_writer(actor, center)
    service = CommunityService(code=code, name_he=(name_he or "").strip(), name_en=(name_en or "").strip(),
                               description=description, phone=phone, website=website, center=center)
    service.full_clean()
    service.save()
    return service
