"""Demo vocational training: a catalog per center and voucher applications at every status."""

import datetime

from hizdamnut.participants.models import JourneyStatus
from hizdamnut.training.models import Course, TrainingApplication, VoucherStatus

COURSES = [
    ("הנהלת חשבונות סוג 1", "הנהלת חשבונות", "מכללת אופק", 16, "voucher"),
    ("מפעיל/ת מלגזה", "לוגיסטיקה", "מרכז הכשרה מקצועית", 3, "ministry"),
    ("סייע/ת רפואי/ת", "בריאות", "מכללת רעות", 20, "voucher"),
    ("בישול מקצועי", "מזון", "בית הספר לבישול העירוני", 24, "voucher"),
    ("שירות לקוחות דיגיטלי", "שירות", "מרכז הזדמנות", 6, "center"),
    ("חשמלאות מעשית", "חשמל", "מכללת טכני", 30, "ministry"),
]
DOCUMENTS = ["צילום תעודת זהות", "אישור השכלה", "המלצת עובד/ת סוציאלי/ת", "אישור תעסוקה מהשירות"]
ROAD = [VoucherStatus.DRAFT, VoucherStatus.SUBMITTED, VoucherStatus.APPROVED, VoucherStatus.ENROLLED,
        VoucherStatus.COMPLETED]


def build(ctx):
    rng = ctx.rng
    for center in ctx.centers:
        courses = [Course.objects.create(center=center, name=name, field=field, provider=provider, length_weeks=weeks,
                                         hours=weeks * 12, funding=funding, cost=rng.choice([None, 3500, 6000, 9800]),
                                         required_documents=rng.sample(DOCUMENTS, rng.randint(2, 4)))
                   for name, field, provider, weeks, funding in COURSES]
        people = sorted((p for p in ctx.participants if p.center_id == center.pk), key=lambda p: p.pk)
        active = [p for p in people if p.status == JourneyStatus.ACTIVE] or people
        for participant in active[: max(2, len(active) // 4)]:
            course = rng.choice(courses)
            target = rng.choice(ROAD + [VoucherStatus.DECLINED, VoucherStatus.DROPPED])
            created = ctx.days_ago(30, 150)
            application = TrainingApplication(
                participant=participant, course=course, status=target,
                submit_by=created + datetime.timedelta(days=rng.randint(14, 60)),
                course_starts_on=created + datetime.timedelta(days=rng.randint(40, 120)))
            application.documents_received = (list(course.required_documents) if target != VoucherStatus.DRAFT
                                              else course.required_documents[: rng.randint(0, 1)])
            if target != VoucherStatus.DRAFT:
                application.submitted_on = min(created + datetime.timedelta(days=10), ctx.today)
            if target not in (VoucherStatus.DRAFT, VoucherStatus.SUBMITTED):
                application.decided_on = min(created + datetime.timedelta(days=20), ctx.today)
                application.voucher_number = f"V-{rng.randint(10000, 99999)}"
            if target == VoucherStatus.DECLINED:
                application.decline_reason = "לא עומד/ת בתנאי הסף של הקורס"
            if target in (VoucherStatus.ENROLLED, VoucherStatus.COMPLETED, VoucherStatus.DROPPED):
                application.enrolled_on = min(created + datetime.timedelta(days=30), ctx.today)
            if target in (VoucherStatus.COMPLETED, VoucherStatus.DROPPED):
                application.ended_on = ctx.today - datetime.timedelta(days=rng.randint(0, 10))
            application.save()
