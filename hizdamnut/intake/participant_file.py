"""Intake on the participant's file: the intake summary with the routing decision and its reasons, the referrals
out, the routing response in the header, and the timeline events (intake meetings, routing decisions, referrals).
Registered in IntakeConfig.ready()."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import can_write, has_role
from hizdamnut.centers.privacy import redact
from hizdamnut.centers.roles import CASEWORK_ROLES, NATIONWIDE_ROLES
from hizdamnut.participants.file import Fact, Summary
from hizdamnut.participants.timeline import Event, name_of

from . import routing
from .models import IntakeMeeting, Referral, RoutingDecision

READ_ROLES = CASEWORK_ROLES | NATIONWIDE_ROLES


def latest_intake(participant):
    """The participant's latest intake meeting with its decisions, or None (one query)."""
    return (IntakeMeeting.objects.filter(participant=participant).select_related("staff")
            .prefetch_related(Prefetch("decisions", queryset=RoutingDecision.objects.select_related("decided_by")))
            .order_by("-held_on", "-pk").first())


def intake_section(user, participant, today):
    meeting = latest_intake(participant)
    if meeting is not None:
        meeting = redact(user, meeting)
    context = {"meeting": meeting, "may_record": has_role(user, CASEWORK_ROLES) and can_write(user),
               "create_url": f"{reverse('intake:create')}?participant={participant.pk}"}
    if meeting is not None:
        decisions = list(meeting.decisions.all())
        context["decision"] = decisions[0] if decisions else None
        context.update(routing.explain(meeting))
        context["barrier_labels"] = [barrier["label"] for barrier in context["barriers"]]
    return context


def referrals_section(user, participant, today):
    referrals = list(Referral.objects.filter(participant=participant).select_related("service"))
    if not referrals:
        return None
    return {"referrals": referrals}


def summary(user, participant, today):
    decision = (RoutingDecision.objects.filter(participant=participant).order_by("-decided_on", "-pk")
                .only("pk", "response", "intake_id").first())
    if decision is None:
        return Summary()
    url = reverse("intake:detail", args=[decision.intake_id]) if decision.intake_id else ""
    return Summary(facts=[Fact(10, _("Routing response"), decision.get_response_display(), url)])


def events(user, participant):
    if not has_role(user, READ_ROLES):
        return []
    result = []
    for meeting in IntakeMeeting.objects.filter(participant=participant).select_related("staff"):
        result.append(Event.on(meeting.held_on, "intake", _("Intake meeting"),
                               _("%(minutes)s minutes") % {"minutes": meeting.duration_minutes},
                               name_of(meeting.staff), recorded_at=meeting.created_at))
    for decision in RoutingDecision.objects.filter(participant=participant).select_related("decided_by"):
        detail = "" if decision.follows_recommendation else _("The model recommended: %(response)s") % {
            "response": decision.get_recommended_response_display()}
        result.append(Event.on(decision.decided_on, "routing", _("Routing decision: %(response)s") % {
            "response": decision.get_response_display()}, detail, name_of(decision.decided_by),
            recorded_at=decision.created_at))
    for referral in Referral.objects.filter(participant=participant).select_related("service", "created_by"):
        result.append(Event.on(referral.sent_on, "referral", _("Referral out: %(service)s") % {
            "service": referral.service}, referral.note, name_of(referral.created_by),
            recorded_at=referral.created_at))
        if referral.status_changed_on and referral.status != "sent":
            result.append(Event.on(referral.status_changed_on, "referral", _("Referral out: %(status)s") % {
                "status": referral.get_status_display()}))
    return result


def register():
    from hizdamnut.participants.file import register_section, register_summary
    from hizdamnut.participants.timeline import register_source

    register_section(key="intake", order=20, template="intake/_file_section.html", context=intake_section,
                     roles=READ_ROLES)
    register_section(key="referrals", order=90, template="intake/_file_referrals.html", context=referrals_section,
                     roles=READ_ROLES)
    register_summary(key="routing", summary=summary, roles=READ_ROLES)
    register_source("intake", events)
