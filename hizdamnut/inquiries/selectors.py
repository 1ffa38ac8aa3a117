"""Read-side queries for inquiries: the queue, one inquiry, the report."""

import datetime
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch

from hizdamnut.centers.scoping import object_or_404

from .models import OPEN_STATUSES, Inquiry, InquiryCategory, InquiryStatusChange, Screening


def inquiries_for(user):
    return Inquiry.objects.for_user(user).select_related(
        "center", "category", "subcategory", "participant", "category__parent"
    )


def inquiry_for(user, pk):
    """An inquiry the user may see, or Http404."""
    return object_or_404(
        Inquiry.objects.for_user(user)
        .select_related("center__city", "center__region", "category", "subcategory", "participant__city",
                        "created_by")
        .prefetch_related(
            Prefetch("status_changes", queryset=InquiryStatusChange.objects.select_related("changed_by")),
            Prefetch("screenings", queryset=Screening.objects.select_related("screened_by", "overridden_by")),
            # Filled by the intake app (to the right in the data flow), read here by relation name only.
            "intake_meetings", "referrals__service",
        ),
        pk,
    )


def open_queue(user, *, today, center=None):
    """Open inquiries, oldest first, each with its age in days and whether it waits past its center's setting."""
    queryset = inquiries_for(user).filter(status__in=OPEN_STATUSES).order_by("received_on", "pk")
    if center is not None:
        queryset = queryset.filter(center=center)
    rows = list(queryset)
    for inquiry in rows:
        inquiry.age_days = (today - inquiry.received_on).days
        inquiry.overdue = inquiry.age_days > inquiry.center.inquiry_wait_alert_days
    return rows


def queue_summary(user, *, today):
    """For the home panel: how many inquiries are open and how many wait too long."""
    rows = Inquiry.objects.for_user(user).filter(status__in=OPEN_STATUSES).values_list(
        "received_on", "center__inquiry_wait_alert_days", "status"
    )
    summary = {"open": 0, "overdue": 0, "by_status": Counter()}
    for received_on, alert_days, status in rows:
        summary["open"] += 1
        summary["by_status"][status] += 1
        if (today - received_on).days > alert_days:
            summary["overdue"] += 1
    return summary


def status_reached_on(inquiries):
    """For each inquiry id, the date each status was first reached (the funnel reads this)."""
    reached = {}
    changes = InquiryStatusChange.objects.filter(inquiry__in=inquiries).order_by("changed_on", "pk").values_list(
        "inquiry_id", "status", "changed_on"
    )
    for inquiry_id, status, changed_on in changes:
        reached.setdefault(inquiry_id, {}).setdefault(status, changed_on)
    return reached


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

    Every category in the tree appears, with 0 where it has no inquiries (FORMATS.md).
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
    """The report as FORMATS.md gives it (codes only, no labels)."""
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


def days_between(start, end):
    return (end - start).days if isinstance(start, datetime.date) and isinstance(end, datetime.date) else None
