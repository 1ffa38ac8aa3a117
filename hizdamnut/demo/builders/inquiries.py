"""Inquiries in every status across the past ~18 months: most from the demo participants, some just a name and phone.

Each is recorded, screened and moved through the inquiries' services on the day it happened (see `demo.clock`).
"""

import datetime
import json

from hizdamnut.centers.roles import Role
from hizdamnut.demo import names
from hizdamnut.demo.core import Person, fictional_phone
from hizdamnut.inquiries import eligibility, services
from hizdamnut.inquiries.models import Channel, Decision, InquiryCategory, InquiryStatus, OutreachEvent, Source
from hizdamnut.inquiries.services import load_categories

S = InquiryStatus
# The path an inquiry walks to reach each final status.
PATHS = {
    S.NEW: [S.NEW],
    S.SCREENED: [S.NEW, S.SCREENED],
    S.INTAKE_SCHEDULED: [S.NEW, S.SCREENED, S.INTAKE_SCHEDULED],
    S.INTAKE_HELD: [S.NEW, S.SCREENED, S.INTAKE_SCHEDULED, S.INTAKE_HELD],
    S.ROUTED: [S.NEW, S.SCREENED, S.INTAKE_SCHEDULED, S.INTAKE_HELD, S.ROUTED],
    S.REFERRED_OUT: [S.NEW, S.SCREENED, S.REFERRED_OUT],
    S.NOT_ELIGIBLE: [S.NEW, S.NOT_ELIGIBLE],
    S.DECLINED: [S.NEW, S.SCREENED, S.DECLINED],
    S.UNREACHABLE: [S.NEW, S.UNREACHABLE],
}
# Registered participants mostly reached routing; people known only by name and phone are earlier or closed.
PARTICIPANT_STATUSES = [(S.ROUTED, 70), (S.INTAKE_HELD, 5), (S.INTAKE_SCHEDULED, 6), (S.SCREENED, 6), (S.NEW, 3),
                        (S.REFERRED_OUT, 4), (S.DECLINED, 4), (S.NOT_ELIGIBLE, 1), (S.UNREACHABLE, 1)]
CONTACT_STATUSES = [(S.NEW, 20), (S.SCREENED, 10), (S.UNREACHABLE, 25), (S.DECLINED, 15), (S.NOT_ELIGIBLE, 15),
                    (S.REFERRED_OUT, 15)]
OPEN = {S.NEW, S.SCREENED, S.INTAKE_SCHEDULED, S.INTAKE_HELD}
DEPARTMENTS = ["המחלקה לשירותים חברתיים", "לשכת הרווחה מזרח", "לשכת הרווחה מערב", "היחידה לקידום נוער"]
PARTNERS = ["עמותת לב", "מרכז קהילתי", "ארגון מתנדבים", "עמותת נשים לעבודה"]
NOTES = ["ביקשה שיחזרו אליה אחרי 16:00.", "מחפש עבודה קרובה לבית.", "הגיע בעקבות חבר שמשתתף במרכז.",
         "מעוניינת בקורס ולאחר מכן בעבודה.", "", "", ""]


def _weighted(rng, options):
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _source(rng):
    source = _weighted(rng, [(Source.WELFARE_REFERRAL, 45), (Source.COMMUNITY_PARTNER, 10),
                             (Source.OUTREACH_EVENT, 15), (Source.FRIEND, 15), (Source.SELF, 15)])
    extra = {}
    if source == Source.WELFARE_REFERRAL:
        extra = {"referring_department": rng.choice(DEPARTMENTS),
                 "referring_worker": f"{rng.choice(names.STAFF_FIRST)} {rng.choice(names.STAFF_LAST)}"}
    elif source == Source.COMMUNITY_PARTNER:
        extra = {"community_partner": rng.choice(PARTNERS)}
    elif source == Source.OUTREACH_EVENT:
        extra = {"outreach_event": rng.choice(OutreachEvent.values)}
    return source, extra


def _dates(ctx, status):
    """Received date and the date each status on the path was reached, all in the past."""
    path = PATHS[status]
    if status in OPEN:
        # Open inquiries are recent; a few have waited longer than the center's 7 days.
        received = ctx.days_ago(0, 21)
    else:
        received = ctx.days_ago(30, 540)
    day, dates = received, []
    for step in path:
        if step != S.NEW:
            day = min(ctx.today, day + datetime.timedelta(days=ctx.rng.randint(1, 9)))
        dates.append((step, day))
    return received, dates


def ensure_categories():
    if not InquiryCategory.objects.exists():
        load_categories(json.loads(eligibility.RULES_FILE.with_name("categories.json").read_text(encoding="utf-8")))


# The intake builder walks these steps: the meeting, the routing decision and the referral out are its own.
INTAKE_STEPS = {S.INTAKE_HELD, S.ROUTED, S.REFERRED_OUT}
OVERRIDE_REASON = "אושר על ידי מנהלת המרכז לאחר שיחה עם העובדת הסוציאלית המפנה."


def _walk(ctx, inquiry, road, coordinator, manager, participant):
    """Enters each step of the road through the inquiries' services, on the day it happened."""
    rng = ctx.rng
    for index, (step, day) in enumerate(road):
        if step in INTAKE_STEPS:
            ctx.inquiry_roads.append((inquiry, road[index:]))
            return
        with ctx.on(day, 10 + index):
            if step == S.SCREENED and participant is not None:
                screening = services.screen_inquiry(inquiry=inquiry, actor=coordinator, applicant=(
                    services.applicant_from_participant(
                        participant, low_stability=rng.random() < 0.5, long_unemployed=rng.random() < 0.3,
                        other_state_service=rng.random() < 0.2)))
                if screening.final_decision != Decision.ELIGIBLE:
                    services.override_screening(screening=screening, decision=Decision.ELIGIBLE,
                                                reason=OVERRIDE_REASON, actor=manager)
            elif step == S.INTAKE_SCHEDULED:
                meeting_on = next((d for s, d in road[index + 1:] if s == S.INTAKE_HELD),
                                  day + datetime.timedelta(days=rng.randint(2, 14)))
                services.schedule_intake(inquiry=inquiry, on=meeting_on, actor=coordinator)
            else:
                services.change_inquiry_status(inquiry=inquiry, status=step, actor=coordinator)


def build(ctx):
    rng = ctx.rng
    ensure_categories()
    parents = list(InquiryCategory.objects.filter(parent__isnull=True).prefetch_related("children"))
    plans = [(person, _weighted(rng, PARTICIPANT_STATUSES)) for person in ctx.people]
    for n in range(len(ctx.people) // 4):
        plans.append((ctx.centers[n % len(ctx.centers)], _weighted(rng, CONTACT_STATUSES)))
    for subject, status in plans:
        person = subject if isinstance(subject, Person) else None
        center = person.center if person else subject
        coordinator = ctx.staff_of(center, Role.COORDINATOR)[0]
        manager = (ctx.staff_of(center, Role.MANAGER) or [coordinator])[0]
        parent = rng.choice(parents)
        children = list(parent.children.all())
        source, extra = _source(rng)
        received, dates = _dates(ctx, status)
        if person is not None:
            contact = {name: person.fields[name] for name in ("first_name", "last_name", "phone", "id_number")}
        else:
            arabic = rng.random() < 0.25
            female = rng.random() < 0.6
            first = rng.choice((names.ARABIC_FEMALE if female else names.ARABIC_MALE) if arabic
                               else (names.HEBREW_FEMALE if female else names.HEBREW_MALE))
            contact = {"first_name": first, "phone": fictional_phone(rng)}
            if rng.random() < 0.5:  # some left only a first name and a phone
                contact["last_name"] = rng.choice(names.ARABIC_LAST if arabic else names.HEBREW_LAST)
        with ctx.on(received, 9):
            inquiry = services.record_inquiry(
                actor=coordinator, center=center, received_on=received, source=source, channel=_weighted(
                    rng, [(Channel.PHONE, 55), (Channel.WALK_IN, 30), (Channel.ONLINE, 15)]),
                category=parent, subcategory=rng.choice(children) if children and rng.random() < 0.85 else None,
                notes=rng.choice(NOTES), **extra, **contact,
            )
        participant = None
        if person is not None:
            # Registered that day from the inquiry, as the inquiry page does.
            with ctx.on(received, 9, 30):
                participant = services.register_from_inquiry(inquiry=inquiry, actor=coordinator,
                                                             **person.fields_on(received))
            ctx.participants.append(participant)
        _walk(ctx, inquiry, dates[1:], coordinator, manager, participant)
