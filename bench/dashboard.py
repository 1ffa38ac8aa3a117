"""Dashboard and survey report timings and query counts on demo data.

Usage (an empty throw-away database):
  DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
  DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py seed_demo --centers 12 --participants 3000
  DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/dashboard.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hizdamnut.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def measure(client, url, runs=5):
    client.get(url)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    started = time.perf_counter()
    for _ in range(runs):
        response = client.get(url)
    elapsed = (time.perf_counter() - started) / runs * 1000
    print(f"{url:<60} {response.status_code} {elapsed:8.1f} ms {len(queries):4d} queries")


def main():
    setup_test_environment()
    from django.utils import timezone

    from hizdamnut.centers.models import Center
    from hizdamnut.inquiries.models import Inquiry
    from hizdamnut.participants.models import Participant
    from hizdamnut.placements.models import Placement

    print(f"{Participant.objects.count()} participants, {Inquiry.objects.count()} inquiries, "
          f"{Placement.objects.count()} placements, {Center.objects.count()} centers")
    year = timezone.localdate().year
    for username in ("national", "manager"):
        client = Client(HTTP_HOST="localhost")
        client.force_login(get_user_model().objects.get(username=username))
        print(f"-- {username}")
        user = get_user_model().objects.get(username=username)
        first_center = (user.staff.centers.order_by("code").first() or Center.objects.order_by("code").first()).code
        for url in ("/reports/", "/reports/?single_parent=on", "/reports/?disability=on&released_prisoner=on",
                    "/api/v1/reports/dashboard", "/reports/export/xlsx/", "/reports/export/pdf/",
                    f"/reports/yearly/{first_center}/{year}/", "/surveys/satisfaction-2025/"):
            measure(client, url)


if __name__ == "__main__":
    main()
