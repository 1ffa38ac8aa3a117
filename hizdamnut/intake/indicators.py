"""Indicators of intake and routing: participants by the response they were routed to, and the intake facts
that population filters read (a disability, a criminal record).

The breakdown follows the interface of `hizdamnut/centers/indicators.py` (a scope in, {center_id: counts} out).
"""

from django.db.models import OuterRef, Q

from .models import IntakeMeeting, RoutingDecision, RoutingTrack


def participants_by_response(scope):
    """{center_id: {response: participants}}: each participant's latest routing decision taken in the period."""
    decisions = RoutingDecision.objects.filter(
        participant__in=scope.participants(), decided_on__range=(scope.date_from, scope.date_to)
    ).order_by("decided_on", "pk").values_list("participant_id", "participant__center_id", "response")
    latest = {pk: (center_id, response) for pk, center_id, response in decisions}
    result = {cid: {response: 0 for response in RoutingTrack.values} for cid in scope.center_ids}
    for center_id, response in latest.values():
        result[center_id][response] += 1
    return result


def meetings_recording_a_disability():
    """For a participant subquery (OuterRef "pk"): an intake meeting recording a disability percentage above 0
    or the barrier "disability"."""
    return IntakeMeeting.objects.filter(participant=OuterRef("pk")).filter(
        Q(disability_percent__gt=0) | Q(barriers__icontains='"disability"'))


def meetings_recording_a_criminal_record():
    """For a participant subquery (OuterRef "pk"): an intake meeting recording the barrier "criminal_record"."""
    return IntakeMeeting.objects.filter(participant=OuterRef("pk"), barriers__icontains='"criminal_record"')
