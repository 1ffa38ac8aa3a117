from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.audit.services import record_read
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES, WRITER_ROLES
from hizdamnut.centers.scoping import object_or_404
from hizdamnut.form_submit import form_page, submit
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import sent_version

from . import matching, profiles, selectors, services
from .forms import (
    AgreementForm,
    CandidateProfileForm,
    ContactForm,
    EmployerForm,
    EmployerQueryForm,
    InteractionForm,
    LocationForm,
    MoveForm,
    OpeningForm,
    RecommendAnyoneForm,
    candidate_filter_form,
    opening_filter_form,
)
from .models import OPEN_STAGES, Candidacy, CandidateProfile, Employer, JobOpening, Stage

SECTION_FORMS = {
    "location": (LocationForm, services.add_location),
    "contact": (ContactForm, services.add_contact),
    "agreement": (AgreementForm, services.add_agreement),
    "interaction": (InteractionForm, services.log_interaction),
}


@role_required(ALL_ROLES)
def employer_list(request):
    """The employer-relations lead's page: open positions, candidates in progress, employers."""
    openings = selectors.openings_for(request.user).filter(status=JobOpening.Status.OPEN).order_by("-opened_on")[:50]
    in_progress = (selectors.candidacies_for(request.user).filter(stage__in=OPEN_STAGES)
                   .order_by("-recommended_on", "-pk")[:50])
    hired = (selectors.candidacies_for(request.user).filter(stage=Stage.HIRED).select_related("placement")
             .order_by("-decided_on", "-pk")[:10])
    employers = selectors.employers_for(request.user)
    return render(request, "employers/list.html", {
        "openings": openings, "in_progress": in_progress, "hired": hired, "employers": employers,
        "unclassified_openings": selectors.unclassified_openings(request.user)[:50],
        "unclassified_profiles": selectors.unclassified_profiles(request.user)[:50],
    })


def _form_page(request, form, save, *, detail, title):
    """An add or edit page of this app: once saved, the `detail` page (a URL name) of what `save` returned."""
    return form_page(request, form, save, template="employers/form.html", context={"title": title},
                     success=_("Saved."), done=lambda saved: redirect(detail, pk=saved.pk))


@role_required(WRITER_ROLES)
def employer_create(request):
    form = EmployerForm(request.POST or None, user=request.user)
    return _form_page(request, form, lambda f: services.save_employer(actor=request.user, **f.cleaned_data),
                      detail="employers:detail", title=_("New employer"))


@role_required(WRITER_ROLES)
def employer_update(request, pk):
    employer = object_or_404(Employer.objects.for_user(request.user), pk)
    form = EmployerForm(request.POST or None, instance=employer, user=request.user)
    fresh = lambda: object_or_404(Employer.objects.for_user(request.user), pk)  # noqa: E731
    return _form_page(request, form,
                      lambda f: services.save_employer(actor=request.user, employer=fresh(), **f.cleaned_data),
                      detail="employers:detail", title=employer.name)


@role_required(ALL_ROLES)
def employer_detail(request, pk):
    employer = object_or_404(Employer.objects.for_user(request.user).select_related("center").prefetch_related(
        "locations__city", "contacts", "agreements", "interactions__recorded_by"), pk)
    forms = {}
    for kind, (form_class, _service) in SECTION_FORMS.items():
        forms[kind] = form_class(prefix=kind)
    if request.method == "POST":
        kind = request.POST.get("section")
        if kind not in SECTION_FORMS:
            raise Http404
        form_class, service = SECTION_FORMS[kind]
        form = forms[kind] = form_class(request.POST, prefix=kind)
        if submit(form, lambda f: service(actor=request.user, employer=employer, **f.cleaned_data),
                  request=request, success=_("Saved.")):
            return redirect("employers:detail", pk=employer.pk)
    openings = selectors.openings_for(request.user).filter(employer=employer)
    return render(request, "employers/detail.html", {"employer": employer, "forms": forms, "openings": openings})


@role_required(ALL_ROLES)
def employer_board(request, pk):
    employer = object_or_404(Employer.objects.for_user(request.user), pk)
    candidacies = selectors.candidacies_for(request.user).filter(opening__employer=employer)
    return render(request, "employers/board.html", {"employer": employer, "columns": selectors.board(candidacies)})


@role_required(WRITER_ROLES)
def opening_create(request):
    query = EmployerQueryForm(request.GET, user=request.user).cleaned_or_404()
    initial = {"employer": query["employer"], "opened_on": timezone.localdate()}
    form = OpeningForm(request.POST or None, user=request.user, initial=initial)
    return _form_page(request, form, lambda f: services.save_opening(actor=request.user, **f.service_fields()),
                      detail="employers:opening", title=_("New job opening"))


@role_required(WRITER_ROLES)
def opening_update(request, pk):
    opening = object_or_404(JobOpening.objects.for_user(request.user), pk)
    form = OpeningForm(request.POST or None, user=request.user, instance=opening)
    fresh = lambda: object_or_404(JobOpening.objects.for_user(request.user), pk)  # noqa: E731
    return _form_page(request, form,
                      lambda f: services.save_opening(actor=request.user, opening=fresh(), **f.service_fields()),
                      detail="employers:opening", title=opening.title)


@role_required(ALL_ROLES)
def opening_detail(request, pk):
    """An opening with its board and the ranked participants ready for work, each with reasons."""
    opening = object_or_404(JobOpening.objects.for_user(request.user).select_related("employer__center", "city"), pk)
    candidacies = list(selectors.candidacies_for(request.user).filter(opening=opening)
                       .select_related("placement"))
    already = {c.participant_id for c in candidacies}
    form = candidate_filter_form(request.GET or None, user=request.user)
    ranked = (matching.candidates_for(opening, exclude_ids=already, **form.filters())
              if opening.status == JobOpening.Status.OPEN else [])
    page = _page(ranked, form)
    page.object_list = matching.with_participants(page.object_list)
    return render(request, "employers/opening.html", {
        "opening": opening, "columns": selectors.board(candidacies), "page": page,
        "filter_form": form, "move_form": MoveForm(), "weights_version": matching.load_weights()["version"],
        "anyone_form": RecommendAnyoneForm(opening=opening),
    })


def _page(ranked, form):
    """One page of a ranked list (page size from the matching weights file)."""
    return Paginator(ranked, matching.load_weights()["ranking"]["page_size"]).get_page(form.page_number())


@role_required(WRITER_ROLES)
def recommend(request, pk):
    opening = object_or_404(JobOpening.objects.for_user(request.user).select_related("employer"), pk)
    if request.method == "POST":
        participant = object_or_404(Participant.objects.for_user(request.user), request.POST.get("participant") or 0)
        submit(None, lambda _form: services.recommend(actor=request.user, opening=opening, participant=participant,
                                                      priority=bool(request.POST.get("priority"))),
               request=request, success=_("%(name)s was recommended.") % {"name": participant.full_name})
    return redirect("employers:opening", pk=opening.pk)


@role_required(WRITER_ROLES)
def candidacy_move(request, pk):
    candidacy = object_or_404(Candidacy.objects.for_user(request.user).select_related("opening__employer__center"), pk)
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid() and form.needs_confirmation:
            return render(request, "employers/confirm_close.html", {
                "candidacy": candidacy, "form": form, "stage": Stage(form.cleaned_data["stage"]),
                "next": _safe_next(request)})
        submit(form, lambda f: services.move_candidacy(
            actor=request.user, candidacy=candidacy, stage=f.cleaned_data["stage"], on=f.cleaned_data["on"],
            priority=f.cleaned_data["priority"], reason=f.cleaned_data["reason"], version=sent_version(request),
        ), request=request, success=_("Saved."), flash=True,
            invalid=" ".join(form.errors.get("reason", [])) if "reason" in form.errors else _("Choose a stage."))
    target = _safe_next(request)
    if target:
        return redirect(target)
    return redirect("employers:opening", pk=candidacy.opening_id)


def _safe_next(request):
    """The page to return to, if it is a path on this site."""
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else ""


@role_required(ALL_ROLES)
def participant_matches(request, pk):
    """A participant's candidate profile and the open positions ranked for them."""
    participant = object_or_404(Participant.objects.for_user(request.user).select_related("center", "city"), pk)
    profile = CandidateProfile.objects.filter(participant=participant).select_related("desired_occupation_unit").first()
    # No profile yet: the form starts from what the intake meeting already recorded (nothing typed twice).
    form = CandidateProfileForm(request.POST or None, instance=profile,
                                initial=None if profile else profiles.initial_from_intake(participant))
    if request.method == "POST":
        fresh = object_or_404(Participant.objects.for_user(request.user), pk)
        if submit(form, lambda f: services.save_candidate_profile(actor=request.user, participant=fresh,
                                                                  **f.service_fields()),
                  request=request, success=_("Saved.")):
            return redirect("employers:participant", pk=pk)
    if profile:
        profile.participant = participant
        record_read(request, profile)
    filter_form = opening_filter_form(request.GET or None, user=request.user)
    ranked = matching.openings_for(profile, **filter_form.filters()) if profile else []
    candidacies = selectors.candidacies_for(request.user).filter(participant=participant)
    return render(request, "employers/participant.html", {
        "participant": participant, "profile": profile, "form": form, "page": _page(ranked, filter_form),
        "filter_form": filter_form, "candidacies": candidacies,
    })
