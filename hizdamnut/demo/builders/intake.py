"""Intake meetings where inquiries reached one, routing decisions for the routed, referrals for the referred out."""

import datetime

from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService
from hizdamnut.inquiries.models import Inquiry, InquiryStatus, InquiryStatusChange
from hizdamnut.intake import routing
from hizdamnut.intake.models import IntakeMeeting, Referral, ReferralStatus, Response
from hizdamnut.intake.services import record_routing_decision

NEEDS = [
    "אני רוצה עבודה קבועה עם משכורת שאפשר לחיות ממנה.",
    "אני צריכה עבודה שמתאימה לשעות של הגן של הילדים.",
    "אחרי שנים בבית אני לא יודע מאיפה להתחיל.",
    "אני רוצה ללמוד מקצוע ולא להישאר בעבודות מזדמנות.",
    "נמאס לי מהחובות, אני רוצה להתחיל מחדש.",
]
GOALS = [
    "לעבוד במשרה מלאה תוך חצי שנה.",
    "להשלים קורס ולעבוד במקצוע.",
    "לחזור לעבוד בתחום שעבדתי בו פעם.",
    "לשפר את העברית ולמצוא עבודה במשרד.",
    "להיות עצמאית כלכלית.",
]
WORK = ["עבודות ניקיון במשך שלוש שנים.", "קופאית בסופרמרקט.", "עבודה במפעל בתעשייה קלה.", "ללא ניסיון תעסוקתי.",
        "מלצרות ועבודות מזדמנות.", "מחסנאי בחברת הפצה."]
EDUCATION = ["12 שנות לימוד", "10 שנות לימוד", "תעודת בגרות חלקית", "תואר ראשון מחו\"ל", "8 שנות לימוד"]
STRENGTHS = ["אחראית ומסורה", "טוב עם אנשים", "לומדת מהר", "עקבי ומתמיד", "יצירתית ובעלת חוש אסתטי"]
DIFFERENT = "המשתתפת העדיפה להתחיל בקורס ערב שמתאים לשעות הטיפול בילדים; הוחלט יחד."

# Contrasting profiles, so every response appears: (barriers, predictor range).
PROFILES = [
    ([], (4, 5)),
    (["childcare"], (4, 5)),
    (["language", "digital_skills"], (3, 4)),
    (["no_qualification"], (3, 4)),
    (["childcare", "transport"], (2, 4)),
    (["health", "debts_enforcement", "family_crisis"], (1, 3)),
    (["mental_health", "housing", "social_isolation"], (1, 2)),
    (["addiction"], (1, 3)),
]


def _meeting(ctx, inquiry, held_on):
    rng = ctx.rng
    barriers, (low, high) = rng.choice(PROFILES)
    staff = ctx.staff_of(inquiry.center, rng.choice([Role.SOCIAL_WORKER, Role.COACH, Role.COORDINATOR]))
    return IntakeMeeting.objects.create(
        participant=inquiry.participant, inquiry=inquiry, held_on=held_on, duration_minutes=rng.choice([45, 60, 90]),
        staff=rng.choice(staff) if staff else None, needs=rng.choice(NEEDS), goals=rng.choice(GOALS),
        work_history=rng.choice(WORK), education=rng.choice(EDUCATION), languages=inquiry.participant.languages,
        licences=rng.choice(["", "", "רישיון נהיגה B", "רישיון מלגזה"]), barriers=barriers,
        disability_percent=rng.choice([None, None, None, 25, 40]) if "health" in barriers else None,
        strengths=rng.choice(STRENGTHS),
        **{name: rng.randint(low, high) for name in
           ("self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills")},
    )


def build(ctx):
    rng = ctx.rng
    reached = {
        (change.inquiry_id, change.status): change.changed_on
        for change in InquiryStatusChange.objects.filter(
            status__in=[InquiryStatus.INTAKE_HELD, InquiryStatus.ROUTED, InquiryStatus.REFERRED_OUT],
            inquiry__center__in=ctx.centers,
        )
    }
    inquiries = Inquiry.objects.filter(center__in=ctx.centers).select_related("center", "participant").order_by("pk")
    services = list(CommunityService.objects.filter(center__isnull=True))
    for inquiry in inquiries:
        coordinator = (ctx.staff_of(inquiry.center, Role.COORDINATOR) or [None])[0]
        if inquiry.participant_id and inquiry.status in (InquiryStatus.INTAKE_HELD, InquiryStatus.ROUTED):
            meeting = _meeting(ctx, inquiry, reached[(inquiry.pk, InquiryStatus.INTAKE_HELD)])
            if inquiry.status == InquiryStatus.ROUTED and coordinator is not None:
                recommended = routing.recommend_for(meeting).response
                response, reason = recommended, ""
                if rng.random() < 0.12:
                    response = rng.choice([r for r in (Response.COURSES, Response.GROUP_PROGRAM) if r != recommended])
                    reason = DIFFERENT
                workers = ctx.staff_of(inquiry.center, Role.SOCIAL_WORKER if response == Response.SOCIAL_WORK
                                       else Role.COACH)
                record_routing_decision(
                    intake=meeting, response=response, actor=coordinator, participant_agreed=rng.random() < 0.95,
                    override_reason=reason, decided_on=reached[(inquiry.pk, InquiryStatus.ROUTED)],
                    case_worker=rng.choice(workers) if workers and response != Response.REFERRAL_OUT else None,
                )
        elif inquiry.status == InquiryStatus.REFERRED_OUT and services:
            sent_on = reached[(inquiry.pk, InquiryStatus.REFERRED_OUT)]
            Referral.objects.create(
                center=inquiry.center, participant=inquiry.participant, inquiry=inquiry, service=rng.choice(services),
                sent_on=sent_on, status=rng.choice(ReferralStatus.values), status_changed_on=sent_on,
                follow_up_on=sent_on + datetime.timedelta(days=rng.choice([14, 30, 60])), created_by=coordinator,
            )
