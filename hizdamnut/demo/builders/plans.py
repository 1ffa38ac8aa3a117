"""Demo accompaniment: caseloads, career plans, goals, tasks, meetings with team and therapeutic notes, skills.

Runs after the intake builder, which may already have made participants active and given them a case worker.
Everything goes through the plans' services, each event on the day it happened (see `demo.clock`).
"""

import datetime

from hizdamnut.centers.roles import Role
from hizdamnut.participants import services as participant_services
from hizdamnut.participants.models import ClosingReason, JourneyStatus, StatusChange
from hizdamnut.plans import services
from hizdamnut.plans.models import SKILL_FIELDS, Attendance, GoalStatus, MeetingKind, NoteKind, TaskOwner, TaskStatus

VISIONS = [
    "אני רוצה לעבוד כמזכירה רפואית בקופת חולים, קרוב לבית.",
    "לפתוח עסק קטן לאפייה ביתית ולמכור בשוק.",
    "לחזור לעבוד כנהג, הפעם במשרה קבועה עם תנאים.",
    "לעבוד בגן ילדים, כי אני אוהבת ילדים ויש לי סבלנות.",
    "להיות טכנאי מחשבים ולהתקדם לניהול צוות.",
    "עבודה במשמרות בוקר שמתאימה לשעות של הילדים.",
    "לעבוד במחסן לוגיסטי ולהגיע למלגזן מוסמך.",
    "להשתלב בעבודה משרדית עם אנשים, ולא לבד.",
]
GOALS = [
    ("לשלוח קורות חיים למשרות מתאימות", "מספר קורות חיים שנשלחו", "8", "כדי להתחיל להרוויח בעצמי"),
    ("להשלים קורס עברית תעסוקתית", "נוכחות ומבחן סיום", "80% נוכחות", "כדי להרגיש בטוחה בריאיון"),
    ("להגיע לריאיון עבודה", "ריאיונות שהתקיימו", "2", "להוכיח לעצמי שאני מסוגל"),
    ("להסדיר סידור לילדים", "מסגרת לילדים בשעות העבודה", "מסגרת אחת", "בלי זה אין לי איך לעבוד"),
    ("לבנות תקציב חודשי", "טבלת תקציב מעודכנת", "3 חודשים ברצף", "לצאת מהחובות"),
]
TASKS = [
    ("לעדכן את קורות החיים", TaskOwner.PARTICIPANT), ("להתקשר לשלוש חברות כוח אדם", TaskOwner.PARTICIPANT),
    ("לבדוק זכאות לשובר הכשרה", TaskOwner.STAFF), ("לתאם ריאיון עם מעסיק", TaskOwner.STAFF),
    ("להביא אישור מהמחלקה לשירותים חברתיים", TaskOwner.PARTICIPANT),
    ("לפתוח תיבת דואר אלקטרוני", TaskOwner.PARTICIPANT),
]
TEAM_NOTES = [
    "הגיעה בזמן, מוטיבציה גבוהה. עבדנו על קורות החיים.",
    "שיחה על סוגי משרות באזור; מעדיף עבודה קרובה לבית.",
    "מתעניין בסדנת הכנה לריאיון. להציע בקבוצה הבאה.",
    "דיברנו על הסידור לילדים; יש עדיין קושי בשעות אחר הצהריים.",
]
THERAPEUTIC_NOTES = [
    "עלו קשיים רגשיים סביב אובדן העבודה הקודמת; נמשיך לעבוד על תחושת המסוגלות.",
    "שיתפה במצב משפחתי מורכב. נבנתה תוכנית להתמודדות עם הלחץ בבית.",
    "ניכרת חרדה מריאיונות; עבדנו על דפוסי מחשבה ועל חוויות הצלחה קודמות.",
]


def _journeys(ctx):
    """Brings most of those still at intake into accompaniment, pauses or closes a few; returns the accompanied
    with the day each became active."""
    rng, today = ctx.rng, ctx.today
    active_since = dict(StatusChange.objects.filter(
        participant__in=ctx.participants, status=JourneyStatus.ACTIVE).order_by("changed_on", "pk")
        .values_list("participant_id", "changed_on"))
    accompanied = []
    for participant in ctx.participants:
        center = participant.center
        workers = ctx.staff_of(center, Role.SOCIAL_WORKER) + ctx.staff_of(center, Role.COACH)
        if not workers:
            continue
        if participant.status == JourneyStatus.INTAKE and rng.random() < 0.75:
            started, worker = ctx.not_before_registration(participant, ctx.days_ago(40, 300)), rng.choice(workers)
            with ctx.on(started, 11):
                services.change_participant_status(actor=worker, participant=participant,
                                                   status=JourneyStatus.ACTIVE)
            active_since.setdefault(participant.pk, started)
        if participant.status == JourneyStatus.INTAKE:
            continue
        if participant.case_worker_id is None:
            with ctx.on(active_since.get(participant.pk, today), 12):
                participant_services.assign_case_worker(participant=participant, worker=rng.choice(workers),
                                                        actor=ctx.staff_of(center, Role.COORDINATOR)[0])
        since = active_since.get(participant.pk, today)
        if participant.status == JourneyStatus.ACTIVE:
            roll = rng.random()
            if roll < 0.07:
                with ctx.on(max(since, ctx.days_ago(5, 30)), 15):
                    services.change_participant_status(
                        actor=participant.case_worker, participant=participant, status=JourneyStatus.PAUSED,
                        note="טיפול רפואי", expected_return=today + datetime.timedelta(days=rng.randint(20, 90)))
            elif roll < 0.12:
                with ctx.on(max(since, ctx.days_ago(5, 60)), 15):
                    services.change_participant_status(
                        actor=participant.case_worker, participant=participant, status=JourneyStatus.CLOSED,
                        reason=rng.choice([ClosingReason.MOVED, ClosingReason.NOT_INTERESTED,
                                           ClosingReason.UNREACHABLE]))
        accompanied.append((participant, since))
    return accompanied


def _plan(ctx, participant, since):
    """The career plan, set on the first days of accompaniment: vision, goals and tasks."""
    rng, today = ctx.rng, ctx.today
    worker = participant.case_worker
    with ctx.on(since, 13):
        services.update_vision(actor=worker, participant=participant, vision=rng.choice(VISIONS))
        for what, measure, target, why in rng.sample(GOALS, rng.randint(1, 3)):
            target_date = today + datetime.timedelta(days=rng.randint(-20, 120))
            goal = services.add_goal(actor=worker, participant=participant, what=what, measure=measure,
                                     target=target, target_date=target_date, why=why)
            if rng.random() < 0.25:
                with ctx.on(max(since, min(today, target_date)), 16):
                    services.set_goal_status(actor=worker, goal=goal, status=GoalStatus.ACHIEVED)
    for title, owner in rng.sample(TASKS, rng.randint(1, 4)):
        due = today + datetime.timedelta(days=rng.randint(-25, 21))
        with ctx.on(max(since, min(today, due - datetime.timedelta(days=14))), 13):
            task = services.add_task(actor=worker, participant=participant, title=title, owner=owner, due_date=due)
        if due < today and rng.random() < 0.5:
            with ctx.on(max(since, due), 17):
                services.set_task_status(actor=worker, task=task, status=TaskStatus.DONE)


def _meetings(ctx, participant, since):
    """Meetings over the past months, each recorded just after it ended, with its team (and therapeutic) note."""
    rng, today = ctx.rng, ctx.today
    worker = participant.case_worker
    # About one in six has had no contact for over a month: the caseload flags them for outreach.
    silent = rng.random() < 0.17
    days = sorted({rng.randint(35, 150) if silent else rng.randint(1, 120) for _ in range(rng.randint(1, 6))},
                  reverse=True)
    if not silent and min(days) > 25:
        days.append(rng.randint(1, 20))
    # Nobody is met before their accompaniment began.
    days = sorted({max(since, today - datetime.timedelta(days=ago)) for ago in days})
    for n, day in enumerate(days):
        attendance = rng.choices([Attendance.HELD, Attendance.NO_SHOW, Attendance.CANCELLED], [8, 1, 1])[0]
        is_last = n == len(days) - 1
        next_at = ctx.clock.at(today + datetime.timedelta(days=rng.randint(2, 21)), rng.choice([9, 11, 14])) \
            if is_last and not silent and participant.status == JourneyStatus.ACTIVE else None
        starts_at = ctx.clock.at(day, rng.choice([9, 10, 12, 14, 16]))
        duration = rng.choice([30, 45, 60, 90])
        held = attendance == Attendance.HELD
        with ctx.on(starts_at + datetime.timedelta(minutes=duration)):
            meeting = services.record_meeting(
                actor=worker, participant=participant, kind=rng.choice(list(MeetingKind)), starts_at=starts_at,
                duration_minutes=duration, attendance=attendance, staff=worker, next_meeting_at=next_at,
                note=rng.choice(TEAM_NOTES) if held else "")
            if held and worker.staff.role == Role.SOCIAL_WORKER and rng.random() < 0.4:
                services.add_note(actor=worker, participant=participant, meeting=meeting,
                                  kind=NoteKind.THERAPEUTIC, text=rng.choice(THERAPEUTIC_NOTES))


def _assessments(ctx, participant, since):
    rng, today = ctx.rng, ctx.today
    skills = rng.sample(list(SKILL_FIELDS), rng.randint(3, 6))
    level = {skill: rng.randint(1, 3) for skill in skills}
    agos = rng.sample(range(10, 200), rng.randint(2, 4))
    for assessed_on in sorted({max(since, today - datetime.timedelta(days=ago)) for ago in agos}):
        with ctx.on(assessed_on, 15):
            services.record_assessment(actor=participant.case_worker, participant=participant,
                                       assessed_on=assessed_on, levels=dict(level))
        for skill in skills:
            level[skill] = min(5, level[skill] + rng.choice([0, 0, 1]))


def build(ctx):
    rng = ctx.rng
    accompanied = _journeys(ctx)
    for participant, since in accompanied:
        _plan(ctx, participant, since)
    for participant, since in accompanied:
        _meetings(ctx, participant, since)
    for participant, since in accompanied:
        if rng.random() <= 0.45:
            _assessments(ctx, participant, since)
