from django.shortcuts import render

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES

from .services import suggest
from .widgets import suggestion_field_name

MIN_QUERY_LENGTH = 2


@role_required(ALL_ROLES)
def suggestions(request):
    """The best unit groups for what a worker is typing (an htmx fragment of radio buttons for the code)."""
    field = suggestion_field_name(request.GET.get("field", ""))
    query = (request.GET.get("q") or request.GET.get(f"{field}_0") or "").strip()
    matches = suggest(query) if len(query) >= MIN_QUERY_LENGTH else []
    return render(
        request,
        "occupations/_suggestions.html",
        {"matches": matches, "query": query, "code_name": f"{field}_1", "selected": request.GET.get("selected", "")},
    )
