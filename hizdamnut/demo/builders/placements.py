"""Demo placements with their follow-ups: hires from the pipeline, some kept, some lost, some overdue.

Through the placements' services, each event on the day it happened (see `demo.clock`).
"""

import datetime
from decimal import Decimal

from hizdamnut.centers.roles import Role
from hizdamnut.employers.models import Candidacy, Employer, Stage
from hizdamnut.participants.models import JourneyStatus
from hizdamnut.participants.services import assign_case_worker
from hizdamnut.placements import services
from hizdamnut.placements.models import Advancement, ContractType, Employment, Fit


def build(ctx):
    rng = ctx.rng
    for center in ctx.centers:
        lead = (ctx.staff_of(center, Role.EMPLOYER_LEAD) or [None])[0]
        workers = ctx.staff_of(center, Role.SOCIAL_WORKER) + ctx.staff_of(center, Role.COACH)
        if lead is None or not workers:
            continue
        interviewed = list(Candidacy.objects.filter(opening__employer__center=center, stage=Stage.INTERVIEW)
                           .select_related("opening__employer", "participant__center").order_by("pk"))
        for candidacy in interviewed:
            if rng.random() < 0.4 or candidacy.participant.placements.exists():
                continue
            candidacy.opening.refresh_from_db(fields=["status"])
            if candidacy.opening.status != "open":
                continue  # its positions were filled by an earlier hire
            participant = candidacy.participant
            if participant.case_worker_id is None:
                with ctx.on(candidacy.interview_on, 9):
                    assign_case_worker(participant=participant, worker=rng.choice(workers), actor=lead)
            hired_on = min(candidacy.interview_on + datetime.timedelta(days=rng.randint(1, 7)), ctx.today)
            hired_on = max(hired_on, candidacy.interview_on)
            start = min(hired_on + datetime.timedelta(days=rng.randint(0, 10)), ctx.today)
            hours = candidacy.opening.hours_per_week
            hourly = Decimal(str(candidacy.opening.hourly_wage or "35")) + Decimal(rng.choice([-4, 0, 0, 1, 2]))
            monthly = (hourly * hours * 52 / 12).quantize(Decimal("1"))
            with ctx.on(hired_on, 15):
                placement = services.hire(
                    actor=lead, candidacy=candidacy, hired_on=hired_on, start_date=start, monthly_wage=monthly,
                    contract_type=rng.choice([ContractType.PERMANENT, ContractType.HOURLY, ContractType.FIXED_TERM]),
                    fits_ability=rng.choice(Fit.values), fits_desire=rng.choice([Fit.YES, Fit.YES, Fit.PARTLY]),
                    fits_vision=rng.choice(Fit.values), advances_previous_job=rng.choice(["yes", "no", "no_previous"]),
                    previous_monthly_income=rng.choice([None, Decimal("0"), Decimal("1800"), Decimal("3500")]))
            _follow_up(ctx, placement, participant.case_worker, monthly, hours)

        # Earlier placements (before this pipeline, or found by the participants themselves), so that
        # retention at 3, 6 and 12 months has something to count.
        employers = list(Employer.objects.filter(center=center).order_by("pk"))
        people = sorted((p for p in ctx.participants if p.center_id == center.pk and p.status == JourneyStatus.ACTIVE
                         and not p.placements.exists()), key=lambda p: p.pk)
        for index, participant in enumerate(people):
            if rng.random() < 0.6:
                continue
            start_date = ctx.not_before_registration(participant, ctx.days_ago(35, 420))
            if participant.case_worker_id is None:
                with ctx.on(start_date, 9):
                    assign_case_worker(participant=participant, worker=workers[index % len(workers)], actor=lead)
            hours = rng.choice([20, 30, 36, 42])
            monthly = (Decimal(rng.choice([33, 35, 38, 42])) * hours * 52 / 12).quantize(Decimal("1"))
            self_employed = rng.random() < 0.1
            with ctx.on(start_date, 15):
                placement = services.record_placement(
                    actor=lead, participant=participant, employer=None if self_employed else rng.choice(employers),
                    self_employed=self_employed,
                    role=rng.choice(["עובד/ת ייצור", "קופאי/ת", "מטפל/ת", "עובד/ת ניקיון"]),
                    start_date=start_date, hours_per_week=hours, monthly_wage=monthly,
                    contract_type=rng.choice([ContractType.PERMANENT, ContractType.HOURLY]),
                    fits_ability=rng.choice(Fit.values), fits_desire=rng.choice([Fit.YES, Fit.PARTLY]),
                    fits_vision=rng.choice(Fit.values), advances_previous_job=rng.choice(["yes", "no", "no_previous"]),
                    previous_monthly_income=rng.choice([None, Decimal("0"), Decimal("2200")]))
            _follow_up(ctx, placement, participant.case_worker, monthly, hours)


def _follow_up(ctx, placement, worker, monthly, hours):
    """Records the follow-ups already due, leaving some overdue and some jobs lost."""
    rng = ctx.rng
    wage = monthly
    for follow_up in placement.follow_ups.order_by("due_on"):
        if follow_up.due_on > ctx.today or rng.random() < 0.15:
            break  # not yet due, or left overdue for the caseload to show
        done_on = min(follow_up.due_on + datetime.timedelta(days=rng.randint(0, 12)), ctx.today)
        lost = rng.random() < 0.12
        advancement = [rng.choice(Advancement.values)] if rng.random() < 0.25 else []
        if Advancement.RAISE in advancement:
            wage = (wage * Decimal("1.05")).quantize(Decimal("1"))
        with ctx.on(done_on, 14):
            services.record_follow_up(
                actor=worker, follow_up=follow_up, done_on=done_on,
                employment=Employment.NOT_EMPLOYED if lost else rng.choice([Employment.SAME] * 5 + [Employment.OTHER]),
                hours_per_week=hours, monthly_wage=wage, satisfaction=rng.randint(2, 5), advancement=advancement,
                difficulties=rng.choice(["", "", "קושי בהסעות", "עומס במשמרות", "סידור לילדים"]),
                support_given=rng.choice(["", "שיחת חיזוק", "תיאום מול המעסיק", "סיוע בהסעה"]))
        if lost:
            break
