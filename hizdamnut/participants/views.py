from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.formflow import submit
from hizdamnut.navigation import participant_links

from . import selectors, services
from .forms import ParticipantForm, ParticipantSearchForm


@role_required(ALL_ROLES)
def participant_list(request):
    form = ParticipantSearchForm(request.GET or None, user=request.user)
    search, center = "", None
    if form.is_valid():
        search, center = form.cleaned_data["q"], form.cleaned_data["center"]
    page = Paginator(selectors.participants_for(request.user, search=search, center=center), 25).get_page(
        request.GET.get("page")
    )
    template = "participants/_results.html" if request.htmx else "participants/list.html"
    return render(request, template, {"form": form, "page": page, "search": search})


@role_required(ALL_ROLES)
def participant_detail(request, pk):
    participant = selectors.participant_for(request.user, pk)
    services.view_participant(actor=request.user, participant=participant)
    links = participant_links(request.user, participant)
    return render(request, "participants/detail.html", {"participant": participant, "journey_links": links})


@role_required(WRITER_ROLES)
def participant_create(request):
    form = ParticipantForm(request.POST or None, user=request.user)
    if request.method == "POST":
        participant = submit(form, lambda f: services.register_participant(
            actor=request.user, center=f.cleaned_data["center"], **f.service_fields()
        ), request=request, success=_("Saved."))
        if participant:
            return redirect("participants:detail", pk=participant.pk)
    return render(request, "participants/form.html", {"form": form})


@role_required(WRITER_ROLES)
def participant_update(request, pk):
    participant = selectors.participant_for(request.user, pk)
    form = ParticipantForm(request.POST or None, instance=participant, user=request.user)
    if request.method == "POST":
        # The form writes onto its instance while validating; the service gets a fresh copy.
        fresh = selectors.participant_for(request.user, pk)
        if submit(form, lambda f: services.update_participant(
            actor=request.user, participant=fresh, version=f.cleaned_data["version"], center=f.cleaned_data["center"],
            **f.service_fields()
        ), request=request, success=_("Saved.")):
            return redirect("participants:detail", pk=pk)
    return render(request, "participants/form.html", {"form": form, "participant": participant})
