"""The landing page: each role sees its own work first."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from hizdamnut.centers.scoping import user_role, visible_centers
from hizdamnut.participants.selectors import participants_for


@login_required
def home(request):
    role = user_role(request.user) or "system_admin"
    context = {
        "role": role,
        "centers": visible_centers(request.user).annotate(participant_count=Count("participants")),
        "recent_participants": participants_for(request.user).order_by("-created_at")[:8],
    }
    return render(request, "home/home.html", context)


def server_error(request):
    """The 500 page in the site's frame (Django's own handler renders it without the request, so without the
    menu); if even that fails, a bare page."""
    from django.http import HttpResponseServerError
    from django.template import loader

    try:
        return HttpResponseServerError(loader.render_to_string("500.html", request=request))
    except Exception:  # noqa: BLE001 — the error page must never fail
        return HttpResponseServerError("<h1>500</h1>", content_type="text/html")
