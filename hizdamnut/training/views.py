from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import can_write, role_required
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.form_submit import submit
from hizdamnut.participants.forms import ParticipantQueryForm
from hizdamnut.versioning import sent_version

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
    if request.method == "POST" and submit(form, lambda f: services.save_course(actor=request.user, **f.cleaned_data),
                                           request=request, success=_("Saved.")):
        return redirect("training:list")
    return render(request, "training/form.html", {"form": form, "title": _("New course")})


@role_required(WRITER_ROLES)
def application_create(request):
    form = ApplicationForm(request.POST or None, user=request.user,
                           initial=ParticipantQueryForm(request.GET, user=request.user).cleaned_or_404())
    if request.method == "POST":
        application = submit(form, lambda f: services.apply(actor=request.user, **f.cleaned_data), request=request)
        if application:
            return redirect("training:application", pk=application.pk)
    return render(request, "training/form.html", {"form": form, "title": _("New training application")})


@role_required(ALL_ROLES)
def application_detail(request, pk):
    application = object_or_404(selectors.applications_for(request.user), pk)
    if request.method == "POST":
        if not can_write(request.user):
            raise PermissionDenied
        if request.POST.get("action") == "documents":
            submit(None, lambda _form: services.set_documents(
                actor=request.user, application=application, received=request.POST.getlist("documents"),
                version=sent_version(request),
            ), request=request, success=_("Saved."))
        else:
            submit(MoveForm(request.POST), lambda f: services.move_application(
                actor=request.user, application=application, version=sent_version(request), **f.cleaned_data,
            ), request=request, success=_("Saved."), invalid=_("Choose a status."), flash=True)
        return redirect("training:application", pk=pk)
    received = set(application.documents_received)
    checklist = [(doc, doc in received) for doc in application.course.required_documents]
    return render(request, "training/application.html", {
        "application": application, "checklist": checklist,
        "move_form": MoveForm(allowed=services.TRANSITIONS[VoucherStatus(application.status)])})
