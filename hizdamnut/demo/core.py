"""Synthetic centers, staff and the people who contact them. Deterministic for a given seed and day."""

import datetime
import functools
import importlib
import random
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from hizdamnut.centers.models import Center, StaffProfile, YearlyTarget
from hizdamnut.centers.roles import Role
from hizdamnut.centers.selectors import city_by_name
from hizdamnut.participants.models import Gender, Participant

from . import names
from .clock import DemoClock, travelling

DEMO_PASSWORD = "demo1234"

# Real Israeli cities that host Opportunity Centers; the centers themselves are fictional.
CENTERS = [
    ("NTN", "מרכז הזדמנות נתניה", "נתניה", "large"),
    ("RHV", "מרכז הזדמנות רחובות", "רחובות", "medium"),
    ("BSH", "מרכז הזדמנות באר שבע", "באר שבע", "large"),
    ("HFA", "מרכז הזדמנות חיפה", "חיפה", "large"),
    ("ILT", "מרכז הזדמנות אילת", "אילת", "small"),
    ("ASD", "מרכז הזדמנות אשדוד", "אשדוד", "medium"),
    ("NZR", "מרכז הזדמנות נצרת", "נצרת", "medium"),
    ("JLM", "מרכז הזדמנות ירושלים", "ירושלים", "large"),
    ("LOD", "מרכז הזדמנות לוד", "לוד", "medium"),
    ("TVR", "מרכז הזדמנות טבריה", "טבריה", "small"),
    ("BTY", "מרכז הזדמנות בת ים", "בת ים", "medium"),
    ("RHT", "מרכז הזדמנות רהט", "רהט", "small"),
]

# One demo log-in per role; the username says the role.
ROLE_USERS = [
    ("coordinator", Role.COORDINATOR),
    ("socialworker", Role.SOCIAL_WORKER),
    ("coach", Role.COACH),
    ("employers", Role.EMPLOYER_LEAD),
    ("training", Role.TRAINING_COORDINATOR),
    ("manager", Role.MANAGER),
    ("national", Role.NATIONAL_VIEWER),
    ("admin", Role.SYSTEM_ADMIN),
]


@dataclass
class Person:
    """Someone who will contact a center: registered by the inquiries builder on the day their inquiry comes in."""

    center: Center
    fields: dict
    # How long before the registration day the welfare file was opened and last active (None: no file).
    welfare_days_before: tuple = None

    def fields_on(self, day):
        """The registration form as filled on `day`."""
        fields = dict(self.fields)
        if self.welfare_days_before:
            since, last_active = self.welfare_days_before
            fields["welfare_file_since"] = day - datetime.timedelta(days=since)
            fields["welfare_file_last_active"] = day - datetime.timedelta(days=min(since, last_active))
        return fields


@dataclass
class DemoContext:
    """What each domain's builder receives: the random source, the day, and what exists so far."""

    rng: random.Random
    today: datetime.date
    clock: DemoClock = None
    centers: list = field(default_factory=list)
    staff: dict = field(default_factory=dict)  # center code -> role -> [users]
    people: list = field(default_factory=list)  # Person, in the order they become participants
    participants: list = field(default_factory=list)
    # Inquiries whose road goes on in a later builder: (inquiry, [(status, day), ...] still to walk).
    inquiry_roads: list = field(default_factory=list)

    def staff_of(self, center, role):
        return self.staff.get(center.code, {}).get(role, [])

    def on(self, day, hour=12, minute=0):
        """Runs the services as of `day` (see `demo.clock`): each event is entered on the day it happened."""
        return self.clock.on(day, hour, minute)

    def days_ago(self, low, high):
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    @staticmethod
    def registered_on(participant):
        return timezone.localdate(participant.created_at)

    def not_before_registration(self, participant, day):
        """`day`, or the participant's registration day if it came later: nothing happens to someone not yet known."""
        return max(day, self.registered_on(participant))


def fictional_id_number(rng):
    """A random nine-digit number with a valid check digit (fictional: not issued to anyone we know of)."""
    body = [rng.randint(0, 9) for _ in range(8)]
    body[0] = rng.randint(2, 3)  # keep clear of the low ranges that are easy to mistake for real ones
    total = 0
    for index, digit in enumerate(body):
        product = digit * (1 if index % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def fictional_person(rng, center):
    """(Arabic-speaking?, female?, first name, last name) of a fictional person at `center`."""
    arabic = rng.random() < (0.7 if center.code in ("NZR", "RHT") else 0.2)
    female = rng.random() < 0.6
    if arabic:
        return arabic, female, rng.choice(names.ARABIC_FEMALE if female else names.ARABIC_MALE), rng.choice(
            names.ARABIC_LAST)
    return arabic, female, rng.choice(names.HEBREW_FEMALE if female else names.HEBREW_MALE), rng.choice(
        names.HEBREW_LAST)


def fictional_phone(rng):
    return "05" + str(rng.choice([0, 2, 3, 4, 8])) + "".join(str(rng.randint(0, 9)) for _ in range(7))


@functools.cache
def demo_password_hash():
    return make_password(DEMO_PASSWORD)


def _checked(instance):
    """Saves configuration the way the admin forms do (model validation first): the centers app, its staff
    and its targets have no services, they are set up by the system administrator."""
    instance.full_clean()
    instance.save()
    return instance


def make_user(username, role, centers, first_name, last_name):
    user = _checked(get_user_model()(
        username=username, password=demo_password_hash(), first_name=first_name, last_name=last_name,
        is_staff=role == Role.SYSTEM_ADMIN, is_superuser=role == Role.SYSTEM_ADMIN,
    ))
    profile = _checked(StaffProfile(user=user, role=role))
    profile.centers.set(centers)
    return user


def build_centers_and_staff(ctx, center_count):
    for index, (code, name, city_name, size) in enumerate(CENTERS[:center_count]):
        city = city_by_name(city_name)
        center = _checked(Center(code=code, name=name, city=city, region=city.region, size=size))
        for year in (ctx.today.year - 1, ctx.today.year):
            _checked(YearlyTarget(
                center=center, year=year, new_active_participants={"small": 90, "medium": 150, "large": 220}[size]
            ))
        ctx.centers.append(center)
        ctx.staff[code] = {}
        for role_index, (username, role) in enumerate(ROLE_USERS):
            if role in (Role.NATIONAL_VIEWER, Role.SYSTEM_ADMIN):
                continue
            # The first center's users have the plain role names; others get the center code appended.
            login = username if index == 0 else f"{username}_{code.lower()}"
            first = names.STAFF_FIRST[(index + role_index) % len(names.STAFF_FIRST)]
            last = names.STAFF_LAST[(index * 3 + role_index) % len(names.STAFF_LAST)]
            ctx.staff[code].setdefault(role, []).append(make_user(login, role, [center], first, last))
        # A second social worker and coach, so caseloads can be compared.
        for role, username in ((Role.SOCIAL_WORKER, "socialworker2"), (Role.COACH, "coach2")):
            login = username if index == 0 else f"{username}_{code.lower()}"
            ctx.staff[code][role].append(make_user(login, role, [center], "טל", "אורן"))
    make_user("national", Role.NATIONAL_VIEWER, [], "אורית", "הלוי")
    make_user("admin", Role.SYSTEM_ADMIN, [], "מנהל", "מערכת")


def draw_people(ctx, count):
    """Draws the people who will contact the centers; the inquiries builder registers them through the
    participants' service on the day their inquiry comes in."""
    used = set(Participant.objects.values_list("id_number", flat=True))
    rng = ctx.rng
    for n in range(count):
        center = ctx.centers[n % len(ctx.centers)]
        arabic, female, first, last = fictional_person(rng, center)
        id_number = fictional_id_number(rng)
        while id_number in used:
            id_number = fictional_id_number(rng)
        used.add(id_number)
        # Most live in the center's city; some in its region.
        if rng.random() < 0.8:
            city = center.city
        else:
            city = rng.choice(list(center.region.cities.all()))
        has_file = rng.random() < 0.7
        children = rng.choice([0, 0, 1, 2, 3, 4])
        fields = dict(
            first_name=first, last_name=last, id_number=id_number,
            birth_date=ctx.today - datetime.timedelta(days=rng.randint(19 * 365, 64 * 365)),
            gender=Gender.FEMALE if female else Gender.MALE, phone=fictional_phone(rng), city=city,
            languages=["ar", "he"] if arabic else rng.choice(
                [["he"], ["he"], ["he", "ru"], ["he", "am"], ["he", "en"]]),
            children_under_18=children, single_parent=bool(children) and rng.random() < 0.3,
            has_welfare_file=has_file,
        )
        welfare = (rng.randint(200, 3000), rng.randint(0, 400)) if has_file else None
        ctx.people.append(Person(center=center, fields=fields, welfare_days_before=welfare))


# Each later stage of the journey adds its own synthetic data, in the order data flows.
DOMAIN_BUILDERS = ["directory", "inquiries", "intake", "plans", "programs", "employers", "training", "placements",
                   "surveys"]


def seed(*, centers, participants, random_seed, today=None, stdout=None):
    """Builds the demo around `today`: every domain row through the apps' services, each event entered as of
    the day it happened (`clock.travelling`), so the demo data satisfies the same rules as data typed in."""
    today = today or timezone.localdate()
    with transaction.atomic(), disable_auditlog(), travelling(today) as demo_clock:
        ctx = DemoContext(rng=random.Random(random_seed), today=today, clock=demo_clock)
        build_centers_and_staff(ctx, centers)
        draw_people(ctx, participants)
        for name in DOMAIN_BUILDERS:
            try:
                module = importlib.import_module(f"hizdamnut.demo.builders.{name}")
            except ModuleNotFoundError:
                continue
            module.build(ctx)
            if stdout:
                stdout.write(f"  {name}: done")
    return ctx
