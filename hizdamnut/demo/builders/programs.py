"""Demo programs: cohorts at each center with sessions, enrollments (some waiting), attendance and completions."""

import datetime

from django.utils import timezone

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.programs import eligibility
from hizdamnut.programs.catalog import load_catalog, read_catalog
from hizdamnut.programs.models import Cohort, Enrollment, EnrollmentStatus, Program, Session, SessionAttendance

COHORT_PROGRAMS = ["strive", "work-hebrew", "digital-skills", "cv-writing", "interview", "budget", "midway", "parents"]


def build(ctx):
    rng, today = ctx.rng, ctx.today
    if not Program.objects.exists():
        load_catalog(read_catalog())
    programs = {p.code: p for p in Program.objects.filter(code__in=COHORT_PROGRAMS)}
    for center in ctx.centers:
        people = [p for p in ctx.participants if p.center_id == center.pk
                  and p.status in (JourneyStatus.ACTIVE, JourneyStatus.PAUSED, JourneyStatus.PLACED)]
        facilitators = ctx.staff_of(center, Role.COACH) + ctx.staff_of(center, Role.TRAINING_COORDINATOR)
        for code in rng.sample(COHORT_PROGRAMS, 4):
            program = programs[code]
            started = today - datetime.timedelta(days=rng.randint(-10, 50))
            cohort = Cohort.objects.create(program=program, center=center, capacity=rng.choice([8, 10, 12]),
                                           name=f"מחזור {started:%m/%Y}",
                                           facilitator=rng.choice(facilitators) if facilitators else None)
            sessions = Session.objects.bulk_create(
                Session(cohort=cohort, duration_minutes=120, topic=f"מפגש {n + 1}",
                        starts_at=timezone.make_aware(datetime.datetime.combine(
                            started + datetime.timedelta(days=7 * n), datetime.time(10, 0))))
                for n in range(8)
            )
            fitting = [p for p in people if not eligibility.check(program, p)[0]]
            chosen = rng.sample(fitting, min(len(fitting), cohort.capacity + rng.randint(0, 3)))
            enrollments = []
            for index, participant in enumerate(chosen):
                enrolled = index < cohort.capacity
                enrollments.append(Enrollment(
                    cohort=cohort, participant=participant, created_by=participant.case_worker,
                    status=EnrollmentStatus.ENROLLED if enrolled else EnrollmentStatus.WAITLISTED,
                    enrolled_on=started if enrolled else None,
                ))
            Enrollment.objects.bulk_create(enrollments)
            taking_part = [e for e in enrollments if e.status == EnrollmentStatus.ENROLLED]
            if taking_part and started < today - datetime.timedelta(days=30) and rng.random() < 0.5:
                dropped = rng.choice(taking_part)
                dropped.status, dropped.ended_on, dropped.end_reason = (
                    EnrollmentStatus.DROPPED, today - datetime.timedelta(days=3), "התחיל לעבוד במשמרות")
                dropped.save()
            lines = []
            for session in sessions:
                if session.starts_at >= timezone.now():
                    continue
                for enrollment in taking_part:
                    lines.append(SessionAttendance(session=session, enrollment=enrollment, present=rng.random() < 0.8))
            SessionAttendance.objects.bulk_create(lines)
