"""What placed people, and who stayed: placements and 3/6-month retention by occupation and by match score.

Computed beside the placement data, as the outcome indicators are (see `indicators.py` for the definitions this
follows): over a period, `placements` counts placements that started in it; retention at N months counts the
placements whose N-month mark falls in it with that follow-up recorded (denominator), and those still employed then
(numerator). Each placement is grouped by the ISCO-08 sub-major group of the opening it was hired for, and by the
match score its candidacy was recommended with (bands from `data/rules.json`). Placements without a candidacy
(found outside the center's openings) form their own group; so do openings whose occupation is not classified.
A fixed number of queries whatever the data size: one for placements, one for follow-ups, one for group titles.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from hizdamnut.centers.indicators import percent
from hizdamnut.occupations.models import Occupation

from .models import FollowUp, Placement
from .rules import add_months, rules

RETENTION_MONTHS = (3, 6)
NO_CANDIDACY = "none"
NOT_CLASSIFIED = "unclassified"


def score_bands():
    """[(code, lower, upper)] for the match score: "<40", "40–69", "70–99", "100+" with the default bounds."""
    bounds = rules()["match_score_bands"]
    bands = [(f"<{bounds[0]}", None, bounds[0])]
    for lower, upper in zip(bounds, bounds[1:], strict=False):
        bands.append((f"{lower}–{upper - 1}", lower, upper))
    bands.append((f"{bounds[-1]}+", bounds[-1], None))
    return bands


def band_of(score):
    if score is None:
        return NO_CANDIDACY
    for code, lower, upper in score_bands():
        if (lower is None or score >= lower) and (upper is None or score < upper):
            return code
    return NO_CANDIDACY


def _sub_major(code, has_candidacy):
    if not has_candidacy:
        return NO_CANDIDACY
    return code[:2] if code else NOT_CLASSIFIED


def _scoped(queryset, path, centers):
    if centers is None:
        return queryset
    return queryset.filter(**{f"{path}__center__in": [getattr(c, "pk", c) for c in centers]})


def _share(numerator, denominator):
    return {"numerator": numerator, "denominator": denominator,
            "value": percent(numerator, denominator)}


def match_outcomes(*, centers, start, end):
    """Placements and retention at 3 and 6 months by occupation sub-major group and by match score band."""
    groups = {"by_sub_major_group": {}, "by_score_band": {}}

    def row(kind, key):
        return groups[kind].setdefault(key, {"placements": 0, **{m: [0, 0] for m in RETENTION_MONTHS}})

    placements = _scoped(Placement.objects.filter(start_date__gte=start, start_date__lte=end), "participant", centers)
    for candidacy_id, score, code in placements.values_list(
            "candidacy_id", "candidacy__score", "candidacy__opening__occupation_unit__code"):
        row("by_sub_major_group", _sub_major(code, candidacy_id))["placements"] += 1
        row("by_score_band", band_of(score if candidacy_id else None))["placements"] += 1
    follow_ups = _scoped(FollowUp.objects.filter(months_after__in=RETENTION_MONTHS, done_on__isnull=False),
                         "placement__participant", centers)
    for months, employment, started, candidacy_id, score, code in follow_ups.values_list(
            "months_after", "employment", "placement__start_date", "placement__candidacy_id",
            "placement__candidacy__score", "placement__candidacy__opening__occupation_unit__code"):
        if not start <= add_months(started, months) <= end:
            continue
        retained = FollowUp(employment=employment).still_employed
        for kind, key in (("by_sub_major_group", _sub_major(code, candidacy_id)),
                          ("by_score_band", band_of(score if candidacy_id else None))):
            counts = row(kind, key)[months]
            counts[1] += 1
            counts[0] += int(retained)
    english = translation.get_language() == "en"
    titles = {code: (title_en if english else title_he) for code, title_en, title_he in Occupation.objects.filter(
        level=Occupation.Level.SUB_MAJOR).values_list("code", "title_en", "title_he")}
    labels = {NO_CANDIDACY: _("No candidacy (found outside the center's openings)"),
              NOT_CLASSIFIED: _("Occupation not classified")}
    band_order = [code for code, _lower, _upper in score_bands()] + [NO_CANDIDACY]

    def rows(kind, order):
        out = []
        for key in sorted(groups[kind], key=order):
            counts = groups[kind][key]
            out.append({"code": key, "label": str(labels.get(key) or titles.get(key) or key),
                        "placements": counts["placements"],
                        **{f"retention_{m}": _share(*counts[m]) for m in RETENTION_MONTHS}})
        return out

    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "by_sub_major_group": rows("by_sub_major_group", lambda k: (not k.isdigit(), k)),
        "by_score_band": rows("by_score_band", band_order.index),
    }


REPORT_HEADER = ["grouping", "code", "label", "placements", "retention_3_numerator", "retention_3_denominator",
                 "retention_3", "retention_6_numerator", "retention_6_denominator", "retention_6"]


def report_rows(report):
    """The report as flat rows under REPORT_HEADER (for spreadsheets)."""
    for grouping in ("by_sub_major_group", "by_score_band"):
        for row in report[grouping]:
            yield [grouping, row["code"], row["label"], row["placements"],
                   *(value for m in RETENTION_MONTHS for value in (
                       row[f"retention_{m}"]["numerator"], row[f"retention_{m}"]["denominator"],
                       row[f"retention_{m}"]["value"]))]


def xlsx_bytes(report):
    """The report as an Excel workbook (right-to-left sheet, numbers as typed cells)."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "match_outcomes"
    sheet.sheet_view.rightToLeft = True
    sheet.append(REPORT_HEADER)
    for values in report_rows(report):
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
