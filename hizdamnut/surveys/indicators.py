"""The survey report (docs/formats.md `survey_report`): answer counts, means and domain scores.

One function computes it; the command, the page, the API and the exports all call `survey_report`.

Small groups are suppressed: a group (the whole report, a center, the comparison period) of fewer than
`SURVEY_MIN_GROUP` responses keeps its `responses` count but its answer counts, no-answers and means become None
and it carries `suppressed: true`, so nobody's answers can be read off a small table. Two more ways of
singling someone out are closed the same way: a center whose figures could be worked out as "all centers minus
the others" is suppressed too, and when the comparison period overlaps this one so that fewer than the minimum
responses lie in only one of them, the comparison period and the change are suppressed (their difference would
be those few people's answers).
"""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
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
    return {"responses": response_count, "items": item_rows, "domains": domains, "suppressed": False}


def min_group():
    return settings.SURVEY_MIN_GROUP


def _too_small(count):
    return 0 < count < min_group()


def _suppress(block):
    """Blanks every figure of a block but its number of responses."""
    block["suppressed"] = True
    for row in block["items"]:
        row["counts"] = dict.fromkeys(SCALE)
        row["no_answer"] = row["mean"] = None
    for row in block["domains"]:
        row["mean"] = None


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
    _suppress_small_groups(body)
    return body


def _suppress_small_groups(body):
    """Suppresses the small groups, and then enough further centers that the total minus the centers shown
    never gives away a small remainder."""
    if _too_small(body["responses"]):
        _suppress(body)
    blocks = body["by_center"]
    hidden = {code for code, block in blocks.items() if _too_small(block["responses"])}
    shown = sorted((block["responses"], code) for code, block in blocks.items()
                   if code not in hidden and block["responses"])
    while hidden and shown and _too_small(sum(blocks[code]["responses"] for code in hidden)):
        hidden.add(shown.pop(0)[1])
    for code in hidden:
        _suppress(blocks[code])


def _overlap(first_from, first_to, second_from, second_to):
    """The days two periods share, as (from, to) with None for an open end, or None when they are disjoint."""
    starts = [day for day in (first_from, second_from) if day]
    ends = [day for day in (first_to, second_to) if day]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start and end and start > end:
        return None
    return start, end


def _responses_in_one_period_only(questionnaire, centers, current, previous, periods):
    """Per center code (and "" for all) the number of responses in exactly one of the two periods."""
    shared = _overlap(*periods)
    both = {}
    if shared is not None:
        responses = _filtered_responses(questionnaire, centers, shared[0] or datetime.date.min,
                                        shared[1] or datetime.date.max)
        both = dict(responses.values_list("center__code").annotate(n=Count("pk")).order_by())
    only = {"": current["responses"] + previous["responses"] - 2 * sum(both.values())}
    for code, block in current["by_center"].items():
        before = previous["by_center"].get(code, {"responses": 0})["responses"]
        only[code] = block["responses"] + before - 2 * both.get(code, 0)
    return only


def _difference(current, previous):
    if current is None or previous is None:
        return None
    return float((Decimal(str(current)) - Decimal(str(previous))).quantize(Decimal("0.01")))


def survey_report(questionnaire, *, centers=None, date_from=None, date_to=None, compare_from=None, compare_to=None,
                  always_centers=()):
    """The report of docs/formats.md for the responses of `centers` (None = all) answered in [date_from, date_to].

    With a comparison period, adds "previous" (the same figures for that period) and "change"
    (current mean − previous mean per item and domain, and the change in responses).
    """
    items = list(questionnaire.items.all())
    report = {"questionnaire": questionnaire.code}
    report.update(_report_body(questionnaire, items, centers, date_from, date_to, always_centers))
    if compare_from or compare_to:
        previous = _report_body(questionnaire, items, centers, compare_from, compare_to, always_centers)
        only = _responses_in_one_period_only(questionnaire, centers, report, previous,
                                             (date_from, date_to, compare_from, compare_to))
        if _too_small(only[""]):
            _suppress(previous)
        for code, block in previous["by_center"].items():
            if _too_small(only.get(code, 0)):
                _suppress(block)
        report["previous"] = previous
        report["change"] = {
            "responses": report["responses"] - previous["responses"],
            "items": [{"code": now["code"], "mean": _difference(now["mean"], before["mean"])}
                      for now, before in zip(report["items"], previous["items"], strict=True)],
            "domains": [{"code": now["code"], "mean": _difference(now["mean"], before["mean"])}
                        for now, before in zip(report["domains"], previous["domains"], strict=True)],
            "suppressed": report["suppressed"] or previous["suppressed"],
        }
    report["min_group"] = min_group()
    return report
