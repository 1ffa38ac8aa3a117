"""Read-side queries for inquiries: the queue and one inquiry (the report is in indicators.py)."""

import datetime
from collections import Counter

from django.db.models import Prefetch, Q

from hizdamnut.centers.scoping import object_or_404
from hizdamnut.participants import matching
from hizdamnut.participants.models import Participant
from hizdamnut.participants.validators import normalize_israeli_id, normalize_phone

from .models import OPEN_STATUSES, Inquiry, InquiryStatusChange, Screening


def inquiries_for(user):
    return Inquiry.objects.for_user(user).select_related(
        "center", "category", "subcategory", "participant", "category__parent"
    )


def inquiry_for(user, pk):
    """An inquiry the user may see, or Http404."""
    return object_or_404(
        Inquiry.objects.for_user(user)
        .select_related("center__city", "center__region", "category", "subcategory", "participant__city",
                        "created_by", "intake_staff")
        .prefetch_related(
            Prefetch("status_changes", queryset=InquiryStatusChange.objects.select_related("changed_by")),
            Prefetch("screenings", queryset=Screening.objects.select_related("screened_by", "overridden_by")),
            # Filled by the intake app (to the right in the data flow), read here by relation name only.
            "intake_meetings", "referrals__service",
        ),
        pk,
    )


def open_queue(user, *, today, center=None):
    """Open inquiries, oldest first, each with its age in days and whether it waits past its center's setting."""
    queryset = inquiries_for(user).filter(status__in=OPEN_STATUSES).order_by("received_on", "pk")
    if center is not None:
        queryset = queryset.filter(center=center)
    rows = list(queryset)
    for inquiry in rows:
        inquiry.age_days = (today - inquiry.received_on).days
        inquiry.overdue = inquiry.age_days > inquiry.center.inquiry_wait_alert_days
    return rows


def queue_summary(user, *, today):
    """For the home panel: how many inquiries are open and how many wait too long."""
    rows = Inquiry.objects.for_user(user).filter(status__in=OPEN_STATUSES).values_list(
        "received_on", "center__inquiry_wait_alert_days", "status"
    )
    summary = {"open": 0, "overdue": 0, "by_status": Counter()}
    for received_on, alert_days, status in rows:
        summary["open"] += 1
        summary["by_status"][status] += 1
        if (today - received_on).days > alert_days:
            summary["overdue"] += 1
    return summary


def status_reached_on(inquiries):
    """For each inquiry id, the date each status was first reached (the funnel reads this)."""
    reached = {}
    changes = InquiryStatusChange.objects.filter(inquiry__in=inquiries).order_by("changed_on", "pk").values_list(
        "inquiry_id", "status", "changed_on"
    )
    for inquiry_id, status, changed_on in changes:
        reached.setdefault(inquiry_id, {}).setdefault(status, changed_on)
    return reached


def days_between(start, end):
    return (end - start).days if isinstance(start, datetime.date) and isinstance(end, datetime.date) else None


def likely_matches(user, *, center=None, first_name="", last_name="", phone="", id_number="", exclude=None):
    """Registered participants (of `center`, among those the user may see) who are likely the person of an inquiry
    (same ID number, same phone, or a similar name), best first, each with its reasons."""
    queryset = Participant.objects.for_user(user)
    if center is not None:
        queryset = queryset.filter(center=center)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return matching.likely_matches(queryset, first_name=first_name, last_name=last_name, phone=phone,
                                   id_number=id_number)


def earlier_inquiries(user, *, center=None, phone="", id_number="", exclude=None, limit=5):
    """Earlier inquiries not yet linked to a participant, from the same phone or ID number (a repeat caller)."""
    phone = normalize_phone(phone) if (phone or "").strip() else ""
    id_number = normalize_israeli_id(id_number) if (id_number or "").strip() else ""
    query = Q()
    if len(phone) >= 9:
        query |= Q(phone=phone)
    if len(id_number) == 9:
        query |= Q(id_number=id_number)
    if not query:
        return []
    queryset = Inquiry.objects.for_user(user).filter(query, participant__isnull=True).select_related("center")
    if center is not None:
        queryset = queryset.filter(center=center)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return list(queryset.order_by("-received_on", "-pk")[:limit])
