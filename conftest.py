import os

import pytest

from hizdamnut.centers.models import City
from hizdamnut.centers.reference import ensure_loaded
from hizdamnut.centers.roles import Role
from hizdamnut.centers.tests.factories import CenterFactory, make_staff

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """A fast password hasher for the tests, as Django's testing docs advise: every staff member a test makes and
    every sign-in through a form hashed the password with PBKDF2 (0.5 s each on a 2-core machine)."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


# The reference data that migrations load (cities, community services, the ISCO-08 classification, the program
# catalog): a transactional test's flush empties those tables too.
REFERENCE_MIGRATIONS = [
    ("hizdamnut.centers.migrations.0002_regions_and_cities", "load_reference"),
    ("hizdamnut.directory.migrations.0002_seed_services", "seed"),
    ("hizdamnut.occupations.migrations.0002_load_isco08", "load"),
    ("hizdamnut.programs.migrations.0002_seed_catalog", "seed"),
]


@pytest.fixture(scope="session", autouse=True)
def reference_data_after_each_flush():
    """Load the migrations' reference data again after each flush (a transactional test's teardown flushes every
    table, then sends post_migrate). In one process pytest-django runs the transactional tests last, so nothing
    after them missed it; on several workers (pytest-xdist) a worker goes on with other files after one."""
    import importlib

    from django.apps import apps
    from django.db.models.signals import post_migrate

    def reload(sender, using="default", **kwargs):
        if sender.name != "hizdamnut.centers" or using != "default" or kwargs.get("plan") is not None:
            return  # once per flush (a migration's post_migrate has a plan), on the main database
        for module, function in REFERENCE_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)

    post_migrate.connect(reload, dispatch_uid="hizdamnut-reference-data-after-flush")
    yield
    post_migrate.disconnect(dispatch_uid="hizdamnut-reference-data-after-flush")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: a key left by an earlier test (whose database rows were rolled back),
    such as "the national figures of this period were asked for", would change what the next one sees."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def two_factor_off(request, settings):
    """Tests sign in with force_login, which has no second factor, so two-factor is off; the browser
    tests sign in through the real pages and keep it on (as do the accounts tests, by their own setting)."""
    if request.node.get_closest_marker("browser") is None:
        settings.HZ_REQUIRE_2FA = False


@pytest.fixture
def reference_data(db):
    ensure_loaded()


@pytest.fixture
def center(reference_data):
    return CenterFactory(code="NTN", name="מרכז הזדמנות נתניה", city=City.objects.get(name_he="נתניה"))


@pytest.fixture
def other_center(reference_data):
    return CenterFactory(code="BSH", name="מרכז הזדמנות באר שבע", city=City.objects.get(name_he="באר שבע"))


@pytest.fixture
def staff(center):
    """staff(role) -> a user of that role at `center` (the test's home center)."""

    def make(role=Role.COORDINATOR, centers=None, **fields):
        return make_staff(role, centers if centers is not None else [center], **fields)

    return make


@pytest.fixture
def coordinator(staff):
    return staff(Role.COORDINATOR, username="coordinator")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client
