"""Demo employers, job openings, work profiles and candidates (fictional businesses)."""

import datetime

from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.employers import matching
from hizdamnut.employers.models import (
    Agreement,
    Candidacy,
    CandidateProfile,
    Employer,
    EmployerContact,
    EmployerLocation,
    Interaction,
    JobOpening,
    Stage,
)
from hizdamnut.participants.models import JourneyStatus, StatusChange

from .. import names

EMPLOYERS = [
    ("סופר {city}", "retail", "large", "national"),
    ("מאפיית הגליל", "industry", "medium", "local"),
    ("לוגיסטיקה {city}", "logistics", "large", "local"),
    ("בית אבות נווה {city}", "care", "medium", "local"),
    ("מלון החוף", "hospitality", "large", "national"),
    ("מוסך הצפון", "services", "small", "local"),
]
OPENINGS = [
    # title, occupation, hours, shift, wage, education, languages, experience, licences, skills, flex
    ("קופאי/ת", "קופאות", 30, "morning", "34.50", 2, ["he"], 0, [], ["שירות לקוחות"], ["experience"]),
    ("מחסנאי/ת", "מחסנאות", 42, "day", "36.00", 2, ["he"], 1, ["מלגזה"], ["סדר וארגון"], ["licences"]),
    ("מטפל/ת סיעודי/ת", "סיעוד", 36, "rotating", "38.00", 3, ["he"], 1, [], ["עבודה עם קשישים"], ["education"]),
    ("עובד/ת ייצור", "ייצור", 40, "day", "35.00", 0, [], 0, [], [], []),
    ("נציג/ת שירות", "שירות לקוחות", 35, "day", "37.00", 4, ["he", "ar"], 0, [], ["מחשב", "שירות לקוחות"],
     ["languages"]),
    ("עובד/ת מטבח", "מטבח", 40, "evening", "35.50", 0, [], 0, [], ["היגיינה"], ["experience"]),
    ("נהג/ת חלוקה", "נהיגה", 42, "morning", "40.00", 2, ["he"], 2, ["B"], [], []),
    ("סייע/ת בגן", "חינוך", 25, "morning", "36.00", 3, ["he"], 0, [], ["עבודה עם ילדים"], ["experience"]),
]
OCCUPATIONS = [o[1] for o in OPENINGS]
SKILLS = ["שירות לקוחות", "סדר וארגון", "עבודה עם קשישים", "מחשב", "היגיינה", "עבודה עם ילדים"]


def _eligible(ctx, center):
    people = sorted((p for p in ctx.participants if p.center_id == center.pk), key=lambda p: p.pk)
    active = [p for p in people if p.status == JourneyStatus.ACTIVE]
    if active:
        return active
    # Built without the intake and plans builders: bring a few into active accompaniment for the demo.
    chosen = people[: max(1, len(people) // 2)]
    for participant in chosen:
        StatusChange.objects.create(participant=participant, status=JourneyStatus.ACTIVE,
                                    changed_on=ctx.days_ago(60, 200))
        participant.status = JourneyStatus.ACTIVE
        participant.save(update_fields=["status"])
    return chosen


def build(ctx):
    rng = ctx.rng
    for center in ctx.centers:
        lead = (ctx.staff_of(center, Role.EMPLOYER_LEAD) or [None])[0]
        nearby = list(City.objects.filter(region=center.region).order_by("pk"))
        employers = []
        for name, sector, size, relationship in EMPLOYERS:
            employer = Employer.objects.create(center=center, name=name.format(city=center.city.name_he), sector=sector,
                                               size=size, relationship=relationship)
            EmployerLocation.objects.create(employer=employer, city=rng.choice(nearby),
                                            address=f"רחוב העצמאות {rng.randint(1, 90)}")
            EmployerContact.objects.create(
                employer=employer, name=f"{rng.choice(names.HEBREW_FEMALE)} {rng.choice(names.HEBREW_LAST)}",
                job_title=rng.choice(["מנהלת משאבי אנוש", "מנהל סניף", "רכזת גיוס"]),
                phone="05" + "".join(str(rng.randint(0, 9)) for _ in range(8)))
            if relationship == "national" or rng.random() < 0.4:
                Agreement.objects.create(employer=employer, title="הסכם קליטת משתתפים",
                                         signed_on=ctx.days_ago(100, 500),
                                         terms="ראיון לכל מועמד/ת שהמרכז ממליץ עליו/ה; ליווי בחודשים הראשונים")
            for _ in range(rng.randint(1, 3)):
                Interaction.objects.create(employer=employer, occurred_on=ctx.days_ago(1, 120),
                                           kind=rng.choice(Interaction.Kind.values), recorded_by=lead,
                                           summary=rng.choice(["שיחת היכרות וצרכי גיוס", "ביקור במקום העבודה",
                                                               "עדכון על מועמדים", "תיאום יום גיוס במרכז"]))
            employers.append(employer)

        openings = []
        for index, spec in enumerate(OPENINGS):
            title, occupation, hours, shift, wage, education, languages, experience, licences, skills, flex = spec
            status = (JobOpening.Status.OPEN if index < 6
                      else rng.choice([JobOpening.Status.OPEN, JobOpening.Status.CLOSED]))
            openings.append(JobOpening.objects.create(
                employer=employers[index % len(employers)], title=title, occupation=occupation,
                positions=rng.randint(1, 4), hours_per_week=hours, shift=shift, hourly_wage=wage,
                city=rng.choice(nearby), education_required=education, languages_required=languages,
                experience_years_required=experience, licences_required=licences, skills_required=skills,
                flexible_thresholds=flex, accessible=rng.random() < 0.5, status=status,
                opened_on=ctx.days_ago(40, 160)))

        people = _eligible(ctx, center)
        for participant in people:
            # Routing to work already opened some profiles (prefilled from intake); the demo writes them in full.
            CandidateProfile.objects.update_or_create(participant=participant, defaults=dict(
                ready_for_work=rng.random() < 0.75,
                desired_occupations=rng.sample(OCCUPATIONS, rng.randint(1, 3)),
                skills=rng.sample(SKILLS, rng.randint(0, 3)), education_level=rng.choice([1, 2, 3, 3, 4, 5, 6]),
                experience_years=rng.choice([0, 0, 1, 2, 3, 5, 8]),
                licences=rng.choice([[], [], ["B"], ["B", "מלגזה"]]),
                preferred_hours_per_week=rng.choice([None, 20, 30, 40]),
                available_shifts=rng.choice([[], ["morning", "day"], ["morning"], ["day", "evening"]]),
                childcare_constraint=participant.children_under_18 > 0 and rng.random() < 0.6,
                max_commute_km=rng.choice([10, 20, 30, 40])))

        # Candidates: the best few matches of each open opening, at every stage of the road.
        for opening in openings:
            if opening.status != JobOpening.Status.OPEN:
                continue
            for match in matching.candidates_for(opening, limit=rng.randint(1, 4)):
                recommended_on = max(opening.opened_on, ctx.days_ago(20, 110))
                candidacy = Candidacy.objects.create(opening=opening, participant=match.participant, score=match.score,
                                                     recommended_on=recommended_on, recommended_by=lead)
                step = rng.random()
                if step < 0.25:
                    continue
                candidacy.stage = Stage.CV_SENT
                candidacy.priority = rng.random() < 0.3
                candidacy.cv_sent_on = min(recommended_on + datetime.timedelta(days=rng.randint(1, 5)), ctx.today)
                if step > 0.5:
                    candidacy.stage = Stage.INTERVIEW
                    candidacy.interview_on = min(candidacy.cv_sent_on + datetime.timedelta(days=rng.randint(2, 10)),
                                                 ctx.today)
                if step > 0.85:
                    candidacy.stage = rng.choice([Stage.REJECTED, Stage.WITHDRAWN])
                    candidacy.decided_on = candidacy.interview_on
                    if candidacy.stage == Stage.REJECTED:
                        candidacy.rejection_reason = rng.choice(["חוסר ניסיון", "המשרה אוישה", "לא הגיע/ה לראיון"])
                candidacy.save()
