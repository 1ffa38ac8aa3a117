"""Rows that a test module's tests only read, built once for the module rather than once per test."""

import pytest
from django.db import transaction


def built_once_per_module(build):
    """A module-scoped fixture giving `build()`'s value, its rows built inside a transaction that is rolled back
    after the module's last test (other modules never see them).

    Each test still runs in its own savepoint (the `db` fixture, asked for by the test or by another fixture), so a
    test that writes leaves the rows as the next test expects them. Only for tests that are not transactional:
    a transactional test would flush the tables under the open transaction. A demo seeded for each test took
    10–25 s of the suite each time on a 2-core machine.
    """

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield build()
            transaction.set_rollback(True)

    fixture.__doc__ = build.__doc__
    return fixture
