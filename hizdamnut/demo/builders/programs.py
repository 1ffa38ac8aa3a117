"""Demo programs: cohorts at each center with sessions, enrollments (some waiting), attendance and completions.

Everything goes through the programs' services, each event on the day it happened (see `demo.clock`): a cohort
is opened with its schedule before its first session, people enroll before it starts, attendance is taken
after each session.
"""

import datetime

from hizdamnut.centers.roles import Role
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.programs import eligibility, services
from hizdamnut.programs.catalog import load_catalog, read_catalog
from hizdamnut.programs.models import EnrollmentStatus, Program

COHORT_PROGRAMS = ["strive", "work-hebrew", "digital-skills", "cv-writing", "interview", "budget", "midway", "parents"]
SESSIONS = 8
DROP_REASON = "התחיל לעבוד במשמרות"


def _cohort(ctx, center, program, people, facilitators):
    rng, today = ctx.rng, ctx.today
    started = today - datetime.timedelta(days=rng.randint(-10, 50))
    opened = started - datetime.timedelta(days=rng.randint(7, 21))
    facilitator = rng.choice(facilitators)
    with ctx.on(opened, 9):
        cohort = services.create_cohort(actor=facilitator, program=program, center=center,
                                        capacity=rng.choice([8, 10, 12]), name=f"מחזור {started:%m/%Y}",
                                        facilitator=facilitator)
        sessions = [services.add_session(actor=facilitator, cohort=cohort, topic=f"מפגש {n + 1}",
                                         starts_at=ctx.clock.at(started + datetime.timedelta(days=7 * n), 10))
                    for n in range(SESSIONS)]
    # Those known to the center before the cohort opened, and who meet the program's rules.
    fitting = [p for p in people if ctx.registered_on(p) <= opened and not eligibility.check(program, p)[0]]
    chosen = rng.sample(fitting, min(len(fitting), cohort.capacity + rng.randint(0, 3)))
    for participant in chosen:
        # Past capacity the service puts them on the waiting list.
        with ctx.on(opened + datetime.timedelta(days=rng.randint(0, (started - opened).days)), 11):
            services.enroll(actor=participant.case_worker or facilitator, cohort=cohort, participant=participant)
    drop_at = None
    if started < today - datetime.timedelta(days=30) and rng.random() < 0.5:
        drop_at = ctx.clock.at(today - datetime.timedelta(days=3), 12)
    for session in sessions:
        if drop_at and session.starts_at > drop_at:
            _drop_one(ctx, cohort, facilitator, drop_at)
            drop_at = None
        if session.starts_at >= ctx.clock.now():
            continue
        taking_part = cohort.enrollments.filter(status=EnrollmentStatus.ENROLLED).order_by("pk")
        with ctx.on(session.starts_at + datetime.timedelta(hours=2)):
            services.record_attendance(actor=facilitator, session=session,
                                       present={e.participant_id for e in taking_part if rng.random() < 0.8})
    if drop_at:
        _drop_one(ctx, cohort, facilitator, drop_at)


def _drop_one(ctx, cohort, facilitator, when):
    taking_part = list(cohort.enrollments.filter(status=EnrollmentStatus.ENROLLED).order_by("pk"))
    if taking_part:
        with ctx.on(when):
            services.end_enrollment(actor=facilitator, enrollment=ctx.rng.choice(taking_part),
                                    outcome=EnrollmentStatus.DROPPED, reason=DROP_REASON)


def build(ctx):
    rng = ctx.rng
    if not Program.objects.exists():
        load_catalog(read_catalog())
    programs = {p.code: p for p in Program.objects.filter(code__in=COHORT_PROGRAMS)}
    for center in ctx.centers:
        people = [p for p in ctx.participants if p.center_id == center.pk
                  and p.status in (JourneyStatus.ACTIVE, JourneyStatus.PAUSED, JourneyStatus.PLACED)]
        facilitators = ctx.staff_of(center, Role.COACH) + ctx.staff_of(center, Role.TRAINING_COORDINATOR)
        for code in rng.sample(COHORT_PROGRAMS, 4):
            _cohort(ctx, center, programs[code], people, facilitators)
