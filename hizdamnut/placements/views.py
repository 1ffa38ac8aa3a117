import datetime

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hizdamnut.audit.services import record_read
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404, visible_centers
from hizdamnut.employers.models import Candidacy
from hizdamnut.form_submit import form_page, submit
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import sent_version

from . import indicators, match_outcomes, selectors, services
from .forms import EndPlacementForm, FollowUpForm, FollowUpOwnerForm, HireForm, PeriodForm, PlacementForm
from .models import FollowUp
from .rules import minimum_monthly_for

FOLLOW_UPS = Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner"))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _placed(request, placement):
    """After a placement is recorded: warn if the wage is below the legal minimum, then show the placement."""
    if placement.below_minimum_wage:
        messages.warning(request, _(
            "The wage is below the legal minimum (₪%(minimum)s a month for %(hours)s hours a week). "
            "Check the figure, or raise it with the employer.") % {
            "minimum": minimum_monthly_for(placement.hours_per_week, placement.start_date),
            "hours": placement.hours_per_week})
    return redirect("placements:detail", pk=placement.pk)


@role_required(WRITER_ROLES)
def hire(request, candidacy_pk):
    """Record a hire from the pipeline: the candidacy moves to hired and the placement is created."""
    candidacy = object_or_404(Candidacy.objects.for_user(request.user).select_related(
        "opening__employer__center", "participant__center"), candidacy_pk)
    form = HireForm(request.POST or None, initial={
        "role": candidacy.opening.title, "hours_per_week": candidacy.opening.hours_per_week,
        "start_date": timezone.localdate(), "contract_type": "permanent"})
    return form_page(request, form, lambda f: services.hire(actor=request.user, candidacy=candidacy, **f.cleaned_data),
                     template="placements/hire.html", context={"candidacy": candidacy},
                     success=_("Hired. The placement and its follow-ups are recorded."),
                     done=lambda placement: _placed(request, placement))


@role_required(WRITER_ROLES)
def placement_create(request, participant_pk):
    """Record a placement found outside the pipeline (another employer, or self-employment)."""
    participant = object_or_404(Participant.objects.for_user(request.user).select_related("center"), participant_pk)
    form = PlacementForm(request.POST or None, participant=participant, initial={"start_date": timezone.localdate()})
    return form_page(request, form, lambda f: services.record_placement(
        actor=request.user, participant=participant, **f.cleaned_data),
        template="placements/form.html", context={"participant": participant},
        success=_("The placement and its follow-ups are recorded."), done=lambda placement: _placed(request, placement))


@role_required(ALL_ROLES)
def participant_placements(request, participant_pk):
    participant = object_or_404(Participant.objects.for_user(request.user), participant_pk)
    placements = (selectors.placements_for(request.user).filter(participant=participant)
                  .prefetch_related(FOLLOW_UPS))
    record_read(request, placements, what="participant_placements", query={"participant": participant.pk})
    return render(request, "placements/participant.html", {"participant": participant, "placements": placements})


@role_required(ALL_ROLES)
def placement_detail(request, pk):
    placement = object_or_404(selectors.placements_for(request.user).prefetch_related(FOLLOW_UPS), pk)
    if request.method == "GET":
        record_read(request, placement)
    end_form = EndPlacementForm(request.POST or None)
    if request.method == "POST":
        if submit(end_form, lambda f: services.end_placement(
            actor=request.user, placement=placement, on=f.cleaned_data["ended_on"],
            reason=f.cleaned_data["end_reason"], version=sent_version(request),
        ), request=request, success=_("The job end is recorded; the participant is back in active accompaniment.")):
            return redirect("placements:detail", pk=pk)
    minimum = minimum_monthly_for(placement.hours_per_week, placement.start_date)
    return render(request, "placements/detail.html", {
        "placement": placement, "end_form": end_form, "minimum": minimum, "today": timezone.localdate()})


@role_required(WRITER_ROLES)
def follow_up_record(request, pk):
    follow_ups = FollowUp.objects.for_user(request.user).select_related("placement__participant__center", "owner")
    follow_up = object_or_404(follow_ups, pk)
    initial = {"done_on": timezone.localdate(), "employment": "same",
               "hours_per_week": follow_up.placement.hours_per_week, "monthly_wage": follow_up.placement.monthly_wage}
    form = FollowUpForm(request.POST or None, instance=follow_up if follow_up.is_done else None, initial=initial)
    if request.method == "POST":
        fresh = object_or_404(follow_ups, pk)
        if submit(form, lambda f: services.record_follow_up(actor=request.user, follow_up=fresh, **f.cleaned_data),
                  request=request, success=_("Saved.")):
            return redirect("placements:detail", pk=follow_up.placement_id)
    owner_form = FollowUpOwnerForm(center=follow_up.placement.participant.center,
                                   initial={"owner": follow_up.owner_id})
    return render(request, "placements/follow_up.html", {"form": form, "follow_up": follow_up,
                                                         "owner_form": owner_form})


@role_required(WRITER_ROLES)
@require_POST
def follow_up_owner(request, pk):
    """Gives the follow-up to another worker of the center."""
    follow_up = object_or_404(
        FollowUp.objects.for_user(request.user).select_related("placement__participant__center"), pk
    )
    form = FollowUpOwnerForm(request.POST, center=follow_up.placement.participant.center)
    submit(form, lambda f: services.reassign_follow_up(actor=request.user, follow_up=follow_up,
                                                       owner=f.cleaned_data["owner"], version=sent_version(request)),
           request=request, success=_("The follow-up was reassigned."), flash=True)
    return redirect("placements:follow_up", pk=pk)


@role_required(ALL_ROLES)
def follow_ups_due(request):
    """HTML fragment: the current user's participants' follow-ups that are due soon or overdue."""
    return render(request, "placements/_home_follow_ups.html", {
        "follow_ups": selectors.follow_ups_due_for(request.user), "today": timezone.localdate()})


def default_period(today=None):
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


def _period(request):
    """The outcome pages' period form and the period it asks for (this calendar year unless the query names one)."""
    start, end = default_period()
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


@role_required(ALL_ROLES)
def outcomes(request):
    form, start, end = _period(request)
    results = indicators.all_indicators(centers=visible_centers(request.user), start=start, end=end)
    return render(request, "placements/outcomes.html", {"form": form, "results": results, "start": start, "end": end})


@role_required(ALL_ROLES)
def match_outcomes_page(request):
    """Placements and 3/6-month retention by occupation group and by match score band, as JSON or xlsx on request."""
    form, start, end = _period(request)
    report = match_outcomes.match_outcomes(centers=visible_centers(request.user), start=start, end=end)
    export = request.GET.get("format")
    if export == "json":
        return JsonResponse(report, json_dumps_params={"ensure_ascii": False})
    if export == "xlsx":
        response = HttpResponse(match_outcomes.xlsx_bytes(report), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="match-outcomes-{start}-{end}.xlsx"'
        return response
    return render(request, "placements/match_outcomes.html", {"form": form, "report": report})
