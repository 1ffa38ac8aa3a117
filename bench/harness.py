"""Shared set-up for the benchmarks: a throw-away demo database and a timing loop over pages.

Each benchmark prints figures (median and p90 milliseconds, query count of one request); none asserts a time.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def demo_database(*, participants, centers):
    """Set Django up on DATABASE_URL (default: a new SQLite file), migrate, and seed demo data if empty.

    Returns the seconds the build took.
    """
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizdamnut.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from hizdamnut.participants.models import Participant

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not Participant.objects.exists():
        call_command("seed_demo", centers=centers, participants=participants, random_seed=1,
                     stdout=open(os.devnull, "w"))
    return time.perf_counter() - started


def time_pages(cases, *, repeat, width=32):
    """Print median and p90 ms and the query count for each (user, name, url[, headers]) case."""
    from django.core.signals import request_finished
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # Keep the connection open between requests, so the captured queries are those of the request alone.
    request_finished.disconnect(close_old_connections)
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':<{width}}{'median ms':>10}{'p90 ms':>9}{'queries':>9}")
    for user, name, url, *rest in cases:
        headers = rest[0] if rest else {}
        client.force_login(user)
        timings = []
        for _ in range(repeat):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url, **headers)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p90 = timings[max(int(len(timings) * 0.9) - 1, 0)]
        print(f"{name:<{width}}{statistics.median(timings):>10.1f}{p90:>9.1f}{len(queries):>9}")
