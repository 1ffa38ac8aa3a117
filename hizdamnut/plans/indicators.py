"""Indicators of accompaniment: today's caseload and overdue tasks of each accompanying worker.

The overdue follow-ups beside them are the placements app's (`placements.indicators.overdue_follow_ups_by_worker`);
the dashboard puts the two together.
"""

from hizdamnut.centers.models import StaffProfile

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
