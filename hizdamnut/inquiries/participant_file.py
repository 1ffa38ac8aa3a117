"""Inquiries on the participant's file: the inquiry and eligibility section, the "eligibility expiring" alert,
and the timeline events (inquiry received, status changes, screenings). Registered in InquiriesConfig.ready()."""

import datetime

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import has_role
from hizdamnut.centers.roles import CASEWORK_ROLES, NATIONWIDE_ROLES
from hizdamnut.participants.file import Summary
from hizdamnut.participants.timeline import Event, day_text, name_of

from . import eligibility
from .models import Inquiry, InquiryStatusChange, Screening

READ_ROLES = CASEWORK_ROLES | NATIONWIDE_ROLES
# How long before the social-services file stops counting the file shows a warning.
EXPIRY_WARNING_DAYS = 60


def inquiries_of(user, participant):
    """The participant's inquiries, newest first, each with its screenings (newest first) and status changes: the
    section's and the timeline's rows."""
    screenings = Screening.objects.select_related("screened_by").order_by("-screened_on", "-pk")
    changes = InquiryStatusChange.objects.select_related("changed_by")
    # The status changes by their inquiries' ids: joined to the inquiries instead, the query took PostgreSQL 2-3 ms
    # to plan at national scale.
    return (Inquiry.objects.filter(participant=participant)
            .select_related("category", "subcategory", "created_by", "intake_staff")
            .prefetch_related(Prefetch("screenings", queryset=screenings),
                              Prefetch("status_changes", queryset=changes)))


def section(user, participant, today, records):
    inquiries = records.of(inquiries_of)
    for inquiry in inquiries:
        screenings = list(inquiry.screenings.all())
        inquiry.latest_screening = screenings[0] if screenings else None
    return {"inquiries": inquiries, "create_url": f"{reverse('inquiries:create')}?participant={participant.pk}"}


def eligibility_ends_on(participant):
    """The day the social-services file stops making the participant eligible (rules/eligibility.json), or None."""
    if not participant.has_welfare_file or not participant.welfare_file_last_active:
        return None
    years = eligibility.load_rules()["welfare_file"]["active_within_years"]
    last = participant.welfare_file_last_active
    return eligibility.years_before(last, -years)


def summary(user, participant, today, records):
    ends_on = eligibility_ends_on(participant)
    alerts = []
    if ends_on and today <= ends_on <= today + datetime.timedelta(days=EXPIRY_WARNING_DAYS):
        alerts.append(_("Eligibility through the social-services file ends on %(date)s") % {
            "date": day_text(ends_on)})
    return Summary(alerts=alerts)


def events(user, participant, records):
    if not has_role(user, READ_ROLES):
        return []
    result = []
    inquiries = records.of(inquiries_of)
    for inquiry in inquiries:
        result.append(Event.on(inquiry.received_on, "inquiry", _("Inquiry: %(reason)s") % {
            "reason": inquiry.category.label}, inquiry.get_channel_display(), name_of(inquiry.created_by),
            recorded_at=inquiry.created_at))
        if inquiry.intake_starts_at:
            result.append(Event(inquiry.intake_starts_at, "inquiry", _("Intake meeting scheduled"),
                                name_of(inquiry.intake_staff) if inquiry.intake_staff_id else ""))
    # All the participant's status changes, in their own order (oldest first), as a query for them would give.
    changes = sorted((change for inquiry in inquiries for change in inquiry.status_changes.all()),
                     key=lambda change: (change.changed_on, change.changed_at, change.pk))
    for change in changes:
        result.append(Event.on(change.changed_on, "inquiry", _("Inquiry status: %(status)s") % {
            "status": change.get_status_display()}, change.note, name_of(change.changed_by),
            recorded_at=change.changed_at))
    # All the participant's screenings, in Screening's own order (newest first), as a query for them would give.
    screenings = sorted((screening for inquiry in inquiries for screening in inquiry.screenings.all()),
                        key=lambda screening: (screening.screened_on, screening.pk), reverse=True)
    for screening in screenings:
        result.append(Event.on(screening.screened_on, "screening", _("Eligibility screening: %(result)s") % {
            "result": screening.get_final_decision_display()}, screening.override_reason,
            name_of(screening.screened_by), recorded_at=screening.created_at))
    return result


def register():
    from hizdamnut.participants.file import register_section, register_summary
    from hizdamnut.participants.timeline import register_source

    register_section(key="inquiries", order=10, template="inquiries/_file_section.html", context=section,
                     roles=READ_ROLES)
    register_summary(key="eligibility", summary=summary, roles=READ_ROLES)
    register_source("inquiries", events)
