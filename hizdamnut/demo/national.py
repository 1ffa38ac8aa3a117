"""A national-size synthetic dataset, written in bulk (`seed_demo --scale small|medium|national`).

The small demo (`demo.core.seed`) is built through the services, row by row. This module writes the same kind
of data at 10k–1M participants over ten years: it keeps the services' invariants itself (a participant's status
is the last of their status history, dates follow each other, one plan per participant, an opening is filled
when its positions are, follow-ups fall on the center's months…) and inserts with PostgreSQL COPY, or with
batched INSERTs on other databases. Primary keys are assigned here, so rows can point at each other before they
are written; each center is written and committed as one transaction, so foreign keys are checked per center.
Deterministic for a given seed and day.
"""

import datetime
import functools
import json
import math
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from hizdamnut.centers.models import Center, City, StaffProfile, YearlyTarget
from hizdamnut.centers.reference import REGIONS
from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService
from hizdamnut.directory.seed import seed_services
from hizdamnut.employers.models import (
    Candidacy,
    CandidateProfile,
    Employer,
    EmployerContact,
    EmployerLocation,
    JobOpening,
)
from hizdamnut.inquiries import eligibility
from hizdamnut.inquiries.models import Inquiry, InquiryCategory, InquiryStatusChange, Screening
from hizdamnut.intake import routing
from hizdamnut.intake.models import IntakeMeeting, Referral, RoutingDecision
from hizdamnut.participants.models import Participant, StatusChange, age_on
from hizdamnut.placements.models import FollowUp, Placement
from hizdamnut.placements.rules import add_months, is_below_minimum
from hizdamnut.plans.models import CareerPlan, Goal, Meeting, Note, PlanChange, Task
from hizdamnut.programs.catalog import load_catalog, read_catalog
from hizdamnut.programs.models import Cohort, Enrollment, Program, Session, SessionAttendance
from hizdamnut.surveys.models import Answer, SurveyResponse
from hizdamnut.surveys.services import load_questionnaire

from . import names
from .core import (
    CENTERS,
    DEMO_PASSWORD,
    ROLE_USERS,
    demo_password_hash,
    fictional_id_number,
    fictional_person,
    fictional_phone,
    make_user,
)


@dataclass(frozen=True)
class Scale:
    centers: int
    participants: int
    staff_per_center: int


SCALES = {
    "small": Scale(centers=12, participants=10_000, staff_per_center=10),
    "medium": Scale(centers=30, participants=100_000, staff_per_center=14),
    "national": Scale(centers=100, participants=1_000_000, staff_per_center=20),
}
YEARS = 10
QUESTIONNAIRE = Path(__file__).resolve().parents[1] / "surveys" / "questionnaires" / "satisfaction-2025.json"
# Programs open to everyone (no eligibility rule), so any participant may join a cohort.
OPEN_PROGRAMS = ["strive", "remote", "work-hebrew", "english", "digital-skills", "cv-writing", "interview", "budget"]
SIZE_WEIGHT = {"small": 1, "medium": 2, "large": 3}

# Written in this order: a table only points at tables before it.
TABLES = [
    Employer, EmployerLocation, EmployerContact, JobOpening, Cohort, Session, Participant, StatusChange, Inquiry,
    InquiryStatusChange, Screening, IntakeMeeting, RoutingDecision, Referral, CareerPlan, Goal, Task, PlanChange,
    Meeting, Note, Enrollment, SessionAttendance, CandidateProfile, Candidacy, Placement, FollowUp, SurveyResponse,
    Answer,
]

S = "new screened intake_scheduled intake_held routed referred_out not_eligible declined unreachable".split()
NEW, SCREENED, SCHEDULED, HELD, ROUTED, REFERRED_OUT, NOT_ELIGIBLE, DECLINED, UNREACHABLE = S
PATHS = {
    NEW: [NEW], SCREENED: [NEW, SCREENED], SCHEDULED: [NEW, SCREENED, SCHEDULED],
    HELD: [NEW, SCREENED, SCHEDULED, HELD], ROUTED: [NEW, SCREENED, SCHEDULED, HELD, ROUTED],
    REFERRED_OUT: [NEW, SCREENED, REFERRED_OUT], NOT_ELIGIBLE: [NEW, NOT_ELIGIBLE],
    DECLINED: [NEW, SCREENED, DECLINED], UNREACHABLE: [NEW, UNREACHABLE],
}
# Where a participant's inquiry ends (closed ones), and where a name-and-phone inquiry ends.
PARTICIPANT_OUTCOMES = [(ROUTED, 84), (REFERRED_OUT, 5), (DECLINED, 5), (NOT_ELIGIBLE, 3), (UNREACHABLE, 3)]
CONTACT_OUTCOMES = [(UNREACHABLE, 30), (DECLINED, 20), (NOT_ELIGIBLE, 20), (REFERRED_OUT, 30)]
OPEN_STATUSES = [NEW, SCREENED, SCHEDULED, HELD]
CLOSING_FOR = {DECLINED: "not_interested", NOT_ELIGIBLE: "referred_elsewhere", UNREACHABLE: "unreachable",
               REFERRED_OUT: "referred_elsewhere"}
# Barrier profiles and predictor ranges, so every response of the routing model appears.
PROFILES = [
    ([], (4, 5)), (["childcare"], (4, 5)), (["language", "digital_skills"], (3, 4)), (["no_qualification"], (3, 4)),
    (["childcare", "transport"], (2, 4)), (["health", "debts_enforcement", "family_crisis"], (1, 3)),
    (["mental_health", "housing", "social_isolation"], (1, 2)), (["addiction"], (1, 3)),
    (["criminal_record"], (2, 4)), (["disability"], (2, 4)),
]
PREDICTORS = ("self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills")
NEEDS = ["אני רוצה עבודה קבועה עם משכורת שאפשר לחיות ממנה.", "אני צריכה עבודה שמתאימה לשעות של הגן של הילדים.",
         "אחרי שנים בבית אני לא יודע מאיפה להתחיל.", "אני רוצה ללמוד מקצוע ולא להישאר בעבודות מזדמנות."]
GOALS_TEXT = ["לעבוד במשרה מלאה תוך חצי שנה.", "להשלים קורס ולעבוד במקצוע.", "להיות עצמאית כלכלית."]
VISIONS = ["אני רוצה לעבוד כמזכירה רפואית בקופת חולים, קרוב לבית.", "לחזור לעבוד כנהג, הפעם במשרה קבועה עם תנאים.",
           "לעבוד בגן ילדים, כי אני אוהבת ילדים ויש לי סבלנות.", "לעבוד במחסן לוגיסטי ולהגיע למלגזן מוסמך."]
PLAN_GOALS = [("לשלוח קורות חיים למשרות מתאימות", "מספר קורות חיים שנשלחו", "8"),
              ("להגיע לריאיון עבודה", "ריאיונות שהתקיימו", "2"),
              ("להשלים קורס עברית תעסוקתית", "נוכחות ומבחן סיום", "80% נוכחות")]
TASKS = [("לעדכן את קורות החיים", "participant"), ("לבדוק זכאות לשובר הכשרה", "staff"),
         ("לתאם ריאיון עם מעסיק", "staff"), ("להתקשר לשלוש חברות כוח אדם", "participant")]
TEAM_NOTES = ["הגיעה בזמן, מוטיבציה גבוהה. עבדנו על קורות החיים.", "שיחה על סוגי משרות באזור; מעדיף עבודה קרובה לבית.",
              "מתעניין בסדנת הכנה לריאיון. להציע בקבוצה הבאה."]
THERAPEUTIC_NOTES = ["עלו קשיים רגשיים סביב אובדן העבודה הקודמת; נמשיך לעבוד על תחושת המסוגלות.",
                     "ניכרת חרדה מריאיונות; עבדנו על דפוסי מחשבה ועל חוויות הצלחה קודמות."]
DIFFERENT = "המשתתפת העדיפה להתחיל בקורס ערב שמתאים לשעות הטיפול בילדים; הוחלט יחד."
EMPLOYER_NAMES = ["סופר", "מאפיית", "לוגיסטיקה", "בית אבות", "מלון", "מוסך", "מפעל", "רשת מזון", "מוקד שירות"]
OPENINGS = [("קופאי/ת", "קופאות", 30, "morning", 2), ("מחסנאי/ת", "מחסנאות", 42, "day", 2),
            ("מטפל/ת סיעודי/ת", "סיעוד", 36, "rotating", 3), ("עובד/ת ייצור", "ייצור", 40, "day", 0),
            ("נציג/ת שירות", "שירות לקוחות", 35, "day", 4), ("עובד/ת מטבח", "מטבח", 40, "evening", 0)]
SECTORS = ["retail", "industry", "logistics", "care", "hospitality", "services"]
REJECTIONS = ["חוסר ניסיון", "המשרה אוישה", "לא הגיע/ה לראיון"]


def _weighted(rng, options):
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _aware(day, hour=12, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=datetime.UTC)


@functools.cache
def _recommendation(barriers, predictors, disability_percent):
    recommendation = routing.recommend(barriers=list(barriers),
                                       predictors=dict(zip(PREDICTORS, predictors, strict=True)),
                                       disability_percent=disability_percent)
    return recommendation.response, recommendation.model_version, recommendation.as_reasons()


class Writer:
    """Buffers rows per table, assigns primary keys, and writes them with COPY (PostgreSQL) or batched INSERTs."""

    def __init__(self, *, stamp, progress=None, batch=20_000):
        self.stamp = stamp
        self.progress = progress
        self.batch = batch
        self.postgres = connection.vendor == "postgresql"
        self.rows = {}
        self.columns = {}
        self.next_id = {}
        self.written = {}
        self.tasks = {}

    def _prepare(self, model):
        fields = model._meta.concrete_fields
        columns = []
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = self.stamp
            elif f.primary_key:
                default = None
            else:
                default = f.get_default()
            columns.append((f.attname, default, f))
        self.columns[model] = columns
        self.rows[model] = []
        self.written[model] = 0
        self.next_id[model] = (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1
        if self.progress is not None:
            self.tasks[model] = self.progress.add_task(model._meta.db_table, total=None)

    def reserve(self, model):
        """A primary key for a row written later (so other rows can point at it first)."""
        if model not in self.columns:
            self._prepare(model)
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        return pk

    def add(self, model, values, pk=None):
        """Queues one row; returns its primary key."""
        if pk is None:
            pk = self.reserve(model)
        elif model not in self.columns:
            self._prepare(model)
        values["id"] = pk
        self.rows[model].append(tuple(values.get(name, default) for name, default, _f in self.columns[model]))
        if len(self.rows[model]) >= self.batch:
            self.flush(model)
        return pk

    def flush(self, model=None):
        for table in ([model] if model else [t for t in TABLES if t in self.rows]):
            rows = self.rows[table]
            if not rows:
                continue
            (self._copy if self.postgres else self._insert)(table, rows)
            self.written[table] += len(rows)
            if self.progress is not None:
                self.progress.advance(self.tasks[table], len(rows))
            self.rows[table] = []

    def _copy(self, model, rows):
        from psycopg.types.json import Jsonb

        columns = self.columns[model]
        json_at = [i for i, (_n, _d, f) in enumerate(columns) if isinstance(f, models.JSONField)]
        names = ", ".join(connection.ops.quote_name(f.column) for _n, _d, f in columns)
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(model._meta.db_table)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            row[i] = Jsonb(row[i])
                    copy.write_row(row)

    def _insert(self, model, rows):
        columns = self.columns[model]
        prepared = [i for i, (_n, _d, f) in enumerate(columns)
                    if isinstance(f, (models.JSONField, models.DateField, models.DecimalField))]
        fields = [f for _n, _d, f in columns]
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"
        values = []
        for row in rows:
            row = list(row)
            for i in prepared:
                row[i] = fields[i].get_db_prep_save(row[i], connection)
            values.append(row)
        with connection.cursor() as cursor:
            for start in range(0, len(values), 2_000):
                cursor.executemany(sql, values[start:start + 2_000])

    def analyze(self):
        """Fresh planner statistics for the tables written (PostgreSQL's advice after a bulk load): without them
        the first queries are planned on the empty tables' guesses, and when autovacuum later samples them, a
        plan can change under the benchmark (docs/scaling.md)."""
        if self.postgres:
            with connection.cursor() as cursor:
                for model in self.columns:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def reset_sequences(self):
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.columns))
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


class NationalSeed:
    """Builds the whole dataset; one instance per run."""

    def __init__(self, *, scale, random_seed, today, factor=1.0, only_centers=None, progress=None):
        self.scale = scale
        self.only_centers = only_centers
        self.seed = random_seed
        self.today = today
        self.start = today - datetime.timedelta(days=365 * YEARS)
        self.participants = max(1, round(scale.participants * factor))
        self.center_count = scale.centers if factor >= 1 else min(scale.centers, max(2, self.participants // 25))
        self.progress = progress
        self.writer = Writer(stamp=_aware(today), progress=progress)
        self.used_ids = set(Participant.objects.values_list("id_number", flat=True))

    # ---------------------------------------------------------------- reference data and centers
    def reference(self):
        from hizdamnut.demo.builders.inquiries import ensure_categories

        ensure_categories()
        if not Program.objects.exists():
            load_catalog(read_catalog())
        seed_services(CommunityService)
        with QUESTIONNAIRE.open(encoding="utf-8") as handle:
            self.questionnaire, _created = load_questionnaire(json.load(handle))
        self.items = list(self.questionnaire.items.order_by("position", "pk").values_list("pk", "reverse"))
        self.parents = [(p.pk, [c.pk for c in p.children.all()])
                        for p in InquiryCategory.objects.filter(parent__isnull=True).prefetch_related("children")]
        self.programs = list(Program.objects.filter(code__in=OPEN_PROGRAMS).order_by("code")
                             .values_list("pk", flat=True))
        self.services = list(CommunityService.objects.filter(center__isnull=True).order_by("pk")
                             .values_list("pk", flat=True))
        rules = eligibility.load_rules()
        self.rules_version = rules["version"]
        self.age_range = rules["age"]["min"], rules["age"]["max"]

    def age_finding(self, age):
        """The screening's age finding, worded as `eligibility.screen` words it (ages here are always in range)."""
        low, high = self.age_range
        return eligibility.reason("age", eligibility.PASS,
                                  "age %(age)s is within the working age %(low)s–%(high)s", age=age, low=low, high=high)

    def centers(self):
        cities = {c.name_he: c for c in City.objects.select_related("region")}
        specs = [(code, name, cities[city], size) for code, name, city, size in CENTERS]
        used = {city for _c, _n, city, _s in CENTERS}
        spare = [name for _code, (_he, _en, region_cities) in REGIONS.items() for name, _en2 in region_cities
                 if name not in used]
        n = len(specs)
        sizes = ["small", "medium", "medium", "large"]
        while len(specs) < self.center_count:
            city_name = spare[(n - len(CENTERS)) % len(spare)]
            round_ = (n - len(CENTERS)) // len(spare)
            suffix = f" {round_ + 1}" if round_ else ""
            specs.append((f"C{n + 1:03d}", f"מרכז הזדמנות {city_name}{suffix}", cities[city_name], sizes[n % 4]))
            n += 1
        specs = specs[: self.center_count]
        weights = [SIZE_WEIGHT[size] for _code, _name, _city, size in specs]
        total = sum(weights)
        self.quota = [self.participants * w // total for w in weights]
        self.quota[0] += self.participants - sum(self.quota)
        if self.only_centers:
            # The first centers alone, each as populous as in the whole dataset (benchmarks of one center).
            specs, self.quota = specs[: self.only_centers], self.quota[: self.only_centers]
        self.center_list = []
        for code, name, city, size in specs:
            center = Center.objects.create(code=code, name=name, city=city, region=city.region, size=size)
            self.center_list.append(center)
        targets = []
        for center, quota in zip(self.center_list, self.quota, strict=True):
            per_year = max(1, round(quota * 0.8 / YEARS))
            for year in range(self.start.year, self.today.year + 1):
                targets.append(YearlyTarget(center=center, year=year, new_active_participants=per_year))
        YearlyTarget.objects.bulk_create(targets, batch_size=1000)

    def staff(self):
        """The eight demo log-ins (as in the small demo), then each center's team, in bulk."""
        User = get_user_model()
        self.team = {}
        first = self.center_list[0]
        for n, (username, role) in enumerate(ROLE_USERS):
            centers = [] if role in (Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN) else [first]
            user = make_user(username, role, centers, names.STAFF_FIRST[n % 10], names.STAFF_LAST[n % 10])
            if centers:
                self.team.setdefault(first.pk, {}).setdefault(role, []).append(user.pk)
        password = demo_password_hash()
        roles = [Role.MANAGER, Role.COORDINATOR, Role.EMPLOYER_LEAD, Role.TRAINING_COORDINATOR]
        planned = []  # (username, center, role)
        for index, center in enumerate(self.center_list):
            have = sum(len(v) for v in self.team.get(center.pk, {}).values())
            for n in range(max(self.scale.staff_per_center - have, 0)):
                if index and n < len(roles):
                    role = roles[n]
                elif n % 5 == 4:
                    role = Role.COORDINATOR
                else:
                    role = Role.SOCIAL_WORKER if n % 2 else Role.COACH
                planned.append((f"{role}_{center.code.lower()}_{n + 1}", center, role))
        User.objects.bulk_create([
            User(username=username, password=password, first_name=names.STAFF_FIRST[n % 10],
                 last_name=names.STAFF_LAST[(n // 10) % 10])
            for n, (username, _center, _role) in enumerate(planned)
        ], batch_size=1000)
        user_ids = dict(User.objects.filter(username__in=[u for u, _c, _r in planned]).values_list("username", "pk"))
        StaffProfile.objects.bulk_create([StaffProfile(user_id=user_ids[u], role=r) for u, _c, r in planned],
                                         batch_size=1000)
        profile_ids = dict(StaffProfile.objects.filter(user_id__in=user_ids.values()).values_list("user_id", "pk"))
        Through = StaffProfile.centers.through
        Through.objects.bulk_create([
            Through(staffprofile_id=profile_ids[user_ids[u]], center_id=c.pk) for u, c, _r in planned
        ], batch_size=1000)
        for username, center, role in planned:
            self.team.setdefault(center.pk, {}).setdefault(role, []).append(user_ids[username])

    def workers(self, center, *roles):
        team = self.team.get(center.pk, {})
        return [pk for role in roles for pk in team.get(role, [])]

    # ---------------------------------------------------------------- per center
    def run(self, stdout=None):
        with disable_auditlog():
            with transaction.atomic():
                self.reference()
                self.centers()
                self.staff()
            overall = self.progress.add_task("centers", total=len(self.center_list)) if self.progress else None
            for index, (center, quota) in enumerate(zip(self.center_list, self.quota, strict=True)):
                with transaction.atomic():
                    CenterBuild(self, center, index, quota).build()
                    self.writer.flush()
                if overall is not None:
                    self.progress.advance(overall)
            self.writer.reset_sequences()
            self.writer.analyze()
        return self.writer.written

    def fictional_id(self, rng):
        number = fictional_id_number(rng)
        while number in self.used_ids:
            number = fictional_id_number(rng)
        self.used_ids.add(number)
        return number


class CenterBuild:
    """One center's ten years: employers, openings, cohorts, then each participant's journey."""

    def __init__(self, seed, center, index, quota):
        self.s = seed
        self.w = seed.writer
        self.center = center
        self.quota = quota
        self.today = seed.today
        self.rng = random.Random(f"{seed.seed}-{center.code}")
        self.coordinators = seed.workers(center, Role.COORDINATOR, Role.MANAGER)
        self.social = seed.workers(center, Role.SOCIAL_WORKER)
        self.coaches = seed.workers(center, Role.COACH)
        self.lead = (seed.workers(center, Role.EMPLOYER_LEAD) or self.coordinators)[0]
        self.cities = list(City.objects.filter(region=center.region_id).order_by("pk").values_list("pk", flat=True))
        self.openings = {}  # month index -> [opening dicts]
        self.cohorts = []  # (start date, cohort id, capacity, [session (id, day)], taken)

    def days(self, low, high):
        return datetime.timedelta(days=self.rng.randint(low, high))

    def build(self):
        self.employers()
        self.cohort_plan()
        for _n in range(self.quota):
            self.journey()
        for _n in range(self.quota // 4):
            self.contact_inquiry()
        self.close_openings()
        self.surveys()

    def employers(self):
        rng, w = self.rng, self.w
        self.employer_ids = []
        for n in range(6 + self.quota // 250):
            name = f"{EMPLOYER_NAMES[n % len(EMPLOYER_NAMES)]} {self.center.city.name_he} {n + 1}"
            pk = w.add(Employer, {"center_id": self.center.pk, "name": name, "sector": SECTORS[n % len(SECTORS)],
                                  "size": rng.choice(["small", "medium", "large"]),
                                  "relationship": "national" if n % 7 == 0 else "local",
                                  "created_at": _aware(self.s.start)})
            w.add(EmployerLocation, {"employer_id": pk, "city_id": rng.choice(self.cities),
                                     "address": f"רחוב העצמאות {rng.randint(1, 90)}"})
            w.add(EmployerContact, {"employer_id": pk, "job_title": "רכזת גיוס",
                                    "name": f"{rng.choice(names.HEBREW_FEMALE)} {rng.choice(names.HEBREW_LAST)}",
                                    "phone": fictional_phone(rng)})
            self.employer_ids.append(pk)

    def cohort_plan(self):
        """Cohorts of open programs starting every quarter, eight weekly sessions each."""
        rng, w = self.rng, self.w
        day = self.s.start
        facilitators = self.coaches or self.coordinators
        per_quarter = max(1, min(6, self.quota // 400))
        while day <= self.today + datetime.timedelta(days=90):
            for k in range(per_quarter):
                started = day + self.days(0, 60)
                capacity = rng.choice([10, 12, 15])
                program = self.s.programs[(k + day.month) % len(self.s.programs)]
                cohort = w.add(Cohort, {"program_id": program, "center_id": self.center.pk, "capacity": capacity,
                                        "name": f"מחזור {started:%m/%Y}", "facilitator_id": rng.choice(facilitators),
                                        "created_at": _aware(started - datetime.timedelta(days=30))})
                sessions = []
                for n in range(8):
                    on = started + datetime.timedelta(days=7 * n)
                    sessions.append((w.add(Session, {"cohort_id": cohort, "starts_at": _aware(on, 8),
                                                     "duration_minutes": 120, "topic": f"מפגש {n + 1}"}), on))
                self.cohorts.append([started, cohort, capacity, sessions, 0])
            day = add_months(day, 3)
        self.cohorts.sort(key=lambda c: c[0])

    # ---------------------------------------------------------------- one participant
    def person(self):
        return fictional_person(self.rng, self.center)

    def arrival(self):
        """A day in the ten years, more of them recent (the program grows)."""
        span = (self.today - self.s.start).days
        return self.s.start + datetime.timedelta(days=int(span * math.sqrt(self.rng.random())))

    def inquiry(self, *, received, outcome, participant=None, person=None, path=None, pk=None, screened_as=None):
        """Writes an inquiry walking its path; returns its id and {status: day reached}."""
        rng, w = self.rng, self.w
        path = path or PATHS[outcome]
        day, reached = received, {}
        for step in path:
            if step != NEW:
                day = min(self.today, day + self.days(1, 9))
            reached[step] = day
        parent, children = rng.choice(self.s.parents)
        source = _weighted(rng, [("welfare_referral", 45), ("community_partner", 10), ("outreach_event", 15),
                                 ("friend", 15), ("self", 15)])
        coordinator = rng.choice(self.coordinators)
        values = {
            "center_id": self.center.pk, "received_on": received, "source": source,
            "channel": _weighted(rng, [("phone", 55), ("walk_in", 30), ("online", 15)]),
            "category_id": parent,
            "subcategory_id": rng.choice(children) if children and rng.random() < 0.85 else None,
            "participant_id": participant, "status": outcome, "status_changed_at": _aware(day),
            "intake_scheduled_on": reached.get(SCHEDULED), "created_by_id": coordinator,
            "created_at": _aware(received, 9),
        }
        if source == "welfare_referral":
            values["referring_department"] = "המחלקה לשירותים חברתיים"
        elif source == "outreach_event":
            values["outreach_event"] = rng.choice(["job_fair", "open_lecture", "exposure_conference", "social_media"])
        if person:
            values.update(person)
        pk = w.add(Inquiry, values, pk=pk)
        for n, (step, on) in enumerate(reached.items()):
            w.add(InquiryStatusChange, {"inquiry_id": pk, "status": step, "changed_on": on,
                                        "changed_at": _aware(on, 9, n), "changed_by_id": coordinator})
        if participant and SCREENED in reached:
            on = reached[SCREENED]
            birth_date, city = screened_as
            w.add(Screening, {"inquiry_id": pk, "screened_on": on, "rules_version": self.s.rules_version,
                              "decision": "eligible", "screened_by_id": coordinator, "created_at": _aware(on, 10),
                              "answers": {"birth_date": birth_date.isoformat(), "city_id": city},
                              "reasons": [self.s.age_finding(age_on(birth_date, on))]})
        if outcome == REFERRED_OUT and HELD not in reached and self.s.services:
            sent = reached[REFERRED_OUT]
            w.add(Referral, {"center_id": self.center.pk, "participant_id": participant, "inquiry_id": pk,
                             "service_id": rng.choice(self.s.services), "sent_on": sent,
                             "status": rng.choice(["sent", "confirmed", "closed"]), "status_changed_on": sent,
                             "follow_up_on": sent + self.days(14, 60), "created_by_id": coordinator,
                             "created_at": _aware(sent)})
        return pk, reached

    def contact_inquiry(self):
        rng = self.rng
        received = self.arrival()
        recent = (self.today - received).days <= 21
        outcome = rng.choice([NEW, SCREENED]) if recent and rng.random() < 0.5 else _weighted(rng, CONTACT_OUTCOMES)
        _arabic, female, first, last = self.person()
        person = {"first_name": first, "phone": fictional_phone(rng)}
        if rng.random() < 0.5:
            person["last_name"] = last
        self.inquiry(received=received, outcome=outcome, person=person)

    def journey(self):
        rng, w, today = self.rng, self.w, self.today
        arabic, female, first, last = self.person()
        received = self.arrival()
        has_file = rng.random() < 0.7
        children = rng.choice([0, 0, 1, 2, 3, 4])
        participant = w.reserve(Participant)
        person = {
            "center_id": self.center.pk, "first_name": first, "last_name": last,
            "id_number": self.s.fictional_id(rng), "phone": fictional_phone(rng),
            "birth_date": received - datetime.timedelta(days=rng.randint(19 * 365, 60 * 365)),
            "gender": "female" if female else "male",
            "city_id": self.center.city_id if rng.random() < 0.8 else rng.choice(self.cities),
            "languages": ["ar", "he"] if arabic else rng.choice([["he"], ["he"], ["he", "ru"], ["he", "am"]]),
            "children_under_18": children, "single_parent": bool(children) and rng.random() < 0.3,
            "has_welfare_file": has_file,
            "welfare_file_since": received - self.days(200, 3000) if has_file else None,
            "welfare_file_last_active": min(today, received + self.days(0, 400)) if has_file else None,
            "created_at": _aware(received, 10),
        }
        self.history = [("intake", received, {})]
        self.case_worker = None
        if (today - received).days <= 21 and rng.random() < 0.5:
            outcome = rng.choice(OPEN_STATUSES)
        else:
            outcome = _weighted(rng, PARTICIPANT_OUTCOMES)
        inquiry = w.reserve(Inquiry)
        screened_as = (person["birth_date"], person["city_id"])
        if outcome != ROUTED:
            _pk, reached = self.inquiry(pk=inquiry, received=received, outcome=outcome, participant=participant,
                                        screened_as=screened_as)
            if outcome in CLOSING_FOR:
                self.history.append(("closed", reached[outcome], {"reason": CLOSING_FOR[outcome]}))
            elif outcome == HELD:
                self.intake(participant, inquiry, reached[HELD], self.profile())
            self.finish(participant, person)
            return
        # The intake meeting's profile decides the route, and so where the inquiry ends.
        profile = self.profile()
        recommended, version, reasons = _recommendation(*profile)
        response, override = recommended, ""
        if recommended != "referral_out" and rng.random() < 0.12:
            response = rng.choice([r for r in ("courses", "group_program") if r != recommended])
            override = DIFFERENT
        final = REFERRED_OUT if response == "referral_out" else ROUTED
        _pk, reached = self.inquiry(pk=inquiry, received=received, outcome=final, participant=participant,
                                    path=PATHS[ROUTED][:-1] + [final], screened_as=screened_as)
        meeting = self.intake(participant, inquiry, reached[HELD], profile)
        decided = reached[final]
        w.add(RoutingDecision, {"participant_id": participant, "intake_id": meeting, "decided_on": decided,
                                "model_version": version, "recommended_response": recommended, "response": response,
                                "participant_agreed": rng.random() < 0.95, "override_reason": override,
                                "reasons": reasons, "decided_by_id": rng.choice(self.coordinators),
                                "created_at": _aware(decided, 13)})
        if response == "referral_out":
            self.history.append(("closed", decided, {"reason": "referred_elsewhere"}))
        else:
            self.history.append(("active", decided, {}))
            workers = (self.social if response == "social_work" else self.coaches) or self.social or self.coaches
            self.case_worker = rng.choice(workers)
            self.accompany(participant, decided)
        self.finish(participant, person)

    def profile(self):
        """Barriers, predictors of change and disability percentage as an intake meeting records them."""
        rng = self.rng
        barriers, (low, high) = rng.choice(PROFILES)
        predictors = tuple(rng.randint(low, high) for _ in PREDICTORS)
        disability = rng.choice([None, 25, 40, 60]) if "disability" in barriers or "health" in barriers else None
        return tuple(barriers), predictors, disability

    def intake(self, participant, inquiry, held_on, profile):
        rng = self.rng
        barriers, predictors, disability = profile
        staff = self.social + self.coaches + self.coordinators
        return self.w.add(IntakeMeeting, {
            "participant_id": participant, "inquiry_id": inquiry, "held_on": held_on,
            "duration_minutes": rng.choice([45, 60, 90]), "staff_id": rng.choice(staff), "needs": rng.choice(NEEDS),
            "goals": rng.choice(GOALS_TEXT), "languages": [], "barriers": list(barriers),
            "disability_percent": disability, "created_at": _aware(held_on, 11),
            **dict(zip(PREDICTORS, predictors, strict=True)),
        })

    def accompany(self, participant, started):
        """Plan, meetings and notes, a cohort maybe, candidacies and maybe a job with its follow-ups."""
        rng, w, today = self.rng, self.w, self.today
        worker = self.case_worker
        plan = w.add(CareerPlan, {"participant_id": participant, "vision": rng.choice(VISIONS),
                                  "created_at": _aware(started, 14), "updated_at": _aware(started, 14)})
        w.add(PlanChange, {"plan_id": plan, "changed_by_id": worker, "what": "נקבע חזון תעסוקתי",
                           "changed_at": _aware(started, 14)})
        for what, measure, target in rng.sample(PLAN_GOALS, rng.randint(1, 2)):
            due = started + self.days(30, 180)
            w.add(Goal, {"plan_id": plan, "what": what, "measure": measure, "target": target, "target_date": due,
                         "status": ("achieved" if rng.random() < 0.6 else "dropped") if due < today else "open",
                         "created_by_id": worker, "created_at": _aware(started, 14)})
        for title, owner in rng.sample(TASKS, rng.randint(1, 2)):
            due = started + self.days(7, 60)
            status = "open" if due >= today - datetime.timedelta(days=30) and rng.random() < 0.6 else (
                "done" if rng.random() < 0.85 else "cancelled")
            w.add(Task, {"plan_id": plan, "title": title, "owner": owner, "due_date": due, "status": status,
                         "created_by_id": worker, "created_at": _aware(started, 14)})
        # The outcome of the accompaniment decides how long it runs.
        job_start = started + self.days(30, 360) if rng.random() < 0.5 else None
        if job_start and job_start > today:
            job_start = None
        closed_on = None
        if job_start is None and (today - started).days > 540 and rng.random() < 0.75:
            closed_on = started + self.days(180, 540)
        end = job_start or closed_on or today
        self.meetings(participant, started, end)
        self.enrollment(participant, started)
        w.add(CandidateProfile, {"participant_id": participant, "ready_for_work": rng.random() < 0.7,
                                 "desired_occupations": [rng.choice(OPENINGS)[1]],
                                 "education_level": rng.choice([1, 2, 3, 3, 4, 5, 6]),
                                 "experience_years": rng.choice([0, 0, 1, 2, 5]), "max_commute_km": 25,
                                 "updated_at": _aware(started, 15)})
        for _n in range(rng.choice([0, 0, 1, 2])):
            self.candidacy(participant, started, end, hired=False)
        if job_start:
            self.placement(participant, started, job_start)
        elif closed_on:
            reason = rng.choice(["not_interested", "unreachable", "moved"])
            self.history.append(("closed", closed_on, {"reason": reason}))
        elif (today - started).days > 40 and rng.random() < 0.06:
            self.history.append(("paused", today - self.days(3, 30),
                                 {"expected_return": today + self.days(20, 90), "note": "טיפול רפואי"}))

    def meetings(self, participant, start, end):
        rng, w = self.rng, self.w
        span = max((end - start).days, 1)
        count = max(1, min(8, span // 45 + rng.randint(0, 2)))
        worker = self.case_worker
        therapeutic = worker in self.social
        days = sorted(start + datetime.timedelta(days=rng.randint(0, span)) for _ in range(count))
        for n, day in enumerate(days):
            held = rng.random() < 0.8
            last = n == count - 1
            starts_at = _aware(day, rng.choice([7, 8, 10, 12]))
            next_at = None
            if last and end == self.today and (self.today - day).days < 30:
                next_at = _aware(self.today + self.days(2, 21), 9)
            meeting = w.add(Meeting, {"participant_id": participant, "kind": rng.choice(
                ["individual", "individual", "phone", "video", "home_visit"]), "starts_at": starts_at,
                "duration_minutes": rng.choice([30, 45, 60]), "staff_id": worker,
                "attendance": "held" if held else rng.choice(["no_show", "cancelled"]), "next_meeting_at": next_at,
                "created_at": starts_at})
            if held and rng.random() < 0.7:
                w.add(Note, {"participant_id": participant, "meeting_id": meeting, "kind": "team",
                             "text": rng.choice(TEAM_NOTES), "author_id": worker,
                             "created_at": starts_at + datetime.timedelta(hours=1)})
                if therapeutic and rng.random() < 0.3:
                    w.add(Note, {"participant_id": participant, "meeting_id": meeting, "kind": "therapeutic",
                                 "text": rng.choice(THERAPEUTIC_NOTES), "author_id": worker,
                                 "created_at": starts_at + datetime.timedelta(hours=1, minutes=5)})

    def enrollment(self, participant, started):
        rng, w, today = self.rng, self.w, self.today
        if rng.random() > 0.35:
            return
        for cohort in self.cohorts:
            begins, pk, capacity, sessions, taken = cohort
            if begins < started:
                continue
            if (begins - started).days > 120:
                return
            if taken >= capacity:
                continue
            cohort[4] += 1
            enrolled_on = min(max(started, begins - self.days(0, 14)), today)
            last_day = sessions[-1][1]
            status, ended, reason = "enrolled", None, ""
            if begins > today:
                if rng.random() < 0.3:
                    status, enrolled_on = "waitlisted", None
            elif last_day < today:
                if rng.random() < 0.12:
                    status, ended, reason = "dropped", begins + self.days(7, 40), "התחיל לעבוד במשמרות"
                else:
                    status, ended = "completed", last_day
            enrollment = w.add(Enrollment, {"cohort_id": pk, "participant_id": participant, "status": status,
                                            "requested_at": _aware(enrolled_on or today, 9), "enrolled_on": enrolled_on,
                                            "ended_on": ended, "end_reason": reason, "created_by_id": self.case_worker})
            if status == "waitlisted":
                return
            for session, day in sessions:
                if day >= today or (ended and day > ended):
                    break
                w.add(SessionAttendance, {"session_id": session, "enrollment_id": enrollment,
                                          "present": rng.random() < 0.8})
            return

    def opening_for(self, day):
        """An open opening of the center recruiting on `day` (openings are made as the months need them)."""
        rng = self.rng
        key = (day.year, day.month)
        openings = self.openings.setdefault(key, [])
        free = [o for o in openings if o["hired"] < o["positions"]]
        if not free or (len(openings) < 12 and rng.random() < 0.3):
            title, occupation, hours, shift, education = rng.choice(OPENINGS)
            opened = datetime.date(day.year, day.month, 1)
            opening = {"employer_id": rng.choice(self.employer_ids), "title": title, "occupation": occupation,
                       "positions": rng.randint(1, 3), "hours_per_week": hours, "shift": shift,
                       "hourly_wage": Decimal(rng.choice(["34.50", "36.00", "38.00", "40.00"])),
                       "city_id": rng.choice(self.cities), "education_required": education,
                       "languages_required": ["he"], "status": "open", "opened_on": opened,
                       "created_at": _aware(opened, 8), "hired": 0, "candidates": set()}
            openings.append(opening)
            free.append(opening)
        return rng.choice(free)

    def candidacy(self, participant, start, end, *, hired, recommended_on=None, start_date=None):
        rng, today = self.rng, self.today
        if recommended_on is None:
            recommended_on = start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))
        opening = self.opening_for(recommended_on)
        if participant in opening["candidates"]:
            return None, None
        opening["candidates"].add(participant)
        values = {"opening": opening, "participant_id": participant, "score": rng.randint(40, 95),
                  "recommended_on": recommended_on, "recommended_by_id": self.lead, "stage": "recommended"}
        cv = min(recommended_on + self.days(1, 5), today)
        interview = min(cv + self.days(2, 7), today)
        if hired:
            values.update(stage="hired", cv_sent_on=cv, interview_on=interview,
                          decided_on=min(interview + self.days(1, 3), start_date))
            opening["hired"] += 1
        elif (today - recommended_on).days < 45 and end == today:
            stage = rng.choice(["recommended", "cv_sent", "interview"])
            values["stage"] = stage
            if stage != "recommended":
                values["cv_sent_on"] = cv
            if stage == "interview":
                values["interview_on"] = interview
        else:
            values.update(stage=rng.choice(["rejected", "rejected", "withdrawn"]), cv_sent_on=cv, decided_on=cv)
            if values["stage"] == "rejected":
                values["rejection_reason"] = rng.choice(REJECTIONS)
        opening.setdefault("rows", []).append(values)
        return opening, values

    def placement(self, participant, started, job_start):
        rng, w = self.rng, self.w
        via_pipeline = rng.random() < 0.7
        opening = candidacy = None
        if via_pipeline:
            opening, candidacy = self.candidacy(participant, started, job_start, hired=True,
                                                recommended_on=job_start - self.days(14, 30), start_date=job_start)
        self_employed = opening is None and rng.random() < 0.1
        hours = opening["hours_per_week"] if opening else rng.choice([20, 30, 36, 42])
        base = opening["hourly_wage"] if opening else Decimal(rng.choice([34, 36, 38, 42]))
        hourly = base + rng.choice([-2, 0, 1, 2])
        monthly = (Decimal(hourly) * hours * 52 / 12).quantize(Decimal("1"))
        values = {
            "participant_id": participant, "employer_id": None if self_employed else (
                opening["employer_id"] if opening else rng.choice(self.employer_ids)),
            "self_employed": self_employed, "role": opening["title"] if opening else rng.choice(OPENINGS)[0],
            "start_date": job_start, "hours_per_week": hours, "monthly_wage": monthly,
            "contract_type": "self_employed" if self_employed else rng.choice(["permanent", "hourly", "fixed_term"]),
            "fits_ability": rng.choice(["yes", "partly", "no"]), "fits_desire": rng.choice(["yes", "yes", "partly"]),
            "fits_vision": rng.choice(["yes", "partly", "no"]),
            "advances_previous_job": rng.choice(["yes", "no", "no_previous"]),
            "previous_monthly_income": rng.choice([None, Decimal("0"), Decimal("2200")]),
            "below_minimum_wage": is_below_minimum(monthly, hours, job_start), "recorded_by_id": self.lead,
            "created_at": _aware(job_start, 16),
        }
        # The candidacy is written with its opening (once the opening's final status is known); the placement
        # follows it then.
        placement_id = w.reserve(Placement)
        self.history.append(("placed", job_start, {}))
        ended = self.follow_ups(placement_id, job_start, hours, monthly)
        if ended:
            values["ended_on"], values["end_reason"] = ended, "לא מועסק/ת בעת המעקב"
        if candidacy is not None:
            candidacy["placement"] = (placement_id, values)
        else:
            w.add(Placement, values, pk=placement_id)

    def follow_ups(self, placement, start, hours, wage):
        """Follow-ups at the center's months; returns the day the job was found lost, if it was."""
        rng, w, today = self.rng, self.w, self.today
        months = sorted({int(m) for m in (self.center.follow_up_months or []) if int(m) > 0})
        lost = None
        placed = True
        for m in months:
            due = add_months(start, m)
            values = {"placement_id": placement, "months_after": m, "due_on": due}
            if lost is None and due <= today and ((today - due).days > 45 or rng.random() < 0.85):
                done = min(due + self.days(0, 12), today)
                values["done_on"] = done
                values["recorded_by_id"] = self.case_worker
                if rng.random() < 0.1:
                    values["employment"] = "none"
                    lost = done
                    self.history.append(("active", done, {"note": "העבודה הסתיימה"}))
                else:
                    values.update(employment=rng.choice(["same"] * 5 + ["other"]), hours_per_week=hours,
                                  monthly_wage=wage, satisfaction=rng.randint(2, 5))
                    if placed:
                        self.history.append(("follow_up", done, {}))
                        placed = False
                    if m == months[-1] and rng.random() < 0.6:
                        closing = min(done + self.days(0, 30), today)
                        self.history.append(("closed", closing, {"reason": "placed_stable"}))
            w.add(FollowUp, values)
        return lost

    def close_openings(self):
        """Writes the openings with their final status, then their candidacies and the placements they led to."""
        w, today = self.w, self.today
        for openings in self.openings.values():
            for opening in openings:
                status, closes = "open", None
                if opening["hired"] >= opening["positions"]:
                    status = "filled"
                elif (today - opening["opened_on"]).days > 90:
                    status, closes = "closed", opening["opened_on"] + datetime.timedelta(days=60)
                row = {k: v for k, v in opening.items() if k not in ("hired", "candidates", "rows")}
                row.update(status=status, closes_on=closes)
                opening_id = w.add(JobOpening, row)
                for candidacy in opening.get("rows", []):
                    pending = candidacy.pop("placement", None)
                    candidacy.pop("opening")
                    candidacy_id = w.add(Candidacy, {"opening_id": opening_id, **candidacy})
                    if pending is not None:
                        placement_id, values = pending
                        w.add(Placement, {**values, "candidacy_id": candidacy_id}, pk=placement_id)

    def surveys(self):
        rng, w = self.rng, self.w
        mood = rng.uniform(0.55, 0.9)
        per_month = max(1, self.quota * 3 // (10 * YEARS * 12))
        day = self.s.start
        while day <= self.today:
            for _n in range(rng.randint(per_month // 2, per_month + per_month // 2) or 1):
                answered = min(day + self.days(0, 27), self.today)
                response = w.add(SurveyResponse, {"questionnaire_id": self.s.questionnaire.pk,
                                                  "center_id": self.center.pk, "answered_on": answered,
                                                  "source": rng.choice(["web", "web", "web", "paper"]),
                                                  "created_at": _aware(answered, 15)})
                for item, reverse in self.s.items:
                    value = None
                    if rng.random() >= 0.05:
                        value = rng.choice([3, 4, 4]) if rng.random() < mood else rng.choice([1, 2, 2, 3])
                        value = 5 - value if reverse else value
                    w.add(Answer, {"response_id": response, "item_id": item, "value": value})
            day = add_months(day, 1)

    def finish(self, participant, person):
        """Writes the status history in order, and the participant with the status and worker it leads to."""
        history = sorted(self.history, key=lambda h: h[1])
        for n, (status, on, extra) in enumerate(history):
            self.w.add(StatusChange, {"participant_id": participant, "status": status, "changed_on": on,
                                      "recorded_at": _aware(on, 17, n), "changed_by_id": self.case_worker, **extra})
        self.w.add(Participant, {**person, "status": history[-1][0], "case_worker_id": self.case_worker},
                   pk=participant)


def seed_national(*, scale, random_seed, today=None, factor=1.0, only_centers=None, progress=None):
    """Fills an empty database at `scale` ("small", "medium", "national"); returns rows written per table.
    `only_centers` builds just the first few centers, each at the scale's density."""
    builder = NationalSeed(scale=SCALES[scale], random_seed=random_seed, today=today or timezone.localdate(),
                           factor=factor, only_centers=only_centers, progress=progress)
    return builder.run()


__all__ = ["SCALES", "DEMO_PASSWORD", "seed_national"]
