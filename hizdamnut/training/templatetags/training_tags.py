from django import template
from django.db.models import Q

from hizdamnut.training.models import TrainingApplication, VoucherStatus

register = template.Library()


@register.inclusion_tag("training/_home_deadlines.html", takes_context=True)
def training_deadlines_panel(context):
    user = context["request"].user
    applications = (TrainingApplication.objects.for_user(user).select_related("participant", "course")
                    .filter(Q(status=VoucherStatus.DRAFT, submit_by__isnull=False) |
                            Q(status=VoucherStatus.APPROVED, course_starts_on__isnull=False))[:10])
    return {"applications": sorted(applications, key=lambda a: a.deadline)}
