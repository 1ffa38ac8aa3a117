from django.db.models import Prefetch

from .models import IntakeMeeting, Referral, RoutingDecision


def meeting_for(user, pk):
    """An intake meeting the user may see, or IntakeMeeting.DoesNotExist."""
    return (
        IntakeMeeting.objects.for_user(user)
        .select_related("participant__center", "participant__case_worker", "inquiry", "staff")
        .prefetch_related(Prefetch("decisions", queryset=RoutingDecision.objects.select_related("decided_by")))
        .get(pk=pk)
    )


def referrals_for(user):
    return Referral.objects.for_user(user).select_related("center", "participant", "inquiry__participant", "service")


def referral_for(user, pk):
    return referrals_for(user).get(pk=pk)
