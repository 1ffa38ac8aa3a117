"""A job's progress (polled by the page every second) and its file."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from hizdamnut.audit.services import record_export
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES

from .selectors import job_or_404


def progress_response(request, job, *, poll_url=None, status=200):
    """The progress fragment for htmx (it polls `poll_url` until the job ends, then the file downloads by
    itself), or the whole page without it (the file is then a link)."""
    context = {"job": job, "poll_url": poll_url or job_url(job), "download_now": bool(request.htmx)}
    template = "jobs/_progress.html" if request.htmx else "jobs/job.html"
    return render(request, template, context, status=status)


def job_url(job):
    from django.urls import reverse

    return reverse("jobs:status", args=[job.pk])


@role_required(ALL_ROLES)
def status(request, pk):
    return progress_response(request, job_or_404(request.user, pk))


@role_required(ALL_ROLES)
def download(request, pk):
    """The job's file, audited like a direct export (what, format, center, filters)."""
    job = job_or_404(request.user, pk, with_file=True)
    if not job.succeeded or job.file is None:
        raise Http404
    return file_response(request, job)


def file_response(request, job):
    audit = job.params.get("audit") or {}
    record_export(request, what=audit.get("what", job.kind), file_format=audit.get("format", ""), center=job.center,
                  query=audit.get("query", {}))
    response = HttpResponse(bytes(job.file), content_type=job.content_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{job.file_name}"'
    return response
