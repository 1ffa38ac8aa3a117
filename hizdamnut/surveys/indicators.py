"""The survey report (FORMATS.md `survey_report`): answer counts, means and domain scores.

One function computes it; the command, the page, the API and the exports all call `survey_report`.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from .models import Answer, SurveyResponse

SCALE = ("1", "2", "3", "4")


def round_half_up(numerator, denominator, places=2):
    """numerator/denominator rounded half up (not banker's rounding), or None when nothing was answered."""
    if not denominator:
        return None
    quantum = Decimal(1).scaleb(-places)
    return float((Decimal(numerator) / Decimal(denominator)).quantize(quantum, rounding=ROUND_HALF_UP))


def _filtered_responses(questionnaire, centers, date_from, date_to):
    responses = SurveyResponse.objects.filter(questionnaire=questionnaire)
    if centers is not None:
        responses = responses.filter(center__in=centers)
    if date_from:
        responses = responses.filter(answered_on__gte=date_from)
    if date_to:
        responses = responses.filter(answered_on__lte=date_to)
    return responses


def _block(items, response_count, counts):
    """Items and domains for one group of responses; counts[(item_id, value)] = n."""
    item_rows = []
    domain_sum, domain_n, domain_items = defaultdict(int), defaultdict(int), defaultdict(int)
    domain_order = []
    for item in items:
        item_counts = {value: counts.get((item.pk, int(value)), 0) for value in SCALE}
        answered = sum(item_counts.values())
        total = sum(int(value) * n for value, n in item_counts.items())
        item_rows.append({
            "code": item.code, "counts": item_counts, "no_answer": response_count - answered,
            "mean": round_half_up(total, answered),
        })
        if item.domain not in domain_items:
            domain_order.append(item.domain)
        domain_items[item.domain] += 1
        # A negatively phrased item counts as 5 − value in its domain (4 "yes, I waited too long" → 1).
        flipped = sum((5 - int(value) if item.reverse else int(value)) * n for value, n in item_counts.items())
        domain_sum[item.domain] += flipped
        domain_n[item.domain] += answered
    domains = [
        {"code": code, "mean": round_half_up(domain_sum[code], domain_n[code]), "items": domain_items[code]}
        for code in domain_order
    ]
    return {"responses": response_count, "items": item_rows, "domains": domains}


def _report_body(questionnaire, items, centers, date_from, date_to, always_centers=()):
    responses = _filtered_responses(questionnaire, centers, date_from, date_to)
    per_center = dict(responses.values_list("center__code").annotate(n=Count("pk")).order_by())
    rows = (
        Answer.objects.filter(response__in=responses, value__isnull=False)
        .values_list("response__center__code", "item_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    overall, by_center = defaultdict(int), defaultdict(lambda: defaultdict(int))
    for center_code, item_id, value, n in rows:
        overall[(item_id, value)] += n
        by_center[center_code][(item_id, value)] += n
    body = _block(items, sum(per_center.values()), overall)
    codes = sorted(set(per_center) | set(always_centers))
    body["by_center"] = {code: _block(items, per_center.get(code, 0), by_center.get(code, {})) for code in codes}
    return body


def _difference(current, previous):
    if current is None or previous is None:
        return None
    return float((Decimal(str(current)) - Decimal(str(previous))).quantize(Decimal("0.01")))


def survey_report(questionnaire, *, centers=None, date_from=None, date_to=None, compare_from=None, compare_to=None,
                  always_centers=()):
    """The report of FORMATS.md for the responses of `centers` (None = all) answered in [date_from, date_to].

    With a comparison period, adds "previous" (the same figures for that period) and "change"
    (current mean − previous mean per item and domain, and the change in responses).
    """
    items = list(questionnaire.items.all())
    report = {"questionnaire": questionnaire.code}
    report.update(_report_body(questionnaire, items, centers, date_from, date_to, always_centers))
    if compare_from or compare_to:
        previous = _report_body(questionnaire, items, centers, compare_from, compare_to, always_centers)
        report["previous"] = previous
        report["change"] = {
            "responses": report["responses"] - previous["responses"],
            "items": [{"code": now["code"], "mean": _difference(now["mean"], before["mean"])}
                      for now, before in zip(report["items"], previous["items"], strict=True)],
            "domains": [{"code": now["code"], "mean": _difference(now["mean"], before["mean"])}
                        for now, before in zip(report["domains"], previous["domains"], strict=True)],
        }
    return report
