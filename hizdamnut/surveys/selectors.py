from django.db.models import Count, Q
from django.utils.translation import gettext as _

from hizdamnut.centers.scoping import visible_center_ids, visible_centers

from .models import Questionnaire, SurveyResponse


def questionnaires_for(user):
    """Questionnaires with the number of responses the user's centers received."""
    responses = Q(responses__center__in=visible_center_ids(user))
    return Questionnaire.objects.annotate(response_count=Count("responses", filter=responses)).order_by("code")


def report_centers(user, center=None):
    """The centers a report covers: the chosen one, or all the user may see."""
    if center is not None:
        return visible_centers(user).filter(pk=center.pk)
    return visible_centers(user)


def responses_for(user, questionnaire):
    return SurveyResponse.objects.for_user(user).filter(questionnaire=questionnaire).select_related("center")


def labelled_report(report, questionnaire):
    """Adds the item texts and domain labels to a `survey_report` for pages and exports."""
    items = {item.code: item for item in questionnaire.items.all()}
    for block in [report, *report.get("by_center", {}).values()]:
        for row in block["items"]:
            item = items[row["code"]]
            row["text"], row["reverse"], row["domain"] = item.text, item.reverse, item.domain
            if block["suppressed"]:  # too few responses: no shares either (the chart leaves a gap)
                row["shares"], row["no_answer_share"] = dict.fromkeys(row["counts"]), None
                continue
            answered = sum(row["counts"].values())
            total = answered + row["no_answer"]
            row["shares"] = {k: (round(100 * v / total, 1) if total else 0) for k, v in row["counts"].items()}
            row["no_answer_share"] = round(100 * row["no_answer"] / total, 1) if total else 0
        for row in block["domains"]:
            row["label"] = questionnaire.domain_label(row["code"])
    hidden = any(block["suppressed"] for block in [report, *report["by_center"].values(), report.get("previous", {}),
                                                   *report.get("previous", {}).get("by_center", {}).values()] if block)
    report["suppression_note"] = _(
        "Figures drawn from fewer than %(n)s responses are hidden (—), and so are comparisons that would single "
        "out fewer than %(n)s responses, so that nobody's answers can be recognised.") % {"n": report["min_group"]} \
        if hidden else ""
    if "change" in report:
        for kind in ("items", "domains"):
            for row, before, change in zip(report[kind], report["previous"][kind], report["change"][kind], strict=True):
                row["previous_mean"], row["change"] = before["mean"], change["mean"]
    return report
