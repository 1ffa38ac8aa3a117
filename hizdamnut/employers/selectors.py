from django.db.models import Count, Q

from .models import OPEN_STAGES, Candidacy, CandidateProfile, Employer, JobOpening


def employers_for(user):
    return (Employer.objects.for_user(user).select_related("center")
            .annotate(open_openings=Count("openings", filter=Q(openings__status=JobOpening.Status.OPEN),
                                          distinct=True)))


def openings_for(user):
    return (JobOpening.objects.for_user(user).select_related("employer__center", "city", "occupation_unit")
            .annotate(in_progress=Count("candidacies", filter=Q(candidacies__stage__in=OPEN_STAGES))))


def candidacies_for(user):
    return Candidacy.objects.for_user(user).select_related("participant", "opening__employer")


def board(candidacies):
    """Candidacies grouped by stage, in pipeline order (for the boards per opening and per employer)."""
    from .models import Stage

    columns = {stage: [] for stage in Stage}
    for candidacy in candidacies:
        columns[Stage(candidacy.stage)].append(candidacy)
    return [{"stage": stage, "items": items} for stage, items in columns.items()]


def unclassified_openings(user):
    """Openings with occupation words but no ISCO-08 unit group: the classifier was not sure; a worker confirms."""
    return (JobOpening.objects.for_user(user).filter(occupation_unit__isnull=True).exclude(occupation="")
            .exclude(status__in=[JobOpening.Status.FILLED, JobOpening.Status.CLOSED])
            .select_related("employer").order_by("-opened_on", "-pk"))


def unclassified_profiles(user):
    """Work profiles naming desired occupations that no unit group was recognised in, ready-for-work ones first."""
    return (CandidateProfile.objects.for_user(user).filter(desired_occupation_unit__isnull=True)
            .exclude(desired_occupations=[]).select_related("participant").order_by("-ready_for_work", "-updated_at"))
