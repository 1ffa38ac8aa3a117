from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.form_submit import submit
from hizdamnut.ics import build_calendar

from . import eligibility, selectors, services
from .forms import CohortForm, EndEnrollmentForm, EnrollForm, SessionForm
from .models import Enrollment, Program, ProgramKind, Session

# Catalog section headings (the kinds' labels are singular).
KIND_HEADINGS = {
    ProgramKind.TRACK: gettext_lazy("Group track programs"),
    ProgramKind.EXTERNAL: gettext_lazy("External programs operating in the center"),
    ProgramKind.COURSE: gettext_lazy("Core skills courses"),
    ProgramKind.WORKSHOP: gettext_lazy("Workshops"),
}


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
    program = object_or_404(Program.objects.all(), code=code)
    form = CohortForm(request.POST or None, user=request.user, initial={"capacity": program.default_capacity})
    if request.method == "POST":
        if not request.user.is_superuser and request.user.staff.role not in WRITER_ROLES:
            raise Http404

        def open_cohort(form):
            data = form.cleaned_data
            return services.create_cohort(
                actor=request.user, program=program, center=data["center"], name=data["name"],
                capacity=data["capacity"], facilitator=data["facilitator"], sessions=form.sessions(),
                duration_minutes=data["duration_minutes"],
            )

        cohort = submit(form, open_cohort, request=request, success=_("The cohort is open."))
        if cohort:
            return redirect("programs:cohort", pk=cohort.pk)
    return render(request, "programs/program.html", {
        "program": program, "rules": eligibility.describe(program.eligibility),
        "cohorts": selectors.cohorts_for(request.user, program), "form": form,
    })


@role_required(ALL_ROLES)
def cohort_detail(request, pk):
    cohort, enrollments, sessions = selectors.cohort_page(request.user, pk)
    return render(request, "programs/cohort.html", {
        "cohort": cohort, "enrollments": enrollments, "sessions": sessions,
        "enroll_form": EnrollForm(cohort=cohort), "session_form": SessionForm(), "end_form": EndEnrollmentForm(),
    })


@role_required(WRITER_ROLES)
@require_POST
def enroll(request, pk):
    cohort, _enrollments, _sessions = selectors.cohort_page(request.user, pk)
    submit(EnrollForm(request.POST, cohort=cohort),
           lambda f: services.enroll(actor=request.user, cohort=cohort, participant=f.cleaned_data["participant"]),
           request=request, success=lambda enrolled: enrolled[1], invalid=_("Choose a participant."), flash=True)
    return redirect("programs:cohort", pk=cohort.pk)


@role_required(WRITER_ROLES)
@require_POST
def end_enrollment(request, pk):
    enrollment = object_or_404(Enrollment.objects.for_user(request.user).select_related("cohort", "participant"), pk)

    def end(form):
        promoted = services.end_enrollment(actor=request.user, enrollment=enrollment,
                                           outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"])
        messages.success(request, _("Saved."))
        if promoted:
            messages.success(request, _("%(name)s moved from the waiting list into the group.") % {
                "name": promoted.participant.full_name})

    submit(EndEnrollmentForm(request.POST), end, request=request, flash=True)
    return redirect("programs:cohort", pk=enrollment.cohort_id)


@role_required(WRITER_ROLES)
@require_POST
def session_create(request, pk):
    cohort, _enrollments, _sessions = selectors.cohort_page(request.user, pk)
    submit(SessionForm(request.POST), lambda f: services.add_session(actor=request.user, cohort=cohort,
                                                                    **f.cleaned_data),
           request=request, success=_("Saved."), invalid=_("Give the date and time of the session."), flash=True)
    return redirect("programs:cohort", pk=cohort.pk)


@role_required(ALL_ROLES)
def attendance(request, pk):
    """One sheet for the whole group at one session."""
    session = object_or_404(Session.objects.for_user(request.user).select_related("cohort__program"), pk)
    if request.method == "POST":
        if not request.user.is_superuser and request.user.staff.role not in WRITER_ROLES:
            raise Http404
        if submit(None, lambda _form: services.record_attendance(
            actor=request.user, session=session, present=request.POST.getlist("present"),
        ), request=request, success=_("Attendance saved.")):
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
    cohort, _enrollments, sessions = selectors.cohort_page(request.user, pk)
    response = HttpResponse(cohort_ics(cohort, sessions), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}.ics"'
    return response
