from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.scoping import object_or_404, user_role
from hizdamnut.form_submit import submit
from hizdamnut.participants import selectors as participant_selectors
from hizdamnut.participants import services as participant_services
from hizdamnut.participants.timeline import timeline_for
from hizdamnut.versioning import sent_version

from . import selectors, services
from .access import READ_ROLES, TEAM_VIEW_ROLES, WRITE_ROLES
from .agenda import agenda_for
from .calendar import meetings_calendar
from .forms import AssessmentForm, CaseloadFilterForm, GoalForm, MeetingForm, NoteForm, StatusForm, TaskForm, VisionForm
from .models import SKILL_FIELDS, Goal, Level, Skill, SkillField, Task


def _may_write_therapeutic(user):
    return user_role(user) in services.THERAPEUTIC_AUTHORS


CASELOAD_PAGE_SIZE = 50


@role_required(READ_ROLES)
def caseload(request):
    """A worker's caseload; managers also see every worker's caseload size and overdue tasks."""
    role = user_role(request.user)
    worker = request.user
    if role in TEAM_VIEW_ROLES:
        form = CaseloadFilterForm(request.GET, user=request.user)
        if not form.is_valid():  # not a number, or not a worker of the user's centers
            raise Http404
        worker = form.cleaned_data["worker"] or request.user
    rows = selectors.caseload(request.user, worker)
    team = selectors.team_caseloads(request.user) if role in TEAM_VIEW_ROLES else None
    # The figures count the whole caseload; the table shows one page of it (a long caseload stays quick to read).
    page = rows.page(request.GET.get("page"), CASELOAD_PAGE_SIZE)
    context = {
        "worker": worker,
        "rows": rows,
        "page": page,
        "params": urlencode({"worker": worker.pk}) if worker != request.user else "",
        "outreach_count": rows.outreach,
        "overdue_count": rows.overdue_tasks,
        "team": team,
        # Managers land on the team's caseloads; their own list follows when they have one.
        "team_view": team is not None and worker == request.user,
        "agenda": agenda_for(request.user, worker),
    }
    return render(request, "plans/caseload.html", context)


@role_required(READ_ROLES)
def participant_plan(request, pk):
    participant = participant_selectors.participant_for(request.user, pk)
    participant_services.view_participant(actor=request.user, participant=participant)
    context = selectors.plan_page(request.user, participant)
    context.update(
        participant=participant,
        vision_form=VisionForm(initial={"vision": context["plan"].vision if context["plan"] else "",
                                        "version": context["plan"].version if context["plan"] else None}),
        goal_form=GoalForm(),
        task_form=TaskForm(),
    )
    return render(request, "plans/participant.html", context)


def _plan_form_page(title, make_form, save):
    """A write page with one form about a participant's plan; on success it returns to the plan.

    `make_form(request, participant)` builds the form, `save(actor, participant, data)` calls the service.
    """

    @role_required(WRITE_ROLES)
    def view(request, pk):
        participant = participant_selectors.participant_for(request.user, pk)
        form = make_form(request, participant)
        if request.method == "POST" and submit(form, lambda f: save(request.user, participant, f.cleaned_data),
                                               request=request, success=_("Saved.")):
            return redirect("plans:participant", pk=participant.pk)
        return render(request, "plans/form.html", {"participant": participant, "form": form, "title": title})

    return view


vision_update = _plan_form_page(
    gettext_lazy("Occupational vision"),
    lambda request, participant: VisionForm(request.POST or None),
    lambda actor, participant, data: services.update_vision(actor=actor, participant=participant,
                                                            vision=data["vision"], version=data["version"]),
)
goal_create = _plan_form_page(
    gettext_lazy("New goal"),
    lambda request, participant: GoalForm(request.POST or None),
    lambda actor, participant, data: services.add_goal(actor=actor, participant=participant, **data),
)
task_create = _plan_form_page(
    gettext_lazy("New task"),
    lambda request, participant: TaskForm(request.POST or None),
    lambda actor, participant, data: services.add_task(actor=actor, participant=participant, **data),
)
meeting_create = _plan_form_page(
    gettext_lazy("Record a meeting"),
    lambda request, participant: MeetingForm(
        request.POST or None, may_write_therapeutic=_may_write_therapeutic(request.user),
        initial={"starts_at": timezone.localtime().replace(second=0, microsecond=0)}),
    lambda actor, participant, data: services.record_meeting(actor=actor, participant=participant, **data),
)
note_create = _plan_form_page(
    gettext_lazy("New note"),
    lambda request, participant: NoteForm(request.POST or None,
                                          may_write_therapeutic=_may_write_therapeutic(request.user)),
    lambda actor, participant, data: services.add_note(actor=actor, participant=participant, **data),
)
status_change = _plan_form_page(
    gettext_lazy("Change status"),
    lambda request, participant: StatusForm(request.POST or None,
                                            initial={"status": participant.status, "on": timezone.localdate(),
                                                     "version": participant.version}),
    lambda actor, participant, data: services.change_participant_status(
        actor=actor, participant=participant, status=data["status"], on=data["on"], reason=data["reason"],
        note=data["note"], expected_return=data["expected_return"], version=data["version"],
    ),
)


@role_required(WRITE_ROLES)
@require_POST
def goal_status(request, pk):
    goal, _saved = _post_status(request, Goal, pk, lambda goal, status: services.set_goal_status(
        actor=request.user, goal=goal, status=status, version=sent_version(request)))
    return redirect("plans:participant", pk=goal.plan.participant_id)


def _post_status(request, model, pk, set_status):
    """A goal's or task's status from a POST, through its service; returns the item (for the redirect) and whether
    it was saved (a refusal is flashed)."""
    item = object_or_404(model.objects.for_user(request.user).select_related("plan__participant"), pk)
    saved = submit(None, lambda _form: set_status(item, request.POST.get("status", "")), request=request)
    return item, saved is not None


@role_required(WRITE_ROLES)
@require_POST
def task_status(request, pk):
    task, saved = _post_status(request, Task, pk, lambda task, status: services.set_task_status(
        actor=request.user, task=task, status=status, version=sent_version(request)))
    if request.htmx and not saved:
        # Refused (someone else changed the task since the page was drawn): reload, showing why and what is now.
        return HttpResponse(status=409, headers={"HX-Refresh": "true"})
    if request.htmx:
        return render(request, "plans/_task_row.html", {"task": task, "today": timezone.localdate(),
                                                         "user_can_write": True})
    return redirect("plans:participant", pk=task.plan.participant_id)


@role_required(READ_ROLES)
def timeline(request, pk):
    participant = participant_selectors.participant_for(request.user, pk)
    participant_services.view_participant(actor=request.user, participant=participant)
    return render(request, "plans/timeline.html",
                  {"participant": participant, "events": timeline_for(request.user, participant)})


@role_required(READ_ROLES)
def skills(request, pk):
    participant = participant_selectors.participant_for(request.user, pk)
    form = AssessmentForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST":
        if user_role(request.user) not in WRITE_ROLES and not request.user.is_superuser:
            raise Http404
        if submit(form, lambda f: services.record_assessment(
            actor=request.user, participant=participant, assessed_on=f.cleaned_data["assessed_on"], levels=f.levels(),
        ), request=request, success=_("Saved.")):
            return redirect("plans:skills", pk=participant.pk)
    assessments = selectors.skills_series(participant)
    labels = [formats.date_format(a.assessed_on, "SHORT_DATE_FORMAT") for a in assessments]
    datasets = []
    for skill in Skill:
        points = []
        for assessment in assessments:
            level = next((s.level for s in assessment.scores.all() if s.skill == skill.value), None)
            points.append(level)
        if any(point is not None for point in points):
            datasets.append({"label": str(skill.label), "field": SKILL_FIELDS[skill].value, "data": points})
    return render(request, "plans/skills.html", {
        "participant": participant, "form": form, "assessments": assessments,
        "chart": {"labels": labels, "datasets": datasets,
                  "fields": {field.value: str(field.label) for field in SkillField},
                  "levels": {level.value: str(level.label) for level in Level}},
        "skills": [(skill, SKILL_FIELDS[skill]) for skill in Skill],
    })


@role_required(READ_ROLES)
def worker_calendar(request, worker_id=None):
    """The .ics feed of a worker's meetings (one's own, or a teammate's for those who see the team)."""
    worker = selectors.calendar_worker(request.user, worker_id)
    body = meetings_calendar(request.user, worker)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meetings-{worker.pk}.ics"'
    return response

