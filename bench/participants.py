"""Benchmark: participant list, search, record and API on a center-sized database.

    .venv/bin/python bench/participants.py [--participants 5000]

Builds a throw-away SQLite database (or uses DATABASE_URL when set), fills it with demo data,
and prints the median time and the query count of each page. Figures, not assertions.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--centers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizdamnut.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hizdamnut.api.models import ApiToken
    from hizdamnut.participants.models import Participant

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not Participant.objects.exists():
        call_command("seed_demo", centers=args.centers, participants=args.participants, random_seed=1,
                     stdout=open(os.devnull, "w"))
    print(f"database: {connection.vendor}, {Participant.objects.count()} participants "
          f"(built in {time.perf_counter() - started:.1f} s)")

    user = get_user_model().objects.get(username="coordinator")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    _token, key = ApiToken.issue(user)
    someone = Participant.objects.for_user(user).order_by("pk")[len(Participant.objects.for_user(user)) // 2]
    cases = [
        ("participant list, page 1", "/participants/", {}),
        ("participant list, page 20", "/participants/?page=20", {}),
        ("search by surname", f"/participants/?q={someone.last_name}", {}),
        ("search by ID prefix", f"/participants/?q={someone.id_number[:5]}", {}),
        ("search by phone", f"/participants/?q={someone.phone[:6]}", {}),
        ("participant record", f"/participants/{someone.pk}/", {}),
        ("API list (50 a page)", "/api/v1/participants/", {"HTTP_AUTHORIZATION": f"Bearer {key}"}),
        ("home page", "/", {}),
    ]
    print(f"{'page':<28}{'median ms':>10}{'p90 ms':>9}{'queries':>9}")
    for name, url, headers in cases:
        timings = []
        for _ in range(args.repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url, **headers)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(f"{name:<28}{statistics.median(timings):>10.1f}{p90:>9.1f}{len(queries):>9}")


if __name__ == "__main__":
    main()
