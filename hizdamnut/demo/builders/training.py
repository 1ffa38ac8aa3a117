"""Demo vocational training: a catalog per center and voucher applications at every status.

Through the training services, each step on the day it happened (see `demo.clock`).
"""

import datetime

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.training import services
from hizdamnut.training.models import VoucherStatus

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


def _course(ctx, actor, center, name, field, provider, weeks, funding):
    rng = ctx.rng
    with ctx.on(ctx.days_ago(200, 400), 10):
        return services.save_course(actor=actor, center=center, name=name, field=field, provider=provider,
                                    length_weeks=weeks, hours=weeks * 12, funding=funding,
                                    cost=rng.choice([None, 3500, 6000, 9800]),
                                    required_documents=rng.sample(DOCUMENTS, rng.randint(2, 4)))


def _application(ctx, actor, participant, course):
    """Opens a voucher application and moves it along the road to a drawn status, each step on its day."""
    rng, today = ctx.rng, ctx.today
    target = rng.choice(ROAD + [VoucherStatus.DECLINED, VoucherStatus.DROPPED])
    created = ctx.not_before_registration(participant, ctx.days_ago(30, 150))
    with ctx.on(created, 11):
        application = services.apply(actor=actor, participant=participant, course=course,
                                     submit_by=created + datetime.timedelta(days=rng.randint(14, 60)),
                                     course_starts_on=created + datetime.timedelta(days=rng.randint(40, 120)))
        received = (course.required_documents if target != VoucherStatus.DRAFT
                    else course.required_documents[: rng.randint(0, 1)])
        services.set_documents(actor=actor, application=application, received=received)
    if target == VoucherStatus.DRAFT:
        return
    steps = [(VoucherStatus.SUBMITTED, min(created + datetime.timedelta(days=10), today), {})]
    decided_on = min(created + datetime.timedelta(days=20), today)
    number = f"V-{rng.randint(10000, 99999)}"
    if target == VoucherStatus.DECLINED:
        steps.append((VoucherStatus.DECLINED, decided_on, {"reason": "לא עומד/ת בתנאי הסף של הקורס",
                                                          "voucher_number": number}))
    elif target != VoucherStatus.SUBMITTED:
        steps.append((VoucherStatus.APPROVED, decided_on, {"voucher_number": number}))
    enrolled_on = min(created + datetime.timedelta(days=30), today)
    if target in (VoucherStatus.ENROLLED, VoucherStatus.COMPLETED, VoucherStatus.DROPPED):
        steps.append((VoucherStatus.ENROLLED, enrolled_on, {}))
    if target in (VoucherStatus.COMPLETED, VoucherStatus.DROPPED):
        steps.append((target, max(enrolled_on, today - datetime.timedelta(days=rng.randint(0, 10))), {}))
    for status, day, extra in steps:
        with ctx.on(day, 12):
            services.move_application(actor=actor, application=application, status=status, **extra)


def build(ctx):
    rng = ctx.rng
    for center in ctx.centers:
        actor = ctx.staff_of(center, Role.TRAINING_COORDINATOR)[0]
        courses = [_course(ctx, actor, center, *spec) for spec in COURSES]
        people = sorted((p for p in ctx.participants if p.center_id == center.pk), key=lambda p: p.pk)
        active = [p for p in people if p.status == JourneyStatus.ACTIVE] or people
        for participant in active[: max(2, len(active) // 4)]:
            _application(ctx, actor, participant, rng.choice(courses))
