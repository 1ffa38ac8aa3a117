"""Read-side queries of accompaniment; each page costs a fixed number of queries whatever the data size."""

import copy
import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hizdamnut.centers.privacy import redact, redact_each
from hizdamnut.centers.roles import CASEWORK_ROLES
from hizdamnut.centers.scoping import object_or_404, sees_all_centers, user_role, visible_center_ids
from hizdamnut.participants.models import JourneyStatus, Participant, StatusChange

from .models import (
    Attendance,
    CareerPlan,
    Goal,
    Meeting,
    Note,
    PlanChange,
    SkillAssessment,
    SkillScore,
    Task,
    TaskStatus,
)

# Participants a worker still accompanies (a closed journey leaves the caseload).
OPEN_STATUSES = (JourneyStatus.INTAKE, JourneyStatus.ACTIVE, JourneyStatus.PAUSED, JourneyStatus.PLACED,
                 JourneyStatus.FOLLOW_UP)


def _count(queryset):
    return Coalesce(
        Subquery(queryset.order_by().values("plan__participant").annotate(n=Count("pk")).values("n")[:1],
                 output_field=IntegerField()),
        Value(0),
    )


def with_contact_figures(participants, today=None):
    """Adds last contact (latest held meeting), next meeting and the number of overdue tasks."""
    today = today or timezone.localdate()
    now = timezone.now()
    held = Meeting.objects.filter(participant=OuterRef("pk"), attendance=Attendance.HELD)
    upcoming = Meeting.objects.filter(participant=OuterRef("pk"))
    return participants.annotate(
        last_contact=Subquery(held.order_by().values("participant").annotate(m=Max("starts_at")).values("m")[:1]),
        next_meeting=Subquery(
            upcoming.filter(next_meeting_at__gte=now).order_by().values("participant")
            .annotate(m=Min("next_meeting_at")).values("m")[:1]
        ),
        overdue_tasks=_count(Task.objects.filter(plan__participant=OuterRef("pk")).overdue(today)),
    )


def contact_figures_of(participant, meetings, tasks, today=None):
    """`with_contact_figures` for one participant whose meetings and tasks are already read (the file has them):
    the same three figures, on a copy of `participant`. tests: equal to the query's."""
    today = today or timezone.localdate()
    now = timezone.now()
    row = copy.copy(participant)
    row.last_contact = max((m.starts_at for m in meetings if m.attendance == Attendance.HELD), default=None)
    row.next_meeting = min((m.next_meeting_at for m in meetings
                            if m.next_meeting_at is not None and m.next_meeting_at >= now), default=None)
    row.overdue_tasks = sum(1 for task in tasks if task.status == TaskStatus.OPEN and task.due_date < today)
    return row


def needs_outreach(participant, today=None):
    """No contact for more than the center's `no_contact_alert_days` (seed: "we don't give up on anyone").

    Without any held meeting, the count starts when the participant was registered.
    """
    today = today or timezone.localdate()
    if participant.last_contact:
        since = timezone.localdate(participant.last_contact)
    else:
        since = timezone.localdate(participant.created_at)
    return (today - since).days > participant.center.no_contact_alert_days


def caseload_of(user, worker, today=None):
    """The worker's participants with their contact figures, flagged for outreach where needed."""
    today = today or timezone.localdate()
    rows = list(
        with_contact_figures(
            Participant.objects.for_user(user).filter(case_worker=worker, status__in=OPEN_STATUSES)
            .select_related("center"), today,
        ).order_by("last_name", "first_name")
    )
    for row in rows:
        row.needs_outreach = needs_outreach(row, today)
        row.days_since_contact = (today - timezone.localdate(row.last_contact)).days if row.last_contact else None
    return rows


def team_caseloads(user, today=None, population=None):
    """Every worker of the user's centers: caseload size and overdue tasks (two correlated counts, no joins);
    with `population` (a Participant queryset, e.g. a dashboard's filter) only those participants count."""
    from hizdamnut.centers.models import StaffProfile

    today = today or timezone.localdate()
    profiles = StaffProfile.objects.filter(role__in=CASEWORK_ROLES)
    participants = Participant.objects.filter(case_worker=OuterRef("pk"), status__in=OPEN_STATUSES)
    tasks = Task.objects.filter(
        plan__participant__case_worker=OuterRef("pk"), plan__participant__status__in=OPEN_STATUSES
    )
    if not sees_all_centers(user):
        centers = visible_center_ids(user)
        profiles = profiles.filter(centers__in=centers)
        participants = participants.filter(center__in=centers)
        tasks = tasks.filter(plan__participant__center__in=centers)
    if population is not None:
        participants = participants.filter(pk__in=population.values("pk"))
        tasks = tasks.filter(plan__participant__in=population.values("pk"))
    size = participants.order_by().values("case_worker").annotate(n=Count("pk")).values("n")[:1]
    overdue = (
        tasks.overdue(today).order_by().values("plan__participant__case_worker").annotate(n=Count("pk")).values("n")[:1]
    )
    return list(
        get_user_model().objects.filter(is_active=True, pk__in=profiles.values("user_id")).select_related("staff")
        .annotate(
            caseload_size=Coalesce(Subquery(size, output_field=IntegerField()), Value(0)),
            overdue_tasks=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
        ).order_by("last_name", "first_name", "username")
    )


def plan_page(user, participant):
    """Everything the participant's plan page shows, in a fixed number of queries."""
    plan = CareerPlan.objects.filter(participant=participant).first()
    notes = Note.objects.visible_to(user).select_related("author")
    meetings = list(
        Meeting.objects.filter(participant=participant).select_related("staff")
        .prefetch_related(Prefetch("notes", queryset=notes, to_attr="visible_notes"))[:50]
    )
    loose_notes = list(notes.filter(participant=participant, meeting__isnull=True)[:50])
    for meeting in meetings:
        meeting.visible_notes = redact_each(user, meeting.visible_notes)
    return {
        "plan": redact(user, plan) if plan else None,
        "goals": redact_each(user, Goal.objects.filter(plan__participant=participant)),
        "tasks": redact_each(user, Task.objects.filter(plan__participant=participant)),
        "changes": redact_each(user, PlanChange.objects.filter(plan__participant=participant)
                               .select_related("changed_by")[:30]),
        "meetings": meetings,
        "status_changes": redact_each(user, StatusChange.objects.filter(participant=participant)
                                      .select_related("changed_by")),
        "loose_notes": redact_each(user, loose_notes),
        "last_contact": next((m.starts_at for m in meetings if m.attendance == Attendance.HELD), None),
        "today": timezone.localdate(),
        "open_task_status": TaskStatus.OPEN,
    }


def meetings_of_worker(user, worker, since=None):
    since = since or timezone.now() - datetime.timedelta(days=180)
    return Meeting.objects.for_user(user).filter(staff=worker, starts_at__gte=since).select_related("participant")


def upcoming_meetings_of_worker(user, worker):
    """Next meetings agreed with the worker's participants (from each meeting's "next meeting")."""
    return (
        Meeting.objects.for_user(user)
        .filter(staff=worker, next_meeting_at__gte=timezone.now())
        .select_related("participant")
    )


def skills_series(participant):
    """The participant's assessments in date order and, per skill, the levels over time (for the chart)."""
    assessments = list(
        SkillAssessment.objects.filter(participant=participant).prefetch_related(
            Prefetch("scores", queryset=SkillScore.objects.order_by("skill"))
        ).select_related("assessor")
    )
    return assessments


def calendar_worker(user, worker_id):
    """The worker whose meetings `user` may subscribe to: themselves, or — for the roles that see the team — a
    worker of the user's own centers. Anyone else is a 404, so another center's staff names do not leak."""
    from django.http import Http404

    from .access import TEAM_VIEW_ROLES

    if worker_id is None or worker_id == user.pk:
        return user
    if user_role(user) not in TEAM_VIEW_ROLES:
        raise Http404
    return object_or_404(
        get_user_model().objects.filter(staff__centers__in=visible_center_ids(user)).distinct(), worker_id)
