"""Read queries of training applications: the page and the home panel read the same ones."""

from django.db.models import Q

from .models import TrainingApplication, VoucherStatus


def applications_for(user):
    return TrainingApplication.objects.for_user(user).select_related("participant", "course")


def upcoming_deadlines(user, *, limit):
    """Applications with a date to meet (a draft's submit-by date, an approved voucher's course start),
    the `limit` earliest first, sorted by that deadline."""
    applications = (applications_for(user)
                    .filter(Q(status=VoucherStatus.DRAFT, submit_by__isnull=False) |
                            Q(status=VoucherStatus.APPROVED, course_starts_on__isnull=False))
                    .order_by("submit_by", "course_starts_on")[:limit])
    return sorted(applications, key=lambda a: a.deadline)


def in_progress(user, *, limit):
    """Submitted and enrolled applications, newest first."""
    return applications_for(user).filter(
        status__in=[VoucherStatus.SUBMITTED, VoucherStatus.ENROLLED]).order_by("-created_at")[:limit]
