"""Demo employers, job openings, work profiles and candidates (fictional businesses).

Everything goes through the employers' services, each event on the day it happened (see `demo.clock`).
"""

import datetime

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.demo import names
from hizdamnut.demo.core import fictional_phone
from hizdamnut.employers import matching, services
from hizdamnut.employers.models import (
    EmployerSize,
    Interaction,
    JobOpening,
    Relationship,
    Sector,
    Shift,
    Stage,
    Threshold,
)
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.plans.services import change_participant_status

EMPLOYERS = [
    ("סופר {city}", Sector.RETAIL, EmployerSize.LARGE, Relationship.NATIONAL),
    ("מאפיית הגליל", Sector.INDUSTRY, EmployerSize.MEDIUM, Relationship.LOCAL),
    ("לוגיסטיקה {city}", Sector.LOGISTICS, EmployerSize.LARGE, Relationship.LOCAL),
    ("בית אבות נווה {city}", Sector.CARE, EmployerSize.MEDIUM, Relationship.LOCAL),
    ("מלון החוף", Sector.HOSPITALITY, EmployerSize.LARGE, Relationship.NATIONAL),
    ("מוסך הצפון", Sector.SERVICES, EmployerSize.SMALL, Relationship.LOCAL),
]
OPENINGS = [
    # title, occupation, hours, shift, wage, education, languages, experience, licences, skills, flex
    ("קופאי/ת", "קופאות", 30, Shift.MORNING, "34.50", 2, ["he"], 0, [], ["שירות לקוחות"], [Threshold.EXPERIENCE]),
    ("מחסנאי/ת", "מחסנאות", 42, Shift.DAY, "36.00", 2, ["he"], 1, ["מלגזה"], ["סדר וארגון"], [Threshold.LICENCES]),
    ("מטפל/ת סיעודי/ת", "סיעוד", 36, Shift.ROTATING, "38.00", 3, ["he"], 1, [], ["עבודה עם קשישים"],
     [Threshold.EDUCATION]),
    ("עובד/ת ייצור", "ייצור", 40, Shift.DAY, "35.00", 0, [], 0, [], [], []),
    ("נציג/ת שירות", "שירות לקוחות", 35, Shift.DAY, "37.00", 4, ["he", "ar"], 0, [], ["מחשב", "שירות לקוחות"],
     [Threshold.LANGUAGES]),
    ("עובד/ת מטבח", "מטבח", 40, Shift.EVENING, "35.50", 0, [], 0, [], ["היגיינה"], [Threshold.EXPERIENCE]),
    ("נהג/ת חלוקה", "נהיגה", 42, Shift.MORNING, "40.00", 2, ["he"], 2, ["B"], [], []),
    ("סייע/ת בגן", "חינוך", 25, Shift.MORNING, "36.00", 3, ["he"], 0, [], ["עבודה עם ילדים"], [Threshold.EXPERIENCE]),
]
OCCUPATIONS = [o[1] for o in OPENINGS]
SKILLS = ["שירות לקוחות", "סדר וארגון", "עבודה עם קשישים", "מחשב", "היגיינה", "עבודה עם ילדים"]


def _eligible(ctx, center, lead):
    people = sorted((p for p in ctx.participants if p.center_id == center.pk), key=lambda p: p.pk)
    active = [p for p in people if p.status == JourneyStatus.ACTIVE]
    if active:
        return active
    # Built without the intake and plans builders: bring a few into active accompaniment for the demo.
    chosen = people[: max(1, len(people) // 2)]
    for participant in chosen:
        with ctx.on(ctx.days_ago(60, 200)):
            change_participant_status(actor=lead, participant=participant, status=JourneyStatus.ACTIVE)
    return chosen


def _employer(ctx, lead, center, nearby, name, sector, size, relationship):
    rng = ctx.rng
    with ctx.on(ctx.days_ago(300, 600), 10):
        employer = services.save_employer(actor=lead, center=center, name=name.format(city=center.city.name_he),
                                          sector=sector, size=size, relationship=relationship)
        services.add_location(actor=lead, employer=employer, city=rng.choice(nearby),
                              address=f"רחוב העצמאות {rng.randint(1, 90)}")
        services.add_contact(actor=lead, employer=employer,
                             name=f"{rng.choice(names.HEBREW_FEMALE)} {rng.choice(names.HEBREW_LAST)}",
                             job_title=rng.choice(["מנהלת משאבי אנוש", "מנהל סניף", "רכזת גיוס"]),
                             phone=fictional_phone(rng))
    if relationship == Relationship.NATIONAL or rng.random() < 0.4:
        signed_on = ctx.days_ago(100, 500)
        with ctx.on(signed_on, 12):
            services.add_agreement(actor=lead, employer=employer, title="הסכם קליטת משתתפים", signed_on=signed_on,
                                   terms="ראיון לכל מועמד/ת שהמרכז ממליץ עליו/ה; ליווי בחודשים הראשונים")
    for _ in range(rng.randint(1, 3)):
        occurred_on = ctx.days_ago(1, 120)
        with ctx.on(occurred_on, 15):
            services.log_interaction(actor=lead, employer=employer, occurred_on=occurred_on,
                                     kind=rng.choice(Interaction.Kind.values),
                                     summary=rng.choice(["שיחת היכרות וצרכי גיוס", "ביקור במקום העבודה",
                                                         "עדכון על מועמדים", "תיאום יום גיוס במרכז"]))
    return employer


def _opening(ctx, lead, employer, nearby, spec, status):
    rng = ctx.rng
    title, occupation, hours, shift, wage, education, languages, experience, licences, skills, flex = spec
    opened_on = ctx.days_ago(40, 160)
    with ctx.on(opened_on, 10):
        opening = services.save_opening(
            actor=lead, employer=employer, title=title, occupation=occupation, positions=rng.randint(1, 4),
            hours_per_week=hours, shift=shift, hourly_wage=wage, city=rng.choice(nearby),
            education_required=education, languages_required=languages, experience_years_required=experience,
            licences_required=licences, skills_required=skills, flexible_thresholds=flex,
            accessible=rng.random() < 0.5, opened_on=opened_on)
    if status == JobOpening.Status.CLOSED:
        with ctx.on(min(ctx.today, opened_on + datetime.timedelta(days=rng.randint(14, 60))), 16):
            services.save_opening(actor=lead, opening=opening, status=status)
    return opening


def _pipeline(ctx, lead, opening):
    """The best few matches of an open opening, each moved along the road on the days it happened."""
    rng = ctx.rng
    for match in matching.candidates_for(opening, limit=rng.randint(1, 4)):
        recommended_on = max(opening.opened_on, ctx.not_before_registration(match.participant, ctx.days_ago(20, 110)))
        with ctx.on(recommended_on, 11):
            candidacy = services.recommend(actor=lead, opening=opening, participant=match.participant)
        step = rng.random()
        if step < 0.25:
            continue
        priority = rng.random() < 0.3
        day = min(recommended_on + datetime.timedelta(days=rng.randint(1, 5)), ctx.today)
        with ctx.on(day, 12):
            services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.CV_SENT, priority=priority)
        if step > 0.5:
            day = min(day + datetime.timedelta(days=rng.randint(2, 10)), ctx.today)
            with ctx.on(day, 13):
                services.move_candidacy(actor=lead, candidacy=candidacy, stage=Stage.INTERVIEW)
        if step > 0.85:
            stage = rng.choice([Stage.REJECTED, Stage.WITHDRAWN])
            reason = rng.choice(["חוסר ניסיון", "המשרה אוישה", "לא הגיע/ה לראיון"]) if stage == Stage.REJECTED else ""
            with ctx.on(day, 16):
                services.move_candidacy(actor=lead, candidacy=candidacy, stage=stage, reason=reason)


def build(ctx):
    rng = ctx.rng
    for center in ctx.centers:
        lead = ctx.staff_of(center, Role.EMPLOYER_LEAD)[0]
        nearby = list(City.objects.filter(region=center.region).order_by("pk"))
        employers = [_employer(ctx, lead, center, nearby, *spec) for spec in EMPLOYERS]
        openings = []
        for index, spec in enumerate(OPENINGS):
            status = (JobOpening.Status.OPEN if index < 6
                      else rng.choice([JobOpening.Status.OPEN, JobOpening.Status.CLOSED]))
            openings.append(_opening(ctx, lead, employers[index % len(employers)], nearby, spec, status))

        for participant in _eligible(ctx, center, lead):
            with ctx.on(ctx.not_before_registration(participant, ctx.days_ago(20, 120)), 14):
                services.save_candidate_profile(
                    actor=participant.case_worker or lead, participant=participant,
                    ready_for_work=rng.random() < 0.75, desired_occupations=rng.sample(OCCUPATIONS, rng.randint(1, 3)),
                    skills=rng.sample(SKILLS, rng.randint(0, 3)), education_level=rng.choice([1, 2, 3, 3, 4, 5, 6]),
                    experience_years=rng.choice([0, 0, 1, 2, 3, 5, 8]),
                    licences=rng.choice([[], [], ["B"], ["B", "מלגזה"]]),
                    preferred_hours_per_week=rng.choice([None, 20, 30, 40]),
                    available_shifts=rng.choice([[], [Shift.MORNING, Shift.DAY], [Shift.MORNING],
                                                 [Shift.DAY, Shift.EVENING]]),
                    childcare_constraint=participant.children_under_18 > 0 and rng.random() < 0.6,
                    max_commute_km=rng.choice([10, 20, 30, 40]))

        for opening in openings:
            if opening.status == JobOpening.Status.OPEN:
                _pipeline(ctx, lead, opening)
