from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.plans.calendar import build_calendar

from . import eligibility, selectors, services
from .forms import CohortForm, EndEnrollmentForm, EnrollForm, SessionForm
from .models import Cohort, Enrollment, Program, ProgramKind, Session

# Catalog section headings (the kinds' labels are singular).
KIND_HEADINGS = {
    ProgramKind.TRACK: _lazy("Group track programs"),
    ProgramKind.EXTERNAL: _lazy("External programs operating in the center"),
    ProgramKind.COURSE: _lazy("Core skills courses"),
    ProgramKind.WORKSHOP: _lazy("Workshops"),
}


def _cohort(user, pk):
    try:
        return selectors.cohort_page(user, pk)
    except Cohort.DoesNotExist:
        raise Http404


@role_required(ALL_ROLES)
def program_list(request):
    """The catalog: track programs, external programs, courses and workshops."""
    programs = list(selectors.catalog())
    cohorts = {}
    for cohort in selectors.cohorts_for(request.user):
        cohorts.setdefault(cohort.program_id, []).append(cohort)
    groups = []
    for kind in ProgramKind:
        items = [p for p in programs if p.kind == kind]
        for program in items:
            program.rules = eligibility.describe(program.eligibility)
            program.open_cohorts = cohorts.get(program.pk, [])
        if items:
            groups.append((KIND_HEADINGS[kind], items))
    return render(request, "programs/list.html", {"groups": groups})


@role_required(ALL_ROLES)
def program_detail(request, code):
    program = get_object_or_404(Program, code=code)
    form = CohortForm(request.POST or None, user=request.user, initial={"capacity": program.default_capacity})
    if request.method == "POST":
        if not request.user.is_superuser and request.user.staff.role not in WRITER_ROLES:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                cohort = services.create_cohort(
                    actor=request.user, program=program, center=data["center"], name=data["name"],
                    capacity=data["capacity"], facilitator=data["facilitator"], sessions=form.sessions(),
                    duration_minutes=data["duration_minutes"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The cohort is open."))
                return redirect("programs:cohort", pk=cohort.pk)
    return render(request, "programs/program.html", {
        "program": program, "rules": eligibility.describe(program.eligibility),
        "cohorts": selectors.cohorts_for(request.user, program), "form": form,
    })


@role_required(ALL_ROLES)
def cohort_detail(request, pk):
    cohort, enrollments, sessions = _cohort(request.user, pk)
    return render(request, "programs/cohort.html", {
        "cohort": cohort, "enrollments": enrollments, "sessions": sessions,
        "enroll_form": EnrollForm(cohort=cohort), "session_form": SessionForm(), "end_form": EndEnrollmentForm(),
    })


@role_required(WRITER_ROLES)
@require_POST
def enroll(request, pk):
    cohort, _enrollments, _sessions = _cohort(request.user, pk)
    form = EnrollForm(request.POST, cohort=cohort)
    if form.is_valid():
        try:
            _enrollment, message = services.enroll(actor=request.user, cohort=cohort,
                                                   participant=form.cleaned_data["participant"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, message)
    else:
        messages.error(request, _("Choose a participant."))
    return redirect("programs:cohort", pk=cohort.pk)


@role_required(WRITER_ROLES)
@require_POST
def end_enrollment(request, pk):
    enrollment = Enrollment.objects.for_user(request.user).select_related("cohort", "participant").filter(pk=pk).first()
    if enrollment is None:
        raise Http404
    form = EndEnrollmentForm(request.POST)
    if form.is_valid():
        try:
            promoted = services.end_enrollment(actor=request.user, enrollment=enrollment,
                                               outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
            if promoted:
                messages.success(request, _("%(name)s moved from the waiting list into the group.") % {
                    "name": promoted.participant.full_name})
    return redirect("programs:cohort", pk=enrollment.cohort_id)


@role_required(WRITER_ROLES)
@require_POST
def session_create(request, pk):
    cohort, _enrollments, _sessions = _cohort(request.user, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.add_session(actor=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Give the date and time of the session."))
    return redirect("programs:cohort", pk=cohort.pk)


@role_required(ALL_ROLES)
def attendance(request, pk):
    """One sheet for the whole group at one session."""
    session = Session.objects.for_user(request.user).select_related("cohort__program").filter(pk=pk).first()
    if session is None:
        raise Http404
    if request.method == "POST":
        if not request.user.is_superuser and request.user.staff.role not in WRITER_ROLES:
            raise Http404
        try:
            services.record_attendance(actor=request.user, session=session, present=request.POST.getlist("present"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("programs:cohort", pk=session.cohort_id)
    return render(request, "programs/attendance.html",
                  {"session": session, "rows": selectors.attendance_sheet(session)})


def cohort_ics(cohort, sessions):
    return build_calendar(str(cohort), [
        (f"session-{s.pk}@hizdamnut", s.starts_at, s.duration_minutes, f"{cohort.program.name} – {cohort.name}",
         s.topic) for s in sessions
    ])


@role_required(ALL_ROLES)
def cohort_calendar(request, pk):
    cohort, _enrollments, sessions = _cohort(request.user, pk)
    response = HttpResponse(cohort_ics(cohort, sessions), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}.ics"'
    return response
