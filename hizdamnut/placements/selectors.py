import datetime

from django.utils import timezone

from .models import FollowUp, Placement
from .rules import rules


def placements_for(user):
    return Placement.objects.for_user(user).select_related("participant__center", "employer")


def follow_ups_due_for(user, today=None):
    """Follow-ups not yet done of the user's own participants, due within the next days or overdue."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=rules()["follow_up_due_soon_days"])
    return (FollowUp.objects.for_user(user)
            .filter(placement__participant__case_worker=user, done_on__isnull=True, due_on__lte=horizon)
            .select_related("placement__participant", "placement__employer")
            .order_by("due_on", "pk"))
