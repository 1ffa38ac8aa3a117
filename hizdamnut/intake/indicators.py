"""Indicators of intake and routing: participants by the response they were routed to, and the intake facts
that population filters read (a disability, a criminal record).

The breakdown follows the interface of `hizdamnut/centers/indicators.py` (a scope in, {center_id: counts} out).
"""

from django.db import connections
from django.db.models import F, OuterRef, Q, Window
from django.db.models.functions import RowNumber

from hizdamnut.centers.indicators import count_by

from .models import IntakeMeeting, RoutingDecision, RoutingTrack


def participants_by_response(scope):
    """{center_id: {response: participants}}: each participant's latest routing decision taken in the period
    (latest by date, then by record), counted in the database: the period's decisions numbered per participant,
    newest first (a window), and the first of each counted per center and response (one pass over the period's
    decisions, where an anti-join compared each with the participant's others)."""
    decisions = RoutingDecision.objects.filter(decided_on__range=(scope.date_from, scope.date_to),
                                               participant__center_id__in=scope.center_ids)
    if scope.narrows_population:
        decisions = decisions.filter(participant__in=scope.participants())
    numbered = decisions.order_by().values(
        c=F("participant__center_id"), r=F("response"),
        w=Window(RowNumber(), partition_by=[F("participant_id")], order_by=[F("decided_on").desc(), F("pk").desc()]))
    sql, params = numbered.query.get_compiler(using=numbered.db).as_sql()
    with connections[numbered.db].cursor() as cursor:
        cursor.execute(f"SELECT c, r, COUNT(*) FROM ({sql}) numbered WHERE w = 1 GROUP BY c, r", params)
        rows = cursor.fetchall()
    return count_by(rows, scope.center_ids, RoutingTrack.values)


def meetings_recording_a_disability():
    """For a participant subquery (OuterRef "pk"): an intake meeting recording a disability percentage above 0
    or the barrier "disability"."""
    return IntakeMeeting.objects.filter(participant=OuterRef("pk")).filter(
        Q(disability_percent__gt=0) | Q(barriers__icontains='"disability"'))


def meetings_recording_a_criminal_record():
    """For a participant subquery (OuterRef "pk"): an intake meeting recording the barrier "criminal_record"."""
    return IntakeMeeting.objects.filter(participant=OuterRef("pk"), barriers__icontains='"criminal_record"')
