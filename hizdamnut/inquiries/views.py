from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.audit.services import record_read
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.privacy import redact
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404, visible_centers
from hizdamnut.form_submit import already_sent, submit
from hizdamnut.participants.forms import ParticipantForm, ParticipantQueryForm
from hizdamnut.participants.models import Participant
from hizdamnut.participants.validators import normalize_israeli_id
from hizdamnut.versioning import sent_version

from . import eligibility, indicators, selectors, services
from .forms import (
    InquiryForm,
    LinkParticipantForm,
    OverrideForm,
    ReportFilterForm,
    ScheduleIntakeForm,
    ScreeningForm,
    StatusForm,
    SubcategoryQueryForm,
    subcategory_choices,
)
from .models import OPEN_STATUSES, Inquiry, InquiryCategory, Screening


@role_required(ALL_ROLES)
def queue(request):
    """Open inquiries with their age; those waiting past the center's setting stand out."""
    rows = selectors.open_queue(request.user, today=timezone.localdate())
    closed = list(selectors.inquiries_for(request.user).exclude(status__in=OPEN_STATUSES)
                  .order_by("-status_changed_at", "-pk")[:10])
    record_read(request, rows + closed, what="inquiry_queue", model=Inquiry)
    return render(request, "inquiries/queue.html", {
        "rows": [redact(request.user, row) for row in rows], "overdue": sum(1 for r in rows if r.overdue),
        "recent_closed": [redact(request.user, row) for row in closed],
    })


def _typed_person(data):
    return {name: (data.get(name) or "").strip() for name in ("first_name", "last_name", "phone", "id_number")}


@role_required(WRITER_ROLES)
def subcategories(request):
    """htmx: the <option>s of the detailed reasons under the main reason just chosen."""
    category = SubcategoryQueryForm(request.GET).cleaned_or_404()["category"]
    parents = list(InquiryCategory.objects.filter(parent__isnull=True).prefetch_related("children"))
    choices = subcategory_choices(parents, category.pk if category else None)
    return render(request, "inquiries/_subcategory_options.html", {
        "options": [choice for choice in choices if not isinstance(choice[1], list)],
        "groups": [choice for choice in choices if isinstance(choice[1], list)],
        "selected": request.GET.get("subcategory", ""),
    })


@role_required(WRITER_ROLES)
def inquiry_create(request):
    """Records an inquiry; a caller who is likely already known is offered before anything is saved."""
    participant = ParticipantQueryForm(request.GET, user=request.user).cleaned_or_404()["participant"]
    form = InquiryForm(request.POST or None, user=request.user, participant=participant)
    matches, earlier = [], []

    def known_by_id(center, id_number):
        return id_number and Participant.objects.for_user(request.user).filter(
            center=center, id_number=normalize_israeli_id(id_number)).first()

    def record(form):
        fields = form.service_fields()
        center = form.cleaned_data["center"]
        if participant is None:
            chosen = request.POST.get("same_person", "")
            known = (Participant.objects.for_user(request.user).filter(center=center, pk=chosen).first()
                     if chosen.isdigit() else known_by_id(center, fields.get("id_number")))
            if chosen and not known:
                raise ValidationError({"participant": _("This participant belongs to another center.")})
            if known:
                fields.update(participant=known, first_name="", last_name="", phone="", id_number="")
        return services.record_inquiry(actor=request.user, center=center, **fields)

    if request.method == "POST":
        if (participant is None and not request.POST.get("same_person") and "new_person" not in request.POST
                and form.is_valid() and not already_sent(form, request.user)):
            # "Did you mean…": a likely match stops the first submit, unless the ID number already names the person.
            center, typed = form.cleaned_data["center"], _typed_person(form.cleaned_data)
            if not known_by_id(center, typed["id_number"]):
                matches = selectors.likely_matches(request.user, center=center, **typed)
                earlier = selectors.earlier_inquiries(request.user, center=center, phone=typed["phone"],
                                                      id_number=typed["id_number"])
        if not matches and not earlier:
            inquiry = submit(form, record, request=request, success=_("The inquiry was recorded."))
            if inquiry:
                return redirect("inquiries:detail", pk=inquiry.pk)
    return render(request, "inquiries/form.html", {"form": form, "participant": participant, "matches": matches,
                                                   "earlier": earlier, "asking": bool(matches or earlier)})


@role_required(WRITER_ROLES)
def likely_matches(request):
    """As the caller's name, phone or ID is typed: the people already known who may be this caller (htmx)."""
    typed = _typed_person(request.GET)
    center = None
    if request.GET.get("center", "").isdigit():
        center = visible_centers(request.user).filter(pk=request.GET["center"]).first()
    return render(request, "inquiries/_matches.html", {
        "matches": selectors.likely_matches(request.user, center=center, **typed),
        "earlier": selectors.earlier_inquiries(request.user, center=center, phone=typed["phone"],
                                               id_number=typed["id_number"]),
    })


@role_required(ALL_ROLES)
def inquiry_detail(request, pk):
    inquiry = selectors.inquiry_for(request.user, pk)
    record_read(request, inquiry)
    inquiry = redact(request.user, inquiry)
    screenings = list(inquiry.screenings.all())
    actions = services.allowed_actions(inquiry=inquiry, user=request.user)
    return render(request, "inquiries/detail.html", {
        "inquiry": inquiry,
        "actions": actions,
        "screening": screenings[0] if screenings else None,
        "status_form": StatusForm(allowed=actions.next_statuses),
        "schedule_form": ScheduleIntakeForm(center=inquiry.center, initial={
            "intake_starts_at": inquiry.intake_starts_at, "intake_staff": inquiry.intake_staff_id}),
        "override_form": OverrideForm(),
        "age_days": (timezone.localdate() - inquiry.received_on).days,
        **_link_context(request, inquiry, actions),
    })


def _link_context(request, inquiry, actions):
    """For an inquiry not linked to anyone: the people already known who may be its caller, and a picker."""
    if inquiry.participant_id or not actions.register:
        return {}
    return {
        "matches": selectors.likely_matches(request.user, center=inquiry.center, **_typed_person(vars(inquiry))),
        "link_form": LinkParticipantForm(inquiry=inquiry, user=request.user),
    }


@role_required(WRITER_ROLES)
def inquiry_link(request, pk):
    """Links the inquiry to a participant already registered (a repeat caller)."""
    inquiry = selectors.inquiry_for(request.user, pk)
    if request.method == "POST":
        submit(LinkParticipantForm(request.POST, inquiry=inquiry, user=request.user),
               lambda f: services.link_participant(inquiry=inquiry, participant=f.cleaned_data["participant"],
                                                   actor=request.user, version=sent_version(request)),
               request=request, success=_("The inquiry was linked to the participant."), flash=True,
               invalid=_("Choose the participant."))
    return redirect("inquiries:detail", pk=inquiry.pk)


def _inquiry_action(request, pk, form_class, save, success):
    """A small form posted from the inquiry's page: `save(inquiry, data)`, the outcome flashed there."""
    inquiry = selectors.inquiry_for(request.user, pk)
    if request.method == "POST":
        submit(form_class(request.POST), lambda f: save(inquiry, f.cleaned_data), request=request, success=success,
               flash=True)
    return redirect("inquiries:detail", pk=inquiry.pk)


@role_required(WRITER_ROLES)
def inquiry_status(request, pk):
    return _inquiry_action(request, pk, StatusForm, lambda inquiry, data: services.change_inquiry_status(
        inquiry=inquiry, status=data["status"], actor=request.user, note=data["note"], version=sent_version(request),
    ), _("The status was updated."))


@role_required(WRITER_ROLES)
def inquiry_schedule(request, pk):
    inquiry = selectors.inquiry_for(request.user, pk)
    if request.method == "POST":
        submit(ScheduleIntakeForm(request.POST, center=inquiry.center), lambda f: services.schedule_intake(
            inquiry=inquiry, starts_at=f.cleaned_data["intake_starts_at"], staff=f.cleaned_data["intake_staff"],
            actor=request.user, version=sent_version(request),
        ), request=request, success=_("The intake meeting was scheduled."), flash=True)
    return redirect("inquiries:detail", pk=inquiry.pk)


@role_required(WRITER_ROLES)
def inquiry_screen(request, pk):
    inquiry = selectors.inquiry_for(request.user, pk)
    initial = {}
    if inquiry.participant_id:
        p = inquiry.participant
        initial = {"birth_date": p.birth_date, "city": p.city_id,
                   "welfare_file_last_active": p.welfare_file_last_active if p.has_welfare_file else None}
    form = ScreeningForm(request.POST or None, initial=initial)
    if request.method == "POST" and submit(
        form, lambda f: services.screen_inquiry(inquiry=inquiry, applicant=f.applicant(), actor=request.user),
        request=request, success=_("The screening was recorded."),
    ):
        return redirect("inquiries:detail", pk=inquiry.pk)
    return render(request, "inquiries/screen.html", {"form": form, "inquiry": inquiry,
                                                     "rules": eligibility.load_rules()})


@role_required(WRITER_ROLES)
def screening_override(request, pk):
    screening = object_or_404(Screening.objects.for_user(request.user).select_related("inquiry__center"), pk)
    form = OverrideForm(request.POST or None)
    if request.method == "POST":
        submit(form, lambda f: services.override_screening(
            screening=screening, decision=f.cleaned_data["override_decision"],
            reason=f.cleaned_data["override_reason"], actor=request.user),
            request=request, success=_("The override was recorded."), flash=True,
            invalid=_("Choose a decision and write why."))
    return redirect("inquiries:detail", pk=screening.inquiry_id)


@role_required(WRITER_ROLES)
def inquiry_register(request, pk):
    """Registers the inquiry's person, the form prefilled from the inquiry and its screening."""
    inquiry = selectors.inquiry_for(request.user, pk)
    if inquiry.participant_id:
        return redirect("participants:detail", pk=inquiry.participant_id)
    initial = {"center": inquiry.center_id, "first_name": inquiry.first_name, "last_name": inquiry.last_name,
               "phone": inquiry.phone, "id_number": inquiry.id_number}
    screenings = list(inquiry.screenings.all())
    if screenings:
        answers = screenings[0].answers
        initial.update(birth_date=answers.get("birth_date"), city=answers.get("city_id"))
        if answers.get("welfare_file_last_active"):
            initial.update(has_welfare_file=True, welfare_file_last_active=answers["welfare_file_last_active"])
    form = ParticipantForm(request.POST or None, user=request.user, initial=initial)
    form.fields["center"].disabled = True
    if request.method == "POST" and submit(
        form, lambda f: services.register_from_inquiry(inquiry=inquiry, actor=request.user, **f.service_fields()),
        request=request, success=_("The participant was registered."),
    ):
        return redirect("inquiries:detail", pk=inquiry.pk)
    return render(request, "inquiries/register.html", {"form": form, "inquiry": inquiry})


@role_required(ALL_ROLES)
def rules(request):
    """The eligibility rules as a center admin reads them (the data in rules/eligibility.json)."""
    rules_data = eligibility.load_rules()
    year = timezone.localdate().year
    mixes = [(center, eligibility.file_holder_mix(center, year)) for center in visible_centers(request.user)[:20]]
    criteria = [eligibility.criterion_label(item) for item in rules_data["welfare_profile"]["criteria"]]
    return render(request, "inquiries/rules.html", {"rules": rules_data, "criteria": criteria, "mixes": mixes,
                                                    "year": year})


@role_required(ALL_ROLES)
def report(request):
    """The inquiry report (same numbers as `inquiry_report`) with a chart."""
    form = ReportFilterForm(request.GET or None, user=request.user)
    queryset = Inquiry.objects.for_user(request.user)
    if form.is_valid():
        if form.cleaned_data["center"]:
            queryset = queryset.filter(center=form.cleaned_data["center"])
        if form.cleaned_data["year"]:
            queryset = queryset.filter(received_on__year=form.cleaned_data["year"])
    data = indicators.inquiry_report(queryset)
    chart = {"labels": [c["label"] for c in data["categories"]], "counts": [c["count"] for c in data["categories"]]}
    return render(request, "inquiries/report.html", {"form": form, "report": data, "chart": chart})
