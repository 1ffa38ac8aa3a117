"""Indicators of inquiries: the dashboard's breakdowns by source and reason, and the inquiry report (counts
and shares per reason, per center and per year; `manage.py inquiry_report`, the report page and the API).

The breakdowns follow the interface of `hizdamnut/centers/indicators.py` (a scope in, {center_id: counts} out).
"""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from hizdamnut.centers.indicators import count_by, register_monthly

from .models import Inquiry, InquiryCategory, Source


def inquiries_in(scope, start=None, end=None):
    """The inquiries received at the scope's centers in [start, end] (default: the scope's period); only those of
    the population, if filtered: inquiries already linked to one of its participants, wherever that participant
    is registered (the inquiry counts at the center that received it)."""
    return scope.narrowed(Inquiry.objects.filter(center_id__in=scope.center_ids,
                                                 received_on__range=(start or scope.date_from, end or scope.date_to)),
                          any_center=True)


def _inquiry_counts(scope, start, end):
    """The summary tables' figure "inquiries": {center_id: {"source|reason id": count}} of the inquiries
    received in [start, end] (one grouped query; its rows follow centers × sources × reasons)."""
    counts = {}
    rows = (inquiries_in(scope, start, end).values_list("center_id", "source", "category_id")
            .annotate(n=Count("pk")).order_by())
    for center_id, source, reason, n in rows:
        counts.setdefault(center_id, {})[f"{source}|{reason or ''}"] = n
    return counts


register_monthly("inquiries", _inquiry_counts)


def _counts(scope):
    """(center_id, source, reason id, count) of the period's inquiries, which both breakdowns read."""
    def compute():
        rows = []
        for center_id, counts in scope.monthly("inquiries", scope.date_from, scope.date_to).items():
            for key, n in counts.items():
                source, reason = key.split("|")
                rows.append((center_id, source, int(reason) if reason else None, n))
        return rows

    return scope.cached("inquiry_counts", compute)


def inquiries_by_source(scope):
    """{center_id: {source: count}} of the inquiries received in the period."""
    return count_by([(cid, source, n) for cid, source, _r, n in _counts(scope)], scope.center_ids, Source.values)


def inquiries_by_reason(scope):
    """{center_id: {reason (top-level category) id: count}} of the inquiries received in the period."""
    return count_by([(cid, reason, n) for cid, _s, reason, n in _counts(scope)], scope.center_ids, [])


# ------------------------------------------------------------------ the inquiry report


def _share(count, total):
    if not total:
        return 0.0
    return float((Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _tree():
    parents = list(InquiryCategory.objects.filter(parent__isnull=True).prefetch_related("children"))
    return parents


def _block(parents, counts, sub_counts, total):
    return [
        {
            "code": parent.code, "label": parent.label, "count": counts.get(parent.pk, 0),
            "share": _share(counts.get(parent.pk, 0), total),
            "subcategories": [
                {"code": child.code, "label": child.label, "count": sub_counts.get(child.pk, 0),
                 "share": _share(sub_counts.get(child.pk, 0), total)}
                for child in parent.children.all()
            ],
        }
        for parent in parents
    ]


def inquiry_report(queryset):
    """Counts and shares (of the total, one decimal) per parent and child reason, overall, per center and per year.

    Every category in the tree appears, with 0 where it has no inquiries (docs/formats.md).
    """
    parents = _tree()
    rows = list(
        queryset.values("center__code", "received_on__year", "category_id", "subcategory_id").annotate(n=Count("pk"))
    )

    def build(selected):
        counts, sub_counts, total = Counter(), Counter(), 0
        for row in selected:
            total += row["n"]
            counts[row["category_id"]] += row["n"]
            if row["subcategory_id"]:
                sub_counts[row["subcategory_id"]] += row["n"]
        return {"total": total, "categories": _block(parents, counts, sub_counts, total)}

    report = build(rows)
    report["by_center"] = {
        code: build([r for r in rows if r["center__code"] == code])
        for code in sorted({r["center__code"] for r in rows})
    }
    report["by_year"] = {
        str(year): build([r for r in rows if r["received_on__year"] == year])
        for year in sorted({r["received_on__year"] for r in rows})
    }
    return report


def strip_labels(report):
    """The report as docs/formats.md gives it (codes only, no labels)."""
    def clean(block):
        return {
            "total": block["total"],
            "categories": [
                {"code": c["code"], "count": c["count"], "share": c["share"],
                 "subcategories": [{"code": s["code"], "count": s["count"], "share": s["share"]}
                                   for s in c["subcategories"]]}
                for c in block["categories"]
            ],
        }

    out = clean(report)
    out["by_center"] = {code: clean(block) for code, block in report["by_center"].items()}
    out["by_year"] = {year: clean(block) for year, block in report["by_year"].items()}
    return out


def report_rows(report):
    """Flat rows (scope, key, level, code, count, share) for CSV and XLSX."""
    rows = []

    def add(scope, key, block):
        rows.append([scope, key, "total", "", block["total"], 100.0 if block["total"] else 0.0])
        for category in block["categories"]:
            rows.append([scope, key, "category", category["code"], category["count"], category["share"]])
            for sub in category["subcategories"]:
                rows.append([scope, key, "subcategory", f"{category['code']}/{sub['code']}", sub["count"],
                             sub["share"]])

    add("all", "", report)
    for code, block in report["by_center"].items():
        add("center", code, block)
    for year, block in report["by_year"].items():
        add("year", year, block)
    return rows


REPORT_HEADER = ["scope", "key", "level", "code", "count", "share"]
