"""Indicators of intake and routing: participants by the response they were routed to, and the intake facts
that population filters read (a disability, a criminal record).

The breakdown follows the interface of `hizdamnut/centers/indicators.py` (a scope in, {center_id: counts} out).
"""

from django.db.models import Count, Exists, OuterRef, Q

from hizdamnut.centers.indicators import count_by

from .models import IntakeMeeting, RoutingDecision, RoutingTrack


def participants_by_response(scope):
    """{center_id: {response: participants}}: each participant's latest routing decision taken in the period
    (latest by date, then by record), counted in the database."""
    in_period = RoutingDecision.objects.filter(decided_on__range=(scope.date_from, scope.date_to))
    later = in_period.filter(participant=OuterRef("participant_id")).filter(
        Q(decided_on__gt=OuterRef("decided_on")) | Q(decided_on=OuterRef("decided_on"), pk__gt=OuterRef("pk")))
    rows = (in_period.filter(participant__in=scope.participants()).filter(~Exists(later))
            .values_list("participant__center_id", "response").annotate(n=Count("pk")).order_by())
    return count_by(rows, scope.center_ids, RoutingTrack.values)


def meetings_recording_a_disability():
    """For a participant subquery (OuterRef "pk"): an intake meeting recording a disability percentage above 0
    or the barrier "disability"."""
    return IntakeMeeting.objects.filter(participant=OuterRef("pk")).filter(
        Q(disability_percent__gt=0) | Q(barriers__icontains='"disability"'))


def meetings_recording_a_criminal_record():
    """For a participant subquery (OuterRef "pk"): an intake meeting recording the barrier "criminal_record"."""
    return IntakeMeeting.objects.filter(participant=OuterRef("pk"), barriers__icontains='"criminal_record"')
