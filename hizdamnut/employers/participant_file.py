"""Employers on the participant's file: the employment profile and candidacies, the candidacies' stage changes
on the timeline, and scheduled interviews on the worker's agenda. Registered in EmployersConfig.ready()."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from hizdamnut.centers.roles import ALL_ROLES
from hizdamnut.participants.timeline import Event, name_of
from hizdamnut.plans.agenda import Scheduled, short_name
from hizdamnut.plans.agenda import register_source as register_agenda

from .models import Candidacy, CandidateProfile, Stage


def candidacies_of(user, participant):
    """The participant's candidacies, latest recommended first."""
    return Candidacy.objects.filter(participant=participant).select_related("opening__employer", "recommended_by")


def section(user, participant, today, records):
    return {"profile": CandidateProfile.objects.filter(participant=participant).first(),
            "candidacies": records.of(candidacies_of)}


def events(user, participant, records):
    result = []
    for candidacy in records.of(candidacies_of):
        opening = str(candidacy.opening)
        by = name_of(candidacy.recommended_by)
        result.append(Event.on(candidacy.recommended_on, "candidacy", _("Recommended for %(opening)s") % {
            "opening": opening}, "", by))
        if candidacy.cv_sent_on:
            result.append(Event.on(candidacy.cv_sent_on, "candidacy", _("CV sent: %(opening)s") % {"opening": opening}))
        if candidacy.interview_on:
            result.append(Event.on(candidacy.interview_on, "candidacy", _("Interview: %(opening)s") % {
                "opening": opening}))
        if candidacy.decided_on and candidacy.stage in (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN):
            result.append(Event.on(candidacy.decided_on, "candidacy", _("%(stage)s: %(opening)s") % {
                "stage": candidacy.get_stage_display(), "opening": opening}, candidacy.rejection_reason))
    return result


def interviews(user, worker, today):
    """Interviews scheduled from today on for the worker's participants or candidates the worker put forward."""
    candidacies = (Candidacy.objects.for_user(user)
                   .filter(Q(participant__case_worker=worker) | Q(recommended_by=worker),
                           stage=Stage.INTERVIEW, interview_on__gte=today)
                   .select_related("participant", "opening__employer"))
    return [Scheduled(f"interview-{c.pk}@hizdamnut", c.interview_on,
                      _("Job interview at %(employer)s") % {"employer": c.opening.employer.name},
                      c.participant.full_name, short_name(c.participant),
                      reverse("participants:detail", args=[c.participant_id]))
            for c in candidacies]


def register():
    from hizdamnut.participants.file import register_section
    from hizdamnut.participants.timeline import register_source

    register_section(key="employment", order=70, template="employers/_file_section.html", context=section,
                     roles=ALL_ROLES)
    register_source("employers", events)
    register_agenda(interviews)
