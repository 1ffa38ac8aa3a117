from hizdamnut.centers.scoping import object_or_404

from .models import Participant


def participants_for(user, *, search="", center=None):
    queryset = Participant.objects.for_user(user).select_related("center", "city").search(search)
    if center is not None:
        queryset = queryset.filter(center=center)
    return queryset


def participant_for(user, pk):
    """A participant the user may see, or Http404."""
    return object_or_404(Participant.objects.for_user(user).select_related("center", "city__region", "case_worker"), pk)
