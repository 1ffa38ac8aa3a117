"""Upload, preview and save the files staff keep (Excel or CSV), through the same commands as the shell."""

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import IMPORT_ROLES

from . import runner
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
    """Upload → a dry run of the whole file: every bad row named, or the count ready to save; nothing is kept."""
    item = _item(code)
    form = UploadForm(request.POST or None, request.FILES or None, item=item, user=request.user)
    outcome = token = None
    if request.method == "POST" and form.is_valid():
        runner.discard(request.session.get(f"import-{code}", {}).get("token"))
        token = runner.store(form.cleaned_data["file"])
        choice = form.cleaned_data.get("choice")
        request.session[f"import-{code}"] = {"token": token, "choice": choice,
                                             "name": form.cleaned_data["file"].name}
        outcome = runner.run(item, runner.stored(token), actor=request.user, choice=choice, dry_run=True)
    template = "imports/_preview.html" if request.htmx and request.method == "POST" else "imports/upload.html"
    return render(request, template, {"item": item, "form": form, "outcome": outcome, "token": token,
                                      "columns": template_columns(item)})


@role_required(IMPORT_ROLES)
def save(request, code):
    """Saves the previewed file: all rows or, if anything changed since the preview and a row is refused, none."""
    item = _item(code)
    pending = request.session.get(f"import-{code}") or {}
    path = runner.stored(pending.get("token"))
    if request.method != "POST" or path is None or request.POST.get("token") != pending.get("token"):
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("imports:upload", code=code)
    outcome = runner.run(item, path, actor=request.user, choice=pending.get("choice"), dry_run=False)
    if outcome.problems:
        return render(request, "imports/upload.html", {
            "item": item, "form": UploadForm(item=item, user=request.user), "outcome": outcome,
            "columns": template_columns(item)})
    runner.discard(pending.get("token"))
    request.session.pop(f"import-{code}", None)
    messages.success(request, _("%(count)s rows were saved from %(name)s.") % {
        "count": outcome.rows, "name": pending.get("name", "")})
    return redirect("imports:upload", code=code)


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
