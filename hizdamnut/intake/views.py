from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.audit.services import record_read
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.privacy import redact
from hizdamnut.centers.roles import ALL_ROLES, CASEWORK_ROLES, WRITER_ROLES
from hizdamnut.form_submit import submit

from . import routing, selectors, services
from .forms import (
    IntakeMeetingForm,
    PersonQueryForm,
    ReferralFilterForm,
    ReferralForm,
    ReferralUpdateForm,
    RoutingDecisionForm,
)
from .models import ReferralStatus


def _person_from_query(request):
    """The inquiry and/or participant named in ?inquiry= or ?participant= (404 if not the user's)."""
    query = PersonQueryForm(request.GET, user=request.user).cleaned_or_404()
    inquiry = query["inquiry"]
    return inquiry, query["participant"] or (inquiry.participant if inquiry else None)


@role_required(CASEWORK_ROLES)
def intake_create(request):
    inquiry, participant = _person_from_query(request)
    if participant is None:
        if inquiry is not None:
            messages.warning(request, _("Register the person before the intake meeting."))
            return redirect("inquiries:register", pk=inquiry.pk)
        raise Http404
    initial = {"languages": participant.languages}
    form = IntakeMeetingForm(request.POST or None, initial=initial, center=participant.center, user=request.user)
    if request.method == "POST":
        meeting = submit(form, lambda f: services.record_intake_meeting(
            actor=request.user, participant=participant, inquiry=inquiry, **f.service_fields()),
            request=request, success=_("The intake meeting was recorded."))
        if meeting:
            return redirect("intake:detail", pk=meeting.pk)
    return render(request, "intake/form.html", {"form": form, "participant": participant, "inquiry": inquiry})


@role_required(ALL_ROLES)
def intake_detail(request, pk):
    meeting = redact(request.user, selectors.meeting_for(request.user, pk))
    record_read(request, meeting)
    decisions = list(meeting.decisions.all())
    context = {"meeting": meeting, "decision": decisions[0] if decisions else None, **routing.explain(meeting)}
    if not decisions:
        context["form"] = RoutingDecisionForm(
            center=meeting.participant.center,
            initial={"response": context["recommendation"].response,
                     "case_worker": meeting.participant.case_worker_id},
        )
    return render(request, "intake/detail.html", context)


@role_required(CASEWORK_ROLES)
def intake_decide(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    form = RoutingDecisionForm(request.POST or None, center=meeting.participant.center)

    def decide(form):
        data = form.cleaned_data
        return services.record_routing_decision(
            intake=meeting, response=data["response"], actor=request.user,
            participant_agreed=data["participant_agreed"], override_reason=data["override_reason"],
            decided_on=data["decided_on"], case_worker=data["case_worker"],
        )

    if request.method == "POST" and submit(form, decide, request=request,
                                           success=_("The shared decision was recorded.")):
        return redirect("intake:detail", pk=meeting.pk)
    return render(request, "intake/detail.html", {"meeting": meeting, "decision": None, "form": form,
                                                  **routing.explain(meeting)})


@role_required(ALL_ROLES)
def model(request):
    """The routing model as staff read it: rules in order, barriers with their weights (rules/routing.json)."""
    data = routing.load_model()
    return render(request, "intake/model.html", {"model": data, "rules": routing.describe_rules(data),
                                                 "catalog": routing.labelled_catalog(data)})


@role_required(ALL_ROLES)
def referral_list(request):
    queryset = selectors.referrals_for(request.user)
    query = ReferralFilterForm(request.GET)
    status = query.cleaned_data["status"] if query.is_valid() else ""  # an unknown status filters nothing
    if status:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, 25).get_page(query.data.get("page"))
    return render(request, "intake/referrals.html", {"page": page, "statuses": ReferralStatus.choices,
                                                     "status": status, "today": timezone.localdate()})


@role_required(WRITER_ROLES)
def referral_create(request):
    inquiry, participant = _person_from_query(request)
    if inquiry is None and participant is None:
        raise Http404
    form = ReferralForm(request.POST or None, user=request.user)
    if request.method == "POST":
        referral = submit(form, lambda f: services.create_referral(
            actor=request.user, participant=participant, inquiry=inquiry, **f.cleaned_data),
            request=request, success=_("The referral was recorded."))
        if referral:
            return redirect("intake:referral_detail", pk=referral.pk)
    name = participant.full_name if participant else inquiry.person_name
    return render(request, "intake/referral_form.html", {"form": form, "name": name})


@role_required(ALL_ROLES)
def referral_detail(request, pk):
    referral = selectors.referral_for(request.user, pk)
    form = ReferralUpdateForm(request.POST or None, initial={"status": referral.status,
                                                             "follow_up_on": referral.follow_up_on})
    if request.method == "POST" and submit(form, lambda f: services.update_referral(
        referral=referral, actor=request.user, status=f.cleaned_data["status"],
        follow_up_on=f.cleaned_data["follow_up_on"],
    ), request=request, success=_("Saved.")):
        return redirect("intake:referral_detail", pk=referral.pk)
    return render(request, "intake/referral_detail.html", {"referral": referral, "form": form})
