from django.core.paginator import Paginator
from django.shortcuts import render

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import MANAGEMENT_ROLES

from .forms import AuditFilterForm
from .selectors import audit_entries_for


@role_required(MANAGEMENT_ROLES)
def audit_log(request):
    query = AuditFilterForm(request.GET).cleaned_or_404()
    entries = audit_entries_for(request.user)
    if query["participant"]:
        entries = entries.filter(content_type__model="participant", object_pk=str(query["participant"]))
    page = Paginator(entries, 50).get_page(query["page"])
    return render(request, "audit/log.html", {"page": page})
