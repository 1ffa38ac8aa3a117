from django.core.paginator import Paginator
from django.shortcuts import render

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import MANAGEMENT_ROLES

from .selectors import audit_entries_for


@role_required(MANAGEMENT_ROLES)
def audit_log(request):
    entries = audit_entries_for(request.user)
    if participant_pk := request.GET.get("participant"):
        entries = entries.filter(content_type__model="participant", object_pk=participant_pk)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page})
