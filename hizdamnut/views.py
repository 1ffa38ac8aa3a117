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
