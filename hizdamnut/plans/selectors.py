"""Read-side queries of accompaniment; each page costs a fixed number of queries whatever the data size."""

import copy
import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from hizdamnut.centers.privacy import redact, redact_each
from hizdamnut.centers.roles import CASEWORK_ROLES
from hizdamnut.centers.scoping import object_or_404, sees_all_centers, user_role, visible_center_ids
from hizdamnut.participants.models import OPEN_STATUSES, Participant, StatusChange

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


def _count(queryset):
    return Coalesce(
        Subquery(queryset.order_by().values("plan__participant").annotate(n=Count("pk")).values("n")[:1],
                 output_field=IntegerField()),
        Value(0),
    )


def _last_contact():
    held = Meeting.objects.filter(participant=OuterRef("pk"), attendance=Attendance.HELD)
    return Subquery(held.order_by().values("participant").annotate(m=Max("starts_at")).values("m")[:1])


def _overdue_tasks(today):
    return _count(Task.objects.filter(plan__participant=OuterRef("pk")).overdue(today))


def with_contact_figures(participants, today=None):
    """Adds last contact (latest held meeting), next meeting and the number of overdue tasks."""
    today = today or timezone.localdate()
    now = timezone.now()
    upcoming = Meeting.objects.filter(participant=OuterRef("pk"))
    return participants.annotate(
        last_contact=_last_contact(),
        next_meeting=Subquery(
            upcoming.filter(next_meeting_at__gte=now).order_by().values("participant")
            .annotate(m=Min("next_meeting_at")).values("m")[:1]
        ),
        overdue_tasks=_overdue_tasks(today),
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


class DaysBefore(Func):
    """The date `days` days before `date` (a date column or value minus a number column), on PostgreSQL and
    SQLite alike."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        date, days = self.source_expressions
        date_sql, date_params = compiler.compile(date)
        days_sql, days_params = compiler.compile(days)
        if connection.vendor == "sqlite":
            return f"date({date_sql}, '-' || {days_sql} || ' days')", (*date_params, *days_params)
        return f"({date_sql} - {days_sql})", (*date_params, *days_params)


def _needing_outreach(participants, today):
    """`needs_outreach` as a filter, to count a whole caseload in the database: the contact (latest held meeting,
    else the registration) came on a local day before the one `no_contact_alert_days` (the center's) before
    today. plans/tests/test_caseload.py holds the two to the same answers."""
    participants = participants.annotate(
        contact_day=TruncDate(Coalesce(_last_contact(), "created_at")),
        outreach_from=DaysBefore(Value(today, output_field=DateField()), F("center__no_contact_alert_days")),
    )
    return participants, Q(contact_day__lt=F("outreach_from"))


def _flag(rows, today):
    for row in rows:
        row.needs_outreach = needs_outreach(row, today)
        row.days_since_contact = (today - timezone.localdate(row.last_contact)).days if row.last_contact else None
    return rows


def _open_caseload(user, worker):
    return Participant.objects.for_user(user).filter(case_worker=worker, status__in=OPEN_STATUSES)


def caseload_of(user, worker, today=None):
    """The worker's participants with their contact figures, flagged for outreach where needed."""
    today = today or timezone.localdate()
    return _flag(list(with_contact_figures(_open_caseload(user, worker).select_related("center"), today)
                      .order_by("last_name", "first_name")), today)


@dataclass
class Caseload:
    """A worker's whole caseload counted in the database (size, participants needing outreach, overdue tasks);
    its rows are read one page at a time, so a long caseload costs what one page shows."""

    size: int
    outreach: int
    overdue_tasks: int
    rows: QuerySet  # with contact figures, in name order
    today: datetime.date

    def __len__(self):
        return self.size

    def page(self, number, per_page):
        """One page of rows (a number that is not one, or past the end, gives a page), flagged for outreach."""
        paginator = Paginator(self.rows, per_page)
        paginator.count = self.size  # counted already
        page = paginator.get_page(number)
        page.object_list = _flag(list(page.object_list), self.today)
        return page


def caseload(user, worker, today=None):
    """The worker's caseload as the user may see it: the figures over everyone in one query; the rows are left
    for the page to read."""
    today = today or timezone.localdate()
    participants = _open_caseload(user, worker)
    counted, outreach = _needing_outreach(participants, today)
    figures = counted.annotate(overdue=_overdue_tasks(today)).aggregate(
        size=Count("pk"), outreach=Count("pk", filter=outreach), overdue_tasks=Sum("overdue"))
    rows = with_contact_figures(participants.select_related("center"), today).order_by("last_name", "first_name", "pk")
    return Caseload(size=figures["size"], outreach=figures["outreach"], overdue_tasks=figures["overdue_tasks"] or 0,
                    rows=rows, today=today)


def team_caseloads(user, today=None, population=None):
    """Every worker of the user's centers: caseload size and overdue tasks; with `population` (a Participant
    queryset, e.g. a dashboard's filter) only those participants count.

    Two queries whatever the number of workers: the workers, then both counts grouped by worker, read among
    open journeys and open tasks alone (partial indexes), never a count per worker."""
    SIZE, OVERDUE = 1, 2
    from hizdamnut.centers.models import StaffProfile

    today = today or timezone.localdate()
    profiles = StaffProfile.objects.filter(role__in=CASEWORK_ROLES)
    # The population's own conditions, rather than `pk IN (population)`: one pass over the table, not two.
    people = population if population is not None else Participant.objects.all()
    participants = people.filter(status__in=OPEN_STATUSES, case_worker__isnull=False)
    tasks = Task.objects.filter(plan__participant__status__in=OPEN_STATUSES,
                                plan__participant__case_worker__isnull=False)
    if not sees_all_centers(user):
        centers = visible_center_ids(user)
        profiles = profiles.filter(centers__in=centers)
        participants = participants.filter(center__in=centers)
        tasks = tasks.filter(plan__participant__center__in=centers)
    if population is not None:
        tasks = tasks.filter(plan__participant__in=population.values("pk"))
    workers = list(
        get_user_model().objects.filter(is_active=True, pk__in=profiles.values("user_id")).select_related("staff")
        .order_by("last_name", "first_name", "username")
    )
    if not workers:
        return workers
    # One statement: the two grouped counts, one after the other (UNION ALL), told apart by `kind`; COUNT(*)
    # rather than of a column the partial indexes do not hold, so the rows are counted from the indexes alone.
    sizes = (participants.order_by().annotate(kind=Value(SIZE)).values("case_worker", "kind")
             .annotate(n=Count("*")).values_list("case_worker", "kind", "n"))
    overdue = (tasks.overdue(today).order_by().annotate(kind=Value(OVERDUE))
               .values("plan__participant__case_worker", "kind")
               .annotate(n=Count("*")).values_list("plan__participant__case_worker", "kind", "n"))
    counts = {(worker_id, kind): n for worker_id, kind, n in sizes.union(overdue, all=True)}
    for worker in workers:
        worker.caseload_size = counts.get((worker.pk, SIZE), 0)
        worker.overdue_tasks = counts.get((worker.pk, OVERDUE), 0)
    return workers


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
