from django.db.models import Q

from hizdamnut.centers.scoping import object_or_404, sees_all_centers, visible_center_ids

from .models import Job, JobStatus


def jobs_of(user):
    """The jobs a user may see: only her own, and only for centers she still sees (another's job is a 404)."""
    jobs = Job.objects.filter(user=user) if user.is_authenticated else Job.objects.none()
    if not sees_all_centers(user):
        jobs = jobs.filter(Q(center__isnull=True) | Q(center__in=visible_center_ids(user)))
    return jobs


def job_or_404(user, pk, *, with_file=False):
    """One of the user's jobs; its file and upload are left in the database unless asked for (polling is cheap)."""
    jobs = jobs_of(user).defer("upload") if with_file else jobs_of(user).defer("upload", "file")
    return object_or_404(jobs, pk)


def expected_queries(kind, *, center):
    """How many queries the last finished job of this kind ran (for one center, or several), or None."""
    return (Job.objects.filter(kind=kind, status=JobStatus.DONE, center__isnull=center is None,
                               result__queries__gt=0)
            .order_by("-finished_at").values_list("result__queries", flat=True).first())
