"""A background job through the API: its progress, then its file (the jobs are started by the apps' own routers,
e.g. POST /reports/exports/dashboard)."""

from datetime import datetime

from django.http import Http404
from django.urls import reverse
from ninja import Router, Schema

from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.roles import ALL_ROLES

from .selectors import job_or_404
from .views import file_response

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: int
    kind: str
    status: str
    stage: str
    done: int
    total: int
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    file_name: str
    download_url: str | None
    result: dict | None


def job_out(job):
    """A job as the API shows it: `download_url` once its file is ready."""
    download = reverse("api:job_download", args=[job.pk]) if job.succeeded and job.file_name else None
    return {
        "id": job.pk, "kind": job.kind, "status": job.status, "stage": job.stage, "done": job.done,
        "total": job.total, "error": job.error, "created_at": job.created_at, "started_at": job.started_at,
        "finished_at": job.finished_at, "file_name": job.file_name, "download_url": download, "result": job.result,
    }


@router.get("/{int:job_id}", response=JobOut)
def job_status(request, job_id: int):
    """A job you started: `status` (queued, running, done, failed), progress (`done` of `total`, `stage`),
    `error` when it failed, and `download_url` when its file is ready. Another user's job answers 404."""
    require_role(request, ALL_ROLES)
    return job_out(job_or_404(request.user, job_id))


@router.get("/{int:job_id}/download", url_name="job_download")
def job_download(request, job_id: int):
    """The job's file (Excel or PDF); 404 until the job is done. Each download is written to the audit log."""
    require_role(request, ALL_ROLES)
    job = job_or_404(request.user, job_id, with_file=True)
    if not job.succeeded or job.file is None:
        raise Http404
    return file_response(request, job)
