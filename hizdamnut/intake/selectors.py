from django.db.models import Prefetch

from hizdamnut.centers.scoping import object_or_404

from .models import IntakeMeeting, Referral, RoutingDecision


def meeting_for(user, pk):
    """An intake meeting the user may see, or Http404."""
    return object_or_404(
        IntakeMeeting.objects.for_user(user)
        .select_related("participant__center", "participant__case_worker", "inquiry", "staff")
        .prefetch_related(Prefetch("decisions", queryset=RoutingDecision.objects.select_related("decided_by"))),
        pk,
    )


def referrals_for(user):
    return Referral.objects.for_user(user).select_related("center", "participant", "inquiry__participant", "service")


def referral_for(user, pk):
    return object_or_404(referrals_for(user), pk)
