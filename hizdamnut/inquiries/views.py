from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.audit.services import record_read
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.privacy import redact
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.formflow import submit
from hizdamnut.participants.forms import ParticipantForm, ParticipantQueryForm
from hizdamnut.participants.models import Participant
from hizdamnut.participants.validators import normalize_israeli_id

from . import eligibility, indicators, selectors, services
from .forms import InquiryForm, OverrideForm, ReportFilterForm, ScheduleIntakeForm, ScreeningForm, StatusForm
from .models import OPEN_STATUSES, Inquiry, Screening


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


@role_required(WRITER_ROLES)
def inquiry_create(request):
    participant = ParticipantQueryForm(request.GET, user=request.user).cleaned_or_404()["participant"]
    form = InquiryForm(request.POST or None, user=request.user, participant=participant)

    def record(form):
        fields = form.service_fields()
        center = form.cleaned_data["center"]
        if participant is None and fields.get("id_number"):
            known = Participant.objects.for_user(request.user).filter(
                center=center, id_number=normalize_israeli_id(fields["id_number"])).first()
            if known:
                fields.update(participant=known, first_name="", last_name="", phone="", id_number="")
        return services.record_inquiry(actor=request.user, center=center, **fields)

    if request.method == "POST":
        inquiry = submit(form, record, request=request, success=_("The inquiry was recorded."))
        if inquiry:
            return redirect("inquiries:detail", pk=inquiry.pk)
    return render(request, "inquiries/form.html", {"form": form, "participant": participant})


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
        "schedule_form": ScheduleIntakeForm(initial={"intake_scheduled_on": inquiry.intake_scheduled_on}),
        "override_form": OverrideForm(),
        "age_days": (timezone.localdate() - inquiry.received_on).days,
    })


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
        inquiry=inquiry, status=data["status"], actor=request.user, note=data["note"],
    ), _("The status was updated."))


@role_required(WRITER_ROLES)
def inquiry_schedule(request, pk):
    return _inquiry_action(request, pk, ScheduleIntakeForm, lambda inquiry, data: services.schedule_intake(
        inquiry=inquiry, on=data["intake_scheduled_on"], actor=request.user,
    ), _("The intake meeting was scheduled."))


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
    from hizdamnut.centers.scoping import visible_centers

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
