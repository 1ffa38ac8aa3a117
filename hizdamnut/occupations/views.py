from django.shortcuts import render

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES

from .services import classify
from .widgets import suggestion_field_name

MIN_QUERY_LENGTH = 2


@role_required(ALL_ROLES)
def suggestions(request):
    """The best unit groups for what a worker is typing (an htmx fragment of radio buttons for the code).

    The recognised code comes checked; when nothing is plausible, "not classified yet" is.
    """
    field = suggestion_field_name(request.GET.get("field", ""))
    query = (request.GET.get("q") or request.GET.get(f"{field}_0") or "").strip()
    result = classify(query) if len(query) >= MIN_QUERY_LENGTH else None
    matches = []
    if result:
        matches = ([{"code": result.code, "label": result.label, "score": result.score}] if result.code else []) + [
            {"code": m.code, "label": m.label, "score": m.score} for m in result.alternatives
        ]
    return render(
        request,
        "occupations/_suggestions.html",
        {"matches": matches, "query": query, "code_name": f"{field}_1", "selected": result.code if result else ""},
    )
