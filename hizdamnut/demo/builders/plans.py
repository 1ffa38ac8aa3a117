"""Demo accompaniment: caseloads, career plans, goals, tasks, meetings with team and therapeutic notes, skills.

Runs after the intake builder, which may already have made participants active and given them a case worker.
"""

import datetime

from django.utils import timezone

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import ClosingReason, JourneyStatus, StatusChange
from hizdamnut.plans.models import (
    SKILL_FIELDS,
    Attendance,
    CareerPlan,
    Goal,
    Meeting,
    MeetingKind,
    Note,
    NoteKind,
    PlanChange,
    SkillAssessment,
    SkillScore,
    Task,
    TaskOwner,
    TaskStatus,
)

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
    ("להביא אישור מהמחלקה לשירותים חברתיים", TaskOwner.PARTICIPANT), ("לפתוח תיבת דואר אלקטרוני", TaskOwner.PARTICIPANT),
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


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def build(ctx):
    rng, today = ctx.rng, ctx.today
    plans, goals, tasks, changes, meetings, notes = [], [], [], [], [], []
    accompanied = []
    for participant in ctx.participants:
        center = participant.center
        workers = ctx.staff_of(center, Role.SOCIAL_WORKER) + ctx.staff_of(center, Role.COACH)
        if not workers:
            continue
        if participant.status == JourneyStatus.INTAKE and rng.random() < 0.75:
            started = ctx.days_ago(40, 300)
            StatusChange.objects.create(participant=participant, status=JourneyStatus.ACTIVE, changed_on=started,
                                        changed_by=rng.choice(workers))
            participant.status = JourneyStatus.ACTIVE
        if participant.status == JourneyStatus.INTAKE:
            continue
        if participant.case_worker_id is None:
            participant.case_worker = rng.choice(workers)
        if participant.status == JourneyStatus.ACTIVE:
            roll = rng.random()
            if roll < 0.07:
                participant.status = JourneyStatus.PAUSED
                StatusChange.objects.create(
                    participant=participant, status=JourneyStatus.PAUSED, changed_on=ctx.days_ago(5, 30),
                    note="טיפול רפואי", expected_return=today + datetime.timedelta(days=rng.randint(20, 90)),
                    changed_by=participant.case_worker)
            elif roll < 0.12:
                participant.status = JourneyStatus.CLOSED
                StatusChange.objects.create(
                    participant=participant, status=JourneyStatus.CLOSED, changed_on=ctx.days_ago(5, 60),
                    reason=rng.choice([ClosingReason.MOVED, ClosingReason.NOT_INTERESTED, ClosingReason.UNREACHABLE]),
                    changed_by=participant.case_worker)
        participant.save(update_fields=["status", "case_worker"])
        accompanied.append(participant)

    for participant in accompanied:
        worker = participant.case_worker
        plans.append(CareerPlan(participant=participant, vision=rng.choice(VISIONS)))
    CareerPlan.objects.bulk_create(plans)

    for plan in plans:
        participant, worker = plan.participant, plan.participant.case_worker
        changes.append(PlanChange(plan=plan, changed_by=worker, what=f"חזון תעסוקתי: {plan.vision}"))
        for what, measure, target, why in rng.sample(GOALS, rng.randint(1, 3)):
            goals.append(Goal(plan=plan, what=what, measure=measure, target=target, why=why, created_by=worker,
                              target_date=today + datetime.timedelta(days=rng.randint(-20, 120)),
                              status=rng.choice(["open", "open", "open", "achieved"])))
            changes.append(PlanChange(plan=plan, changed_by=worker, what=f"נוספה מטרה: {what}"))
        for title, owner in rng.sample(TASKS, rng.randint(1, 4)):
            due = today + datetime.timedelta(days=rng.randint(-25, 21))
            status = TaskStatus.DONE if due < today and rng.random() < 0.5 else TaskStatus.OPEN
            tasks.append(Task(plan=plan, title=title, owner=owner, due_date=due, status=status, created_by=worker))
            changes.append(PlanChange(plan=plan, changed_by=worker, what=f"נוספה משימה: {title}"))
        # About one in six has had no contact for over a month: the caseload flags them for outreach.
        silent = rng.random() < 0.17
        days = sorted({rng.randint(35, 150) if silent else rng.randint(1, 120) for _ in range(rng.randint(1, 6))},
                      reverse=True)
        if not silent and min(days) > 25:
            days.append(rng.randint(1, 20))
        for n, ago in enumerate(days):
            day = today - datetime.timedelta(days=ago)
            attendance = rng.choices([Attendance.HELD, Attendance.NO_SHOW, Attendance.CANCELLED], [8, 1, 1])[0]
            is_last = n == len(days) - 1
            next_at = _at(today + datetime.timedelta(days=rng.randint(2, 21)), rng.choice([9, 11, 14])) \
                if is_last and not silent and participant.status == JourneyStatus.ACTIVE else None
            meeting = Meeting(participant=participant, staff=worker, kind=rng.choice(list(MeetingKind)),
                              starts_at=_at(day, rng.choice([9, 10, 12, 14, 16])), attendance=attendance,
                              duration_minutes=rng.choice([30, 45, 60, 90]), next_meeting_at=next_at)
            meetings.append(meeting)
    Goal.objects.bulk_create(goals)
    Task.objects.bulk_create(tasks)
    PlanChange.objects.bulk_create(changes)
    Meeting.objects.bulk_create(meetings)

    for meeting in meetings:
        if meeting.attendance != Attendance.HELD:
            continue
        notes.append(Note(participant=meeting.participant, meeting=meeting, kind=NoteKind.TEAM,
                          text=rng.choice(TEAM_NOTES), author=meeting.staff))
        if meeting.staff.staff.role == Role.SOCIAL_WORKER and rng.random() < 0.4:
            notes.append(Note(participant=meeting.participant, meeting=meeting, kind=NoteKind.THERAPEUTIC,
                              text=rng.choice(THERAPEUTIC_NOTES), author=meeting.staff))
    Note.objects.bulk_create(notes)

    scores = []
    for participant in accompanied:
        if rng.random() > 0.45:
            continue
        skills = rng.sample(list(SKILL_FIELDS), rng.randint(3, 6))
        level = {skill: rng.randint(1, 3) for skill in skills}
        for ago in sorted(rng.sample(range(10, 200), rng.randint(2, 4)), reverse=True):
            assessment = SkillAssessment.objects.create(participant=participant, assessor=participant.case_worker,
                                                        assessed_on=today - datetime.timedelta(days=ago))
            for skill in skills:
                scores.append(SkillScore(assessment=assessment, skill=skill, level=level[skill]))
                level[skill] = min(5, level[skill] + rng.choice([0, 0, 1]))
    SkillScore.objects.bulk_create(scores)
