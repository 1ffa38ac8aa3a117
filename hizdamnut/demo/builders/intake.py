"""Intake meetings where inquiries reached one, routing decisions for the routed, referrals for the referred out.

All through the intake services, each on the day it happened (see `demo.clock`).
"""

import datetime

from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService
from hizdamnut.inquiries.models import InquiryStatus
from hizdamnut.intake import routing, services
from hizdamnut.intake.models import ReferralStatus, RoutingTrack

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
KEPT_HERE = "המודל המליץ על הפניה החוצה; הוחלט יחד עם המשתתף להתחיל בליווי העובדת הסוציאלית במרכז, ולהפנות בהמשך."
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
    worker = rng.choice(staff)
    with ctx.on(held_on, 10):
        return services.record_intake_meeting(
            actor=worker, participant=inquiry.participant, inquiry=inquiry, held_on=held_on,
            duration_minutes=rng.choice([45, 60, 90]), staff=worker, needs=rng.choice(NEEDS), goals=rng.choice(GOALS),
            work_history=rng.choice(WORK), education=rng.choice(EDUCATION), languages=inquiry.participant.languages,
            licences=rng.choice(["", "", "רישיון נהיגה B", "רישיון מלגזה"]), barriers=barriers,
            disability_percent=rng.choice([None, None, None, 25, 40]) if "health" in barriers else None,
            strengths=rng.choice(STRENGTHS),
            **{name: rng.randint(low, high) for name in
               ("self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills")},
        )


def _route(ctx, meeting, decided_on, coordinator):
    rng = ctx.rng
    center = meeting.participant.center
    recommended = routing.recommend_for(meeting).response
    response, reason = recommended, ""
    if recommended == RoutingTrack.REFERRAL_OUT:
        # A routed inquiry stays with the center: the team keeps the person here, and says why.
        response, reason = RoutingTrack.SOCIAL_WORK, KEPT_HERE
    elif rng.random() < 0.12:
        response = rng.choice([r for r in (RoutingTrack.COURSES, RoutingTrack.GROUP_PROGRAM) if r != recommended])
        reason = DIFFERENT
    workers = ctx.staff_of(center, Role.SOCIAL_WORKER if response == RoutingTrack.SOCIAL_WORK else Role.COACH)
    with ctx.on(decided_on, 14):
        services.record_routing_decision(
            intake=meeting, response=response, actor=coordinator, participant_agreed=rng.random() < 0.95,
            override_reason=reason, case_worker=rng.choice(workers) if workers else None,
        )


def _refer_out(ctx, inquiry, sent_on, coordinator, directory):
    rng = ctx.rng
    with ctx.on(sent_on, 13):
        referral = services.create_referral(
            actor=coordinator, inquiry=inquiry, service=rng.choice(directory),
            follow_up_on=sent_on + datetime.timedelta(days=rng.choice([14, 30, 60])))
    status = rng.choice(ReferralStatus.values)
    if status != ReferralStatus.SENT:
        with ctx.on(min(ctx.today, sent_on + datetime.timedelta(days=rng.randint(2, 20))), 11):
            services.update_referral(referral=referral, actor=coordinator, status=status)


def build(ctx):
    """Walks the rest of each inquiry's road (left by the inquiries builder) through the intake services."""
    directory = list(CommunityService.objects.filter(center__isnull=True).order_by("pk"))
    for inquiry, road in ctx.inquiry_roads:
        coordinator = ctx.staff_of(inquiry.center, Role.COORDINATOR)[0]
        meeting = None
        for step, day in road:
            if step == InquiryStatus.INTAKE_HELD:
                meeting = _meeting(ctx, inquiry, day)
            elif step == InquiryStatus.ROUTED:
                _route(ctx, meeting, day, coordinator)
            elif step == InquiryStatus.REFERRED_OUT:
                _refer_out(ctx, inquiry, day, coordinator, directory)
    ctx.inquiry_roads = []
