import datetime

from django.db.models import Q
from django.utils import timezone

from .models import FollowUp, Placement
from .rules import rules


def placements_for(user):
    return Placement.objects.for_user(user).select_related("participant__center", "employer")


def follow_ups_due_for(user, today=None):
    """Follow-ups not yet done that the user owns (or, with no owner, of the user's own participants),
    due within the next days or overdue."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=rules()["follow_up_due_soon_days"])
    mine = Q(owner=user) | Q(owner__isnull=True, placement__participant__case_worker=user)
    return (FollowUp.objects.for_user(user)
            .filter(mine, done_on__isnull=True, due_on__lte=horizon)
            .select_related("placement__participant", "placement__employer", "owner")
            .order_by("due_on", "pk"))
