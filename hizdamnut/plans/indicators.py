"""Indicators of accompaniment: today's caseload and overdue tasks of each accompanying worker, or of each
center's team.

The overdue follow-ups beside them are the placements app's (`placements.indicators.overdue_follow_ups_by_worker`
and `overdue_follow_ups_by_center`); the dashboard puts the two together.
"""

from django.db.models import Count

from hizdamnut.centers.models import StaffProfile
from hizdamnut.centers.roles import CASEWORK_ROLES
from hizdamnut.participants.models import OPEN_STATUSES

from .models import Task
from .selectors import team_caseloads


def caseload_per_worker(user, scope, worker_id=None):
    """Every accompanying worker of the scope's centers the user may see (or only `worker_id`): rows
    {"worker", "centers" (ids, among the scope's), "caseload", "overdue_tasks"} as of `scope.today`; a population
    filter narrows the counts to its participants."""
    workers = team_caseloads(user, scope.today, scope.participants() if scope.narrows_population else None)
    centers_of = {}
    through = StaffProfile.centers.through.objects.filter(staffprofile__user_id__in=[w.pk for w in workers])
    for user_id, center_id in through.values_list("staffprofile__user_id", "center_id"):
        centers_of.setdefault(user_id, set()).add(center_id)
    wanted = set(scope.center_ids)
    rows = []
    for worker in workers:
        if not centers_of.get(worker.pk, set()) & wanted:
            continue
        if worker_id and worker.pk != worker_id:
            continue
        rows.append({"worker": worker, "centers": centers_of[worker.pk] & wanted, "caseload": worker.caseload_size,
                     "overdue_tasks": worker.overdue_tasks})
    return rows


def caseload_per_center(scope):
    """{center_id: {"workers", "caseload", "overdue_tasks"}} as of `scope.today`: each center's accompanying
    workers (active staff in a casework role), and the per-worker counts added up by the participant's center —
    open journeys with a responsible worker, and their overdue tasks (a population filter narrows both). Three
    grouped queries whatever the number of workers or centers."""
    rows = {cid: {"workers": 0, "caseload": 0, "overdue_tasks": 0} for cid in scope.center_ids}
    workers = (StaffProfile.objects.filter(role__in=CASEWORK_ROLES, user__is_active=True,
                                           centers__in=scope.center_ids)
               .values_list("centers").annotate(n=Count("user_id", distinct=True)).order_by())
    accompanied = scope.participants().filter(status__in=OPEN_STATUSES, case_worker__isnull=False)
    tasks = scope.narrowed(Task.objects.overdue(scope.today), "plan__participant").filter(
        plan__participant__center_id__in=scope.center_ids, plan__participant__status__in=OPEN_STATUSES,
        plan__participant__case_worker__isnull=False)
    # COUNT(*): read from the partial indexes of open journeys and open tasks alone, as team_caseloads does.
    for field, counts in (
        ("workers", workers),
        ("caseload", accompanied.order_by().values_list("center_id").annotate(n=Count("*"))),
        ("overdue_tasks", tasks.order_by().values_list("plan__participant__center_id").annotate(n=Count("*"))),
    ):
        for center_id, n in counts:
            rows[center_id][field] = n
    return rows
