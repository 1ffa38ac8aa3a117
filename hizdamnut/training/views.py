from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import can_write, role_required
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.participants.forms import ParticipantQueryForm

from . import selectors, services
from .forms import ApplicationForm, CourseForm, MoveForm
from .models import Course, VoucherStatus


@role_required(ALL_ROLES)
def training_list(request):
    """The training coordinator's page: deadlines first, then applications in progress and the catalog."""
    deadlines = selectors.upcoming_deadlines(request.user, limit=50)
    in_progress = selectors.in_progress(request.user, limit=50)
    courses = Course.objects.for_user(request.user).select_related("center")
    return render(request, "training/list.html", {
        "deadlines": deadlines, "in_progress": in_progress, "courses": courses})


@role_required(WRITER_ROLES)
def course_create(request):
    form = CourseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_course(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("training:list")
    return render(request, "training/form.html", {"form": form, "title": _("New course")})


@role_required(WRITER_ROLES)
def application_create(request):
    form = ApplicationForm(request.POST or None, user=request.user,
                           initial=ParticipantQueryForm(request.GET, user=request.user).cleaned_or_404())
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("training:application", pk=application.pk)
    return render(request, "training/form.html", {"form": form, "title": _("New training application")})


@role_required(ALL_ROLES)
def application_detail(request, pk):
    application = object_or_404(selectors.applications_for(request.user), pk)
    if request.method == "POST":
        if not can_write(request.user):
            raise PermissionDenied
        try:
            if request.POST.get("action") == "documents":
                services.set_documents(actor=request.user, application=application,
                                       received=request.POST.getlist("documents"))
            else:
                form = MoveForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose a status."))
                services.move_application(actor=request.user, application=application, **form.cleaned_data)
            messages.success(request, _("Saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("training:application", pk=pk)
    received = set(application.documents_received)
    checklist = [(doc, doc in received) for doc in application.course.required_documents]
    return render(request, "training/application.html", {
        "application": application, "checklist": checklist,
        "move_form": MoveForm(allowed=services.TRANSITIONS[VoucherStatus(application.status)])})
