"""The dashboard's figures, composed from the indicators each app registers (hizdamnut/centers/indicators.py).

The computations live beside their data: participants (new active participants, the target, who the center
serves, by status, by month), inquiries (by source and reason), intake (by response), programs (by program),
plans (caseload) and placements (outcomes, the funnel, overdue follow-ups). This module only composes them: the
dashboard's filters (`Filters`) become a `Scope` (centers, period, population), `INDICATORS` lists the
registered figures in the dashboard's order, and `compute_dashboard` gives each one per center, in total and as
the national median. Definitions are shown on the dashboard and written in docs/indicators.md.

To add an indicator: write `def my_indicator(scope) -> dict[center_id, Result]` in the app that holds the data,
`register(Indicator(...))` it there, and add its code to `DASHBOARD` here. To add a population filter: a field in
`Filters` and one line in `Scope.participants()`.
"""

import datetime
import operator
import re
from dataclasses import dataclass, field
from functools import cached_property, reduce

from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.indicators import (  # noqa: F401 — the values every figure is made of
    REGISTRY,
    Indicator,
    Result,
    ScopeBase,
    combine,
    median,
    median_days,
    one_decimal,
    percent,
    ratio_result,
    registered,
)
from hizdamnut.centers.models import Center, SummaryMonth
from hizdamnut.centers.summaries import PRIMARY, IdSet, Summaries
from hizdamnut.inquiries.indicators import inquiries_by_reason, inquiries_by_source  # noqa: F401
from hizdamnut.intake.indicators import (
    meetings_recording_a_criminal_record,
    meetings_recording_a_disability,
    participants_by_response,  # noqa: F401
)
from hizdamnut.participants.indicators import (  # noqa: F401
    PeriodScope,
    month_starts,
    new_active_by_month,
    new_active_participants,
    pace_to_date,
    participants_by_status,
    prorated_target,
    target_attainment,
    years_ago,
)
from hizdamnut.participants.models import Gender, Participant
from hizdamnut.placements import indicators as placements
from hizdamnut.placements.indicators import (  # noqa: F401
    FUNNEL_STAGES,
    days_to_intake,
    days_to_placed,
    days_to_routed,
    days_to_screened,
    file_holders_share,
    funnel,
    funnel_intake,
    funnel_placed,
    funnel_placed_overall,
    funnel_routed,
    funnel_screened,
    placement_targets,
    region_residents_share,
    welfare_profile_share,
)
from hizdamnut.plans import indicators as plans
from hizdamnut.programs.indicators import (
    RELEASED_PRISONERS_PROGRAM,
    counted_enrollments,
    participants_by_program,  # noqa: F401
)
from hizdamnut.programs.models import Program
from hizdamnut.routers import primary_reads

# ------------------------------------------------------------------ filters and scope

AGE_BANDS = {"18-24": (18, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54), "55+": (55, 120)}


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters. Population filters narrow the participants every indicator counts."""

    date_from: datetime.date
    date_to: datetime.date
    age_band: str = ""
    gender: str = ""
    single_parent: bool | None = None
    worker_id: int | None = None
    program_id: int | None = None
    disability: bool | None = None
    released_prisoner: bool | None = None

    @property
    def narrows_population(self):
        return bool(self.age_band or self.gender or self.single_parent is not None or self.worker_id
                    or self.program_id or self.disability is not None or self.released_prisoner is not None)

    def describe(self):
        parts = []
        if self.program_id:
            program = Program.objects.filter(pk=self.program_id).first()
            parts.append(f"{_('program')} {program.name if program else self.program_id}")
        if self.disability is True:
            parts.append(str(_("living with a disability")))
        if self.released_prisoner is True:
            parts.append(str(_("released prisoners")))
        if self.age_band:
            parts.append(f"{_('age')} {self.age_band}")
        if self.gender:
            parts.append(str(Gender(self.gender).label))
        if self.single_parent is True:
            parts.append(str(_("single parents")))
        return ", ".join(parts)


@dataclass
class Scope(ScopeBase):
    """Which centers, which period and which population an indicator looks at (the dashboard's filters)."""

    centers: list
    filters: Filters
    today: datetime.date = field(default_factory=datetime.date.today)
    use_summaries: bool = True  # False: every figure from the rows (the tests' reference)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def reads_summaries(self):
        """Whole months come from the summary tables (hizdamnut/centers/summaries.py), kept for the whole
        population of each center and for the segments of SEGMENTS and of each program once `refresh_summaries` has
        built them; another population (age, worker, two filters together, those without a disability or not
        released prisoners) counts from the rows."""
        if not self.use_summaries or self.segment is None:
            return False
        return self.segment == "" or self.cached("segment kept", lambda: segment_kept(self.segment))

    @property
    def segment(self):
        """The population as the summary tables name a segment ("" everyone, "gender=female single_parent=1"),
        or None when a filter the tables do not keep narrows it."""
        f = self.filters
        if f.age_band or f.worker_id:
            return None
        return segment_name(self.segment_population)

    @property
    def segment_population(self):
        """The filters a segment narrows by (SEGMENT_FIELDS, DERIVED_SEGMENT_FIELDS), and their values."""
        values = {name: getattr(self.filters, name) for name in (*SEGMENT_FIELDS, *DERIVED_SEGMENT_FIELDS)}
        return {name: value for name, value in values.items() if value not in ("", None)}

    @cached_property
    def summaries(self):
        population = self.segment_population
        fields = {name: value for name, value in population.items() if name in SEGMENT_FIELDS}
        conditions = tuple(derived_conditions(population))
        return Summaries(self.centers, lambda centers, start, end: PeriodScope(
            centers, start, end, today=self.today, population=fields, conditions=conditions, shared=self._cache),
            primary=primary_reads, segment=self.segment)

    def monthly(self, code, start, end):
        if self.reads_summaries:
            return self.summaries.monthly(code, start, end)
        return super().monthly(code, start, end)

    def monthly_as_built(self, code, start, end):
        if self.reads_summaries:
            return self.summaries.monthly_as_built(code, start, end)
        return super().monthly_as_built(code, start, end)

    def on_day(self, code, day):
        if self.reads_summaries:
            return self.summaries.on_day(code, day)
        return super().on_day(code, day)

    @property
    def date_from(self):
        return self.filters.date_from

    @property
    def date_to(self):
        return self.filters.date_to

    @property
    def narrows_population(self):
        return self.filters.narrows_population

    def participants(self, any_center=False):
        """The population's participants registered at the scope's centers (`any_center`: at any center, for the
        events counted where they happened, e.g. an inquiry received at one of the centers)."""
        ids = self._ids_once(any_center)
        return self._population(any_center) if ids is None else Participant.objects.filter(pk__any_of=ids)

    def narrowed(self, queryset, participant="participant", *, any_center=False):
        """`queryset` limited to the population (see ScopeBase.narrowed). A population of the participant's own
        fields alone (age band, gender, single parent, worker) is a condition on the participant the query joins
        already (for their center), not a subquery over the participants: PostgreSQL read the participants twice
        to join the two (the age-band dashboard's routing responses at national scale: 0.52 → 0.32 s). A
        population found once is a condition on the event's own participant column, so the few people of a
        program lead to their events through its index rather than the period's events being read to find
        theirs (one program at national scale, the inquiries' funnel and sources: 1.54 → 0.58 s, plus 0.40 s to
        find the program's people at any center once)."""
        f = self.filters
        if f.program_id or f.disability is not None or f.released_prisoner is not None:
            ids = self._ids_once(any_center)
            if ids is not None:
                return queryset.filter(**{f"{participant}__any_of": ids})
            return super().narrowed(queryset, participant, any_center=any_center)
        if not self.narrows_population:
            return queryset
        return queryset.filter(self._own_columns(f"{participant}__", any_center))

    def _population(self, any_center):
        f = self.filters
        return Participant.objects.filter(self._own_columns("", any_center)).filter(*derived_conditions(
            {name: getattr(f, name) for name in DERIVED_SEGMENT_FIELDS}))

    def _ids_once(self, any_center):
        """The ids of a population read from enrollments (and intake barriers), found once per scope, or None.
        On PostgreSQL each figure's query reads them as one array parameter, rather than the subquery each query
        evaluated again per person (released prisoners at national scale: 19.0 → 7.7 s; the disability filter,
        one indexed lookup per person, was no faster so); elsewhere the subquery as it is. A program's
        population is found once at any center too (32,000 people for one program nationally), released
        prisoners only at the scope's centers (at any center, a country's: 83,000). When the scope's centers are
        every center, the two populations are the same people, found once (a national dashboard filtered by a
        program found its 32,000 people twice)."""
        f = self.filters
        if not (f.program_id or f.released_prisoner is not None):
            return None
        if connections[Participant.objects.db].vendor != "postgresql":
            return None
        if any_center and self._covers_every_center():
            any_center = False
        if any_center and not f.program_id:
            return None
        return self.cached(("population", any_center), lambda: IdSet(self._population_ids(any_center)))

    def _population_ids(self, any_center):
        """The population's ids: for one program, or released prisoners, and no other filter, read from the
        records that put people in it (the program's enrollments; the intake meetings recording a criminal
        record and the released-prisoners track's enrollments), of the people of the scope's centers unless
        `any_center` or the scope covers every center; else each participant looked up. Nationally, the country's
        83,616 released prisoners: 0.26–0.46 → 0.06–0.11 s; one program's 32,384 people 0.14 → 0.03 s."""
        f = self.filters
        alone = not (f.age_band or f.gender or f.single_parent is not None or f.worker_id or f.disability is not None)
        if alone and f.program_id and f.released_prisoner is None:
            records = derived_segment_records("program_id", f.program_id)
        elif alone and not f.program_id and f.released_prisoner is True:
            records = derived_segment_records("released_prisoner")
        else:
            return self._population(any_center).values_list("pk", flat=True)
        if not (any_center or self._covers_every_center()):
            records = [rows.filter(participant__center_id__in=self.center_ids) for rows in records]
        ids = [rows.values_list("participant_id", flat=True).order_by() for rows in records]
        return ids[0].union(*ids[1:])  # each id once

    def _covers_every_center(self):
        return self.cached("covers every center", lambda: not Center.objects.exclude(pk__in=self.center_ids).exists())

    def _own_columns(self, path, any_center):
        """The population's conditions on the participant's own fields, reached through `path` ("" a participant,
        "participant__" an event's), with their center among the scope's unless `any_center`."""
        f = self.filters
        condition = Q() if any_center else Q(**{f"{path}center_id__in": self.center_ids})
        if f.age_band in AGE_BANDS:
            low, high = AGE_BANDS[f.age_band]
            # Age on the last day of the period.
            condition &= Q(**{f"{path}birth_date__lte": years_ago(f.date_to, low),
                              f"{path}birth_date__gt": years_ago(f.date_to, high + 1)})
        if f.gender:
            condition &= Q(**{f"{path}gender": f.gender})
        if f.single_parent is not None:
            condition &= Q(**{f"{path}single_parent": f.single_parent})
        if f.worker_id:
            condition &= Q(**{f"{path}case_worker_id": f.worker_id})
        return condition


# The segments the summary tables keep besides the whole population: the population filters that do not move
# with the period, one at a time. `refresh_summaries` builds them; a dashboard reads a segment from the tables
# once it has been built (before that, from the rows: the first build of the country's history takes minutes, too
# long for a request). A person's write that moves them between segments marks the segment months from their
# earliest record on (reports/signals.py).
SEGMENT_FIELDS = ("gender", "single_parent")  # the participant's fields (and Filters') segments narrow by
DERIVED_SEGMENT_FIELDS = ("disability", "released_prisoner", "program_id")  # read from intake meetings, enrollments
SEGMENTS = ({"gender": "female"}, {"gender": "male"}, {"single_parent": True}, {"disability": True},
            {"released_prisoner": True})
# And one segment per program that people take part in (`program_segments`): a program's people are those ever in
# one of its groups, whatever the period, as the program filter counts them.
PROGRAM_SEGMENT = re.compile(r"program_id=[0-9]+")


def program_segments():
    """The segments of the programs with people counted in a group of theirs, by program."""
    programs = (Program.objects.filter(Exists(counted_enrollments().filter(cohort__program=OuterRef("pk"))))
                .order_by("pk").values_list("pk", flat=True))
    return [{"program_id": pk} for pk in programs]


def derived_segment_records(name, program_id=None):
    """The records whose participants make up a derived segment ("program_id": that program's counted
    enrollments; "disability": the intake meetings recording one; "released_prisoner": those recording a criminal
    record, and the released-prisoners track's enrollments — there is no "released prisoner" field, see
    docs/indicators.md). The intake meetings are read from partial indexes (hizdamnut/intake/models.py), not from
    every meeting's barriers."""
    if name == "program_id":
        return [counted_enrollments().filter(cohort__program_id=program_id)]
    if name == "disability":
        return [meetings_recording_a_disability()]
    return [meetings_recording_a_criminal_record(),
            counted_enrollments().filter(cohort__program__code=RELEASED_PRISONERS_PROGRAM)]


def derived_conditions(values):
    """The participant conditions (OuterRef "pk" subqueries) of the filters read from other records:
    {"program_id": a program's id or None, "disability": True|False|None, "released_prisoner": …}: a record of
    `derived_segment_records` naming the person (or none, for False)."""
    conditions = []
    for name in ("program_id", "disability", "released_prisoner"):
        value = values.get(name)
        if value is None or value == "":
            continue
        recorded = reduce(operator.or_, (Exists(records.filter(participant=OuterRef("pk")))
                                         for records in derived_segment_records(name, value)))
        conditions.append(~recorded if value is False else recorded)
    return conditions


def segment_name(population):
    """A segment's name in the summary tables: "" for everyone, else "gender=female single_parent=1"."""
    return " ".join(f"{name}={int(value) if isinstance(value, bool) else value}"
                    for name, value in population.items())


def segment_kept(name):
    """Whether the summary tables keep the segment and it has been built (`refresh_summaries`)."""
    return ((name in {segment_name(p) for p in SEGMENTS} or PROGRAM_SEGMENT.fullmatch(name))
            and SummaryMonth.objects.using(PRIMARY).filter(segment=name, built_version__isnull=False).exists())


# ------------------------------------------------------------------ the dashboard's figures, in order

DASHBOARD = (
    "new_active_participants", "target_attainment", "pace_to_date",
    "placement_rate", "retention_3", "retention_6", "retention_12", "advancement",
    "funnel_screened", "funnel_intake", "funnel_routed", "funnel_placed", "funnel_placed_overall",
    "days_to_screened", "days_to_intake", "days_to_routed", "days_to_placed",
    "region_residents_share", "file_holders_share", "welfare_profile_share",
)
INDICATORS = registered(DASHBOARD)
INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}

# The outcome figures per center, under the names the dashboard has always used.
placement_rate = INDICATORS_BY_CODE["placement_rate"].compute
retention_3 = INDICATORS_BY_CODE["retention_3"].compute
retention_6 = INDICATORS_BY_CODE["retention_6"].compute
retention_12 = INDICATORS_BY_CODE["retention_12"].compute
advancement = INDICATORS_BY_CODE["advancement"].compute

GROUPS = {
    "targets": _("Participants and the yearly target"),
    "outcomes": _("Employment outcomes"),
    "funnel": _("From inquiry to placement"),
    "mix": _("Who the center serves"),
}

# Participants by status is a breakdown rather than one figure; the dashboard defines it too.
STATUS_DEFINITION = _("Each participant's journey status on the period's last day (from the status history); "
                      "participants registered after that day are not counted.")

FUNNEL_DEFINITION = _("Inquiries received in the period, each followed to today through screening, the intake "
                      "meeting, routing and a placement. Conversion = inquiries that reached the stage ÷ those that "
                      "reached the previous one; median days between the two stages.")

# The breakdowns: one definition each (shown on the dashboard and the definitions page, in docs/indicators.md).
BREAKDOWNS = {
    "participants_by_status": (_("Participants by status"), STATUS_DEFINITION),
    "inquiries_by_source": (_("Inquiries by source"), _(
        "Inquiries received in the period, by how the person reached the center. Share = the source's inquiries ÷ "
        "all inquiries of the period.")),
    "inquiries_by_reason": (_("Inquiries by reason"), _(
        "Inquiries received in the period, by their reason (the top level of the reasons list). Share = the "
        "reason's inquiries ÷ all inquiries of the period.")),
    "participants_by_response": (_("Participants by response"), _(
        "Participants with a routing decision taken in the period, by the decided response (their latest "
        "decision in the period). Share = ÷ participants routed in the period.")),
    "participants_by_program": (_("Participants by program"), _(
        "Participants who were in a group of the program at some time in the period (joined by its end, not "
        "left before its start; waiting lists and withdrawals do not count). A participant in two programs "
        "counts in each.")),
    "caseload_per_worker": (_("Caseload per worker"), _(
        "Today, for each accompanying worker: participants they are responsible for whose journey is not "
        "closed; overdue tasks (open, past their due date); overdue follow-ups (past their due date, not "
        "recorded). Not limited to the period.")),
    "caseload_per_center": (_("Caseload per center"), _(
        "Today, for each center, when the dashboard shows several: its accompanying workers; participants with "
        "a responsible worker whose journey is not closed, in all and per worker, and their overdue tasks; the "
        "follow-ups of the center's placements past their due date and not recorded. Choose a center to see its "
        "workers. Not limited to the period.")),
}



def caseload_per_worker(user, scope):
    """Today's caseload and overdue items of every accompanying worker of the scope's centers.

    Caseload size and overdue tasks come from the plans app; overdue follow-ups are the placements app's
    follow-ups past their due date and not recorded. Rows: {"worker", "centers", "caseload", "overdue_tasks",
    "overdue_follow_ups"}.
    """
    rows = plans.caseload_per_worker(user, scope, worker_id=scope.filters.worker_id)
    follow_ups = placements.overdue_follow_ups_by_worker([row["worker"].pk for row in rows], scope)
    return [{**row, "overdue_follow_ups": follow_ups.get(row["worker"].pk, 0)} for row in rows]


def caseload_per_center(scope):
    """Today's caseload and overdue items of each center's team (a national or regional view: one row per center
    rather than a row per worker). {center_id: {"workers", "caseload", "per_worker", "overdue_tasks",
    "overdue_follow_ups"}}; "per_worker" is None for a center without accompanying workers."""
    rows = plans.caseload_per_center(scope)
    follow_ups = placements.overdue_follow_ups_by_center(scope)
    for cid, row in rows.items():
        row["per_worker"] = one_decimal(row["caseload"] / row["workers"]) if row["workers"] else None
        row["overdue_follow_ups"] = follow_ups.get(cid, 0)
    return rows


def compute_dashboard(scope):
    """Every indicator for every center of the scope, the total and the median of the centers."""
    by_indicator = {}
    for indicator in INDICATORS:
        per_center = indicator.compute(scope)
        by_indicator[indicator.code] = {
            "by_center": per_center,
            "total": indicator.total(scope, scope.center_ids, per_center),
            "median": median(r.value for r in per_center.values()) if indicator.available else None,
        }
    return by_indicator
