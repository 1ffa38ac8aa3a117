from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hizdamnut.centers.models import Center
from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import MANAGEMENT_ROLES, NATIONWIDE_ROLES, WRITER_ROLES, Role
from hizdamnut.centers.scoping import object_or_404, visible_centers
from hizdamnut.form_submit import submit

from . import rate_limit, selectors, services
from .forms import AnonymousResponseForm, PaperResponseForm, ReportFilterForm
from .indicators import survey_report
from .models import Questionnaire, Scale

# Who reads survey results (the menu entry `surveys:list` shows to the same roles).
SURVEY_ROLES = MANAGEMENT_ROLES | NATIONWIDE_ROLES | {Role.COORDINATOR}
# Who types in paper questionnaires.
PAPER_ROLES = SURVEY_ROLES & WRITER_ROLES


def _questionnaire(code):
    return object_or_404(Questionnaire.objects.prefetch_related("items"), code=code)


@role_required(SURVEY_ROLES)
def questionnaire_list(request):
    return render(request, "surveys/list.html", {
        "questionnaires": selectors.questionnaires_for(request.user),
        "centers": visible_centers(request.user),
    })


def report_filters(user, query):
    """The filter form for a report page's query string, and the keyword arguments of `survey_report` it stands
    for (also used by the background export, which has the query and the user but no request)."""
    form = ReportFilterForm(query or None, user=user)
    data = form.cleaned_data if form.is_valid() else {}
    center = data.get("center")
    kwargs = {
        "centers": selectors.report_centers(user, center),
        "date_from": data.get("date_from"), "date_to": data.get("date_to"),
        "compare_from": data.get("compare_from"), "compare_to": data.get("compare_to"),
        "always_centers": [center.code] if center else (),
    }
    return form, kwargs


@role_required(SURVEY_ROLES)
def questionnaire_report(request, code):
    questionnaire = _questionnaire(code)
    form, kwargs = report_filters(request.user, request.GET)
    report = selectors.labelled_report(survey_report(questionnaire, **kwargs), questionnaire)
    chart = {
        "labels": [row["text"] for row in report["items"]],
        "series": [
            {"label": str(label), "value": str(value), "data": [row["shares"][str(value)] for row in report["items"]]}
            for value, label in Scale.choices
        ] + [{"label": _("No answer"), "value": "", "data": [row["no_answer_share"] for row in report["items"]]}],
    }
    return render(request, "surveys/report.html", {
        "questionnaire": questionnaire, "form": form, "report": report, "chart": chart,
        "query": request.GET.urlencode(), "scale": Scale.choices,
    })


@role_required(PAPER_ROLES)
def paper_entry(request, code):
    questionnaire = _questionnaire(code)
    items = list(questionnaire.items.all())
    form = PaperResponseForm(request.POST or None, items=items, user=request.user)
    if request.method == "POST" and submit(form, lambda f: services.enter_paper_response(
        actor=request.user, questionnaire=questionnaire, center=f.cleaned_data["center"],
        answered_on=f.cleaned_data["answered_on"], answers=f.answers(),
    ), request=request, success=_("The questionnaire was saved. You can type in the next one.")):
        return redirect("surveys:paper", code=code)
    return render(request, "surveys/paper.html", {"questionnaire": questionnaire, "form": form})


@role_required(SURVEY_ROLES)
def printable_qr(request, code, center_code):
    import qrcode
    import qrcode.image.svg

    questionnaire = _questionnaire(code)
    center = object_or_404(visible_centers(request.user), code=center_code)
    link = request.build_absolute_uri(reverse("surveys:answer", args=[rate_limit.form_token(questionnaire, center)]))
    svg = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2).to_string(
        encoding="unicode")
    return render(request, "surveys/qr.html", {"questionnaire": questionnaire, "center": center, "link": link,
                                               "qr_svg": svg})


def _public_form_target(token):
    found = rate_limit.read_form_token(token)
    if not found:
        raise Http404
    questionnaire = object_or_404(Questionnaire.objects.prefetch_related("items"), found[0])
    return questionnaire, object_or_404(Center.objects.all(), found[1])


@never_cache
def answer(request, token):
    """The anonymous form a participant opens from the QR code: no login, nothing that names them."""
    questionnaire, center = _public_form_target(token)
    items = list(questionnaire.items.all())
    if request.method == "POST":
        form = AnonymousResponseForm(request.POST, items=items)
        if not form.is_valid():
            return render(request, "surveys/answer.html", {"questionnaire": questionnaire, "center": center,
                                                           "form": form, "token": token}, status=400)
        # A bot filled the hidden field, or the nonce was used already: say thanks, count nothing.
        if form.cleaned_data["website"] or not rate_limit.use_nonce(form.cleaned_data["nonce"]):
            return redirect("surveys:thanks")
        if not rate_limit.within_rate_limit(request):
            return render(request, "surveys/answer_limited.html", {"center": center}, status=429)
        if questionnaire.is_active:
            services.submit_anonymous_response(questionnaire=questionnaire, center=center, answers=form.answers())
        return redirect("surveys:thanks")
    form = AnonymousResponseForm(items=items, initial={"nonce": rate_limit.new_nonce()})
    return render(request, "surveys/answer.html", {"questionnaire": questionnaire, "center": center, "form": form,
                                                   "token": token})


def thanks(request):
    return render(request, "surveys/thanks.html")
