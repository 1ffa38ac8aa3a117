"""Intake on the participant's file: the intake summary with the routing decision and its reasons, the referrals
out, the routing response in the header, and the timeline events (intake meetings, routing decisions, referrals).
Registered in IntakeConfig.ready()."""

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


def intake_meetings_of(user, participant):
    """The participant's intake meetings, latest first."""
    return IntakeMeeting.objects.filter(participant=participant).select_related("staff")


def routing_decisions_of(user, participant):
    """The participant's routing decisions, latest first."""
    return RoutingDecision.objects.filter(participant=participant).select_related("decided_by")


def referrals_of(user, participant):
    """The participant's referrals out, latest first."""
    return Referral.objects.filter(participant=participant).select_related("service", "created_by")


def intake_section(user, participant, today, records):
    meetings = records.of(intake_meetings_of)
    meeting = meetings[0] if meetings else None
    if meeting is not None:
        meeting = redact(user, meeting)
    context = {"meeting": meeting, "may_record": has_role(user, CASEWORK_ROLES) and can_write(user),
               "create_url": f"{reverse('intake:create')}?participant={participant.pk}"}
    if meeting is not None:
        decisions = [decision for decision in records.of(routing_decisions_of) if decision.intake_id == meeting.pk]
        context["decision"] = decisions[0] if decisions else None
        context.update(routing.explain(meeting))
        context["barrier_labels"] = [barrier["label"] for barrier in context["barriers"]]
    return context


def referrals_section(user, participant, today, records):
    referrals = records.of(referrals_of)
    if not referrals:
        return None
    return {"referrals": referrals}


def summary(user, participant, today, records):
    decisions = records.of(routing_decisions_of)
    if not decisions:
        return Summary()
    decision = decisions[0]
    url = reverse("intake:detail", args=[decision.intake_id]) if decision.intake_id else ""
    return Summary(facts=[Fact(10, _("Routing response"), decision.get_response_display(), url)])


def events(user, participant, records):
    if not has_role(user, READ_ROLES):
        return []
    result = []
    for meeting in records.of(intake_meetings_of):
        result.append(Event.on(meeting.held_on, "intake", _("Intake meeting"),
                               _("%(minutes)s minutes") % {"minutes": meeting.duration_minutes},
                               name_of(meeting.staff), recorded_at=meeting.created_at))
    for decision in records.of(routing_decisions_of):
        detail = "" if decision.follows_recommendation else _("The model recommended: %(response)s") % {
            "response": decision.get_recommended_response_display()}
        result.append(Event.on(decision.decided_on, "routing", _("Routing decision: %(response)s") % {
            "response": decision.get_response_display()}, detail, name_of(decision.decided_by),
            recorded_at=decision.created_at))
    for referral in records.of(referrals_of):
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
