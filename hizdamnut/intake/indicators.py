"""Indicators of intake and routing: participants by the response they were routed to, and the intake facts
that population filters read (a disability, a criminal record).

The breakdown follows the interface of `hizdamnut/centers/indicators.py` (a scope in, {center_id: counts} out).
"""

from django.db import connections
from django.db.models import Count, DateField, F, Window
from django.db.models.functions import RowNumber, TruncMonth

from hizdamnut.centers.indicators import count_by, register_monthly
from hizdamnut.centers.summaries import by_next_month, last_of_period, neighbour

from .models import RECORDS_A_CRIMINAL_RECORD, RECORDS_A_DISABILITY, IntakeMeeting, RoutingDecision, RoutingTrack


def participants_by_response(scope):
    """{center_id: {response: participants}}: each participant's latest routing decision taken in the period
    (latest by date, then by record).

    Read from the summary tables where the scope reads them: a decision is its participant's latest of the period
    unless their next decision (by date, then record) was taken by the period's end too, so

        latest of the period, by response = decisions of the period − those replaced by the next one by its end

    The decisions of a month are kept per response and per the month of their next decision (figure
    "responses", read by `summaries.last_of_period`); the pairs whose next decision falls in the period's last
    month, when the period ends inside it, are counted from that month's decisions. Otherwise counted from the
    rows (`latest_decisions_by_response`)."""
    if not scope.reads_summaries:
        return latest_decisions_by_response(scope)
    counts = last_of_period(scope, "responses", scope.date_from, scope.date_to,
                            lambda **days: _replaced_in(scope, **days))
    return count_by([(cid, r, n) for cid, by_response in counts.items() for r, n in by_response.items()],
                    scope.center_ids, RoutingTrack.values)


def _decisions_by_replacement(scope, start, end):
    """The summary tables' figure "responses": {center_id: {response: decisions taken in [start, end],
    "<response> <YYYY-MM>": those of them whose participant's next decision was taken in that month}} (a lookup
    of the next decision per decision of the days counted)."""
    next_on = neighbour(RoutingDecision.objects.all(), "participant_id", "decided_on", "decided_on")
    return by_next_month(
        scope.narrowed(RoutingDecision.objects.all())
        .filter(decided_on__range=(start, end), participant__center_id__in=scope.center_ids)
        .annotate(replaced_in=TruncMonth(next_on, output_field=DateField()))
        .values_list("participant__center_id", "response", "replaced_in").annotate(n=Count("pk")).order_by())


register_monthly("responses", _decisions_by_replacement)


def _replaced_in(scope, *, since, start, end):
    """(center_id, response, n): the decisions taken on or after `since` whose participant's next decision was
    taken in [start, end], by their response: read from the decisions of [start, end], each with the one before."""
    def before(field):
        return neighbour(RoutingDecision.objects.all(), "participant_id", "decided_on", field, before=True)

    return list(scope.narrowed(RoutingDecision.objects.all())
                .filter(decided_on__range=(start, end), participant__center_id__in=scope.center_ids)
                .annotate(before_on=before("decided_on"), before_response=before("response"))
                .filter(before_on__gte=since)
                .values_list("participant__center_id", "before_response").annotate(n=Count("pk")).order_by())


def latest_decisions_by_response(scope):
    """participants_by_response counted from the rows: the period's decisions numbered per participant, newest
    first (a window), and the first of each counted per center and response (one pass over the period's
    decisions, where an anti-join compared each with the participant's others)."""
    decisions = scope.narrowed(RoutingDecision.objects.filter(decided_on__range=(scope.date_from, scope.date_to),
                                                              participant__center_id__in=scope.center_ids))
    numbered = decisions.order_by().values(
        c=F("participant__center_id"), r=F("response"),
        w=Window(RowNumber(), partition_by=[F("participant_id")], order_by=[F("decided_on").desc(), F("pk").desc()]))
    sql, params = numbered.query.get_compiler(using=numbered.db).as_sql()
    with connections[numbered.db].cursor() as cursor:
        cursor.execute(f"SELECT c, r, COUNT(*) FROM ({sql}) numbered WHERE w = 1 GROUP BY c, r", params)
        rows = cursor.fetchall()
    return count_by(rows, scope.center_ids, RoutingTrack.values)


def meetings_recording_a_disability():
    """The intake meetings recording a disability percentage above 0 or the barrier "disability" (a partial
    index holds them)."""
    return IntakeMeeting.objects.filter(RECORDS_A_DISABILITY)


def meetings_recording_a_criminal_record():
    """The intake meetings recording the barrier "criminal_record" (a partial index holds them)."""
    return IntakeMeeting.objects.filter(RECORDS_A_CRIMINAL_RECORD)
