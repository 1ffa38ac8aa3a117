"""The log review the regulations ask of managers: unusual volume, reads outside one's caseload, off-hours reads."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from auditlog.models import LogEntry
from django.conf import settings

from hizdamnut.centers.roles import Role

ISRAEL = ZoneInfo("Asia/Jerusalem")
# Roles that hold a caseload: a read of someone else's participant is worth a look.
CASELOAD_ROLES = frozenset({Role.SOCIAL_WORKER, Role.COACH})
_caseloads = []  # (participant model, its responsible-worker field), registered by the participants app


def register_caseload(model, worker_field):
    """A later app names the model whose rows are a worker's caseload and the field holding the worker."""
    _caseloads.append((model, worker_field))


@dataclass
class Review:
    center: object
    date_from: object
    date_to: object
    volume: list = field(default_factory=list)  # (actor name, day, reads, median)
    outside_caseload: list = field(default_factory=list)  # (actor name, participant id, when)
    off_hours: list = field(default_factory=list)  # (actor name, when, what)

    @property
    def is_clean(self):
        return not (self.volume or self.outside_caseload or self.off_hours)


def _name(entry):
    link = getattr(entry, "link", None)
    return (link.actor_name or link.actor_username) if link else str(entry.actor or "")


def review_reads(*, center, date_from, date_to):
    """Read entries of `center` between the two dates (inclusive, Israel time) and what stands out in them."""
    factor = getattr(settings, "AUDIT_REVIEW_VOLUME_FACTOR", 3)
    start_hour, end_hour = getattr(settings, "AUDIT_WORKING_HOURS", (7, 20))
    reads = list(
        LogEntry.objects.filter(
            action=LogEntry.Action.ACCESS, additional_data__center=center.pk,
            timestamp__date__gte=date_from, timestamp__date__lte=date_to,
        ).select_related("link", "actor__staff", "content_type").order_by("timestamp")
    )
    review = Review(center=center, date_from=date_from, date_to=date_to)
    daily = defaultdict(lambda: defaultdict(int))
    for entry in reads:
        local = entry.timestamp.astimezone(ISRAEL)
        daily[_name(entry)][local.date()] += len((entry.additional_data or {}).get("read", {}).get("ids", [])) or 1
        if local.weekday() == 5 or not start_hour <= local.hour < end_hour:
            review.off_hours.append((_name(entry), local, entry.object_repr))
    for name, days in daily.items():
        median = statistics.median(days.values())
        review.volume += [(name, day, count, median) for day, count in sorted(days.items()) if count > factor * median]
    review.outside_caseload = _outside_caseload(reads)
    return review


def _outside_caseload(reads):
    by_participant = defaultdict(list)
    for entry in reads:
        role = getattr(getattr(entry.actor, "staff", None), "role", None)
        if role not in CASELOAD_ROLES:
            continue
        data = entry.additional_data or {}
        if entry.content_type.model == "participant" and entry.object_pk:
            ids = [int(entry.object_pk)]
        else:
            ids = [data["participant"]] if data.get("participant") else []
        for pk in ids:
            by_participant[pk].append(entry)
    found = []
    for model, worker_field in _caseloads:
        workers = dict(model.objects.filter(pk__in=by_participant).values_list("pk", f"{worker_field}_id"))
        for pk, entries in by_participant.items():
            found += [(_name(e), pk, e.timestamp.astimezone(ISRAEL)) for e in entries
                      if pk in workers and workers[pk] != e.actor_id]
    return sorted(found, key=lambda row: row[2])
