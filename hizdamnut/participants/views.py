from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hizdamnut.audit.services import record_read
from hizdamnut.centers.permissions import has_role, role_required
from hizdamnut.centers.privacy import allowed_search, redact
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.form_submit import submit
from hizdamnut.navigation import participant_links

from . import selectors, services
from .file import file_for
from .forms import ParticipantForm, ParticipantSearchForm
from .models import Participant
from .privacy import EXPORT_ROLES
from .records import Records
from .timeline import timeline_for

# How many people a picker offers at once: enough to choose among namesakes, few enough to read.
PICKER_SIZE = 10


@role_required(ALL_ROLES)
def participant_list(request):
    form = ParticipantSearchForm(request.GET or None, user=request.user)
    search, center = "", None
    if form.is_valid():
        search, center = allowed_search(request.user, form.cleaned_data["q"]), form.cleaned_data["center"]
    page = Paginator(selectors.participants_for(request.user, search=search, center=center), 25).get_page(
        request.GET.get("page")
    )
    record_read(request, page.object_list, what="participant_search" if search else "participant_list",
                query={"q": search, "center": center}, count=page.paginator.count, model=Participant)
    page.object_list = [redact(request.user, participant) for participant in page.object_list]
    template = "participants/_results.html" if request.htmx else "participants/list.html"
    return render(request, template, {"form": form, "page": page, "search": search})

# The file shows the latest events; the timeline page has them all.
RECENT_EVENTS = 12


@role_required(ALL_ROLES)
def participant_detail(request, pk):
    participant = selectors.participant_for(request.user, pk)
    services.view_participant(actor=request.user, participant=participant)
    participant = redact(request.user, participant)
    links = participant_links(request.user, participant)
    # The file's sections and the timeline show many of the same rows: each kind is read once for both.
    records = Records(request.user, participant)
    return render(request, "participants/detail.html", {
        "participant": participant, "journey_links": links,
        "file": file_for(request.user, participant, records=records),
        "events": timeline_for(request.user, participant, records=records, limit=RECENT_EVENTS),
        "can_export_record": has_role(request.user, EXPORT_ROLES),
    })


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


@role_required(ALL_ROLES)
def participant_picker(request):
    """The people a picker offers for what was typed (name, ID digits or phone): a few, each told apart."""
    field = request.GET.get("field", "participant")
    query = (request.GET.get(f"{field}_search") or request.GET.get("q") or "").strip()
    people = []
    if len(query) >= 2:
        people = list(Participant.objects.for_user(request.user).select_related("center").search(query)
                      .order_by("last_name", "first_name", "pk")[:PICKER_SIZE])
    return render(request, "participants/widgets/_choices.html",
                  {"people": people, "field": field, "searched": bool(query)})
