"""Upload, preview and save the files staff keep (Excel or CSV), through the same commands as the shell."""

import io
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import IMPORT_ROLES
from hizdamnut.jobs.selectors import job_or_404
from hizdamnut.jobs.services import start_job
from hizdamnut.jobs.views import progress_response

from . import runner, tasks
from .forms import UploadForm
from .registry import BY_CODE, IMPORTS, template_columns

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _item(code):
    if code not in BY_CODE:
        raise Http404
    return BY_CODE[code]


@role_required(IMPORT_ROLES)
def index(request):
    return render(request, "imports/index.html", {"imports": IMPORTS})


@role_required(IMPORT_ROLES)
def upload(request, code):
    """Upload → a dry run of the whole file: every bad row named, or the count ready to save; nothing is kept.
    The check runs in the background (hizdamnut/jobs) while the page shows how far it has got."""
    item = _item(code)
    form = UploadForm(request.POST or None, request.FILES or None, item=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        runner.discard(request.session.get(f"import-{code}", {}).get("token"))
        upload = form.cleaned_data["file"]
        token = runner.store(upload)
        choice = form.cleaned_data.get("choice")
        request.session[f"import-{code}"] = {"token": token, "choice": choice, "name": upload.name}
        job = _start(request, item, tasks.CHECK, token=token, choice=choice, name=upload.name)
        return _job_page(request, item, job)
    template = "imports/_preview.html" if request.htmx and request.method == "POST" else "imports/upload.html"
    return render(request, template, {"item": item, "form": form, "columns": template_columns(item)})


@role_required(IMPORT_ROLES)
def save(request, code):
    """Saves the previewed file: all rows or, if anything changed since the preview and a row is refused, none."""
    item = _item(code)
    pending = request.session.get(f"import-{code}") or {}
    path = runner.stored(pending.get("token"))
    if request.method != "POST" or path is None or request.POST.get("token") != pending.get("token"):
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("imports:upload", code=code)
    job = _start(request, item, tasks.SAVE, token=pending["token"], choice=pending.get("choice"),
                 name=pending.get("name", ""))
    return _job_page(request, item, job)


@role_required(IMPORT_ROLES)
def job(request, code, pk):
    """A check or save under way (polled every second by the page), then its outcome, as `upload` shows it."""
    item = _item(code)
    found = job_or_404(request.user, pk)
    if found.kind not in (tasks.CHECK, tasks.SAVE) or found.params.get("code") != item.code:
        raise Http404
    return _job_page(request, item, found)


def _start(request, item, kind, *, token, choice, name):
    path = runner.stored(token)
    return start_job(user=request.user, kind=kind, task=tasks.run_import, upload=path.read_bytes(), params={
        "code": item.code, "token": token, "choice": choice, "name": name, "suffix": Path(token).suffix,
        "title": f"{_('Import')}: {item.label}"})


def _job_page(request, item, job):
    """While the job runs: its progress (polling this job's URL). Then the preview of a check, or after a save
    the saved count (back to the upload page) or the refused rows."""
    here = reverse("imports:job", args=[item.code, job.pk])
    if not job.succeeded:
        if request.method == "POST" and not request.htmx and not job.finished:
            return redirect(here)
        return progress_response(request, job, poll_url=here)
    outcome = runner.from_data(job.result)
    token = job.params["token"]
    if job.kind == tasks.SAVE and not outcome.problems:
        runner.discard(token)
        if (request.session.get(f"import-{item.code}") or {}).get("token") == token:
            request.session.pop(f"import-{item.code}", None)
        messages.success(request, _("%(count)s rows were saved from %(name)s.") % {
            "count": outcome.rows, "name": job.params.get("name", "")})
        target = reverse("imports:upload", args=[item.code])
        return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    template = "imports/_preview.html" if request.htmx else "imports/upload.html"
    form = UploadForm(item=item, user=request.user, initial={"choice": job.params.get("choice")})
    return render(request, template, {"item": item, "form": form, "outcome": outcome,
                                      "token": token if job.kind == tasks.CHECK else None,
                                      "columns": template_columns(item)})


@role_required(IMPORT_ROLES)
def template(request, code):
    """An empty workbook with the import's header row, to fill in and upload."""
    from openpyxl import Workbook

    item = _item(code)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = item.code[:31]
    sheet.append(template_columns(item, request.GET.get("choice")))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="hizdamnut-import-{item.code}.xlsx"'
    return response
