"""The satisfaction survey report as export tables (Excel/PDF)."""

from django.utils.translation import gettext as _

from hizdamnut.surveys.models import Scale
from hizdamnut.surveys.selectors import labelled_report

from .exports import Table


def survey_tables(report, questionnaire):
    report = labelled_report(report, questionnaire)
    with_change = "change" in report
    scale = list(Scale.choices)
    item_columns = [_("Code"), _("Question"), _("Reversed")] + [f"{label} ({value})" for value, label in scale] + [
        _("No answer"), _("Mean")] + ([_("Previous mean"), _("Change")] if with_change else [])
    item_rows = [
        [row["code"], row["text"], _("yes") if row["reverse"] else ""]
        + [row["counts"][str(value)] for value, _label in scale]
        + [row["no_answer"], row["mean"]]
        + ([row["previous_mean"], row["change"]] if with_change else [])
        for row in report["items"]
    ]
    domain_columns = [_("Domain"), _("Items"), _("Score")] + ([_("Previous score"), _("Change")] if with_change else [])
    domain_rows = [
        [row["label"], row["items"], row["mean"]] + ([row["previous_mean"], row["change"]] if with_change else [])
        for row in report["domains"]
    ]
    center_columns = [_("Center"), _("Responses")] + [row["label"] for row in report["domains"]]
    center_rows = [
        [code, block["responses"]] + [d["mean"] for d in block["domains"]]
        for code, block in report["by_center"].items()
    ]
    return [
        Table(_("Questions"), item_columns, item_rows,
              number_formats={len(item_columns) - (3 if with_change else 1): "0.00"}, code="questions",
              note=report["suppression_note"]),
        Table(_("Domains"), domain_columns, domain_rows, number_formats={2: "0.00"}, code="domains"),
        Table(_("By center"), center_columns, center_rows, code="by_center", compares_centers=True),
    ]
