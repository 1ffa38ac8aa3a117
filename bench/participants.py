"""Benchmark: participant list, search, record and API on a center-sized database.

    .venv/bin/python bench/participants.py [--participants 5000]

Builds a throw-away SQLite database (or uses DATABASE_URL when set), fills it with demo data,
and prints the median time and the query count of each page. Figures, not assertions.
"""

import argparse

from harness import demo_database, time_pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--centers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    built = demo_database(participants=args.participants, centers=args.centers)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from hizdamnut.api.models import ApiToken
    from hizdamnut.participants.models import Participant

    print(f"database: {connection.vendor}, {Participant.objects.count()} participants (built in {built:.1f} s)")
    user = get_user_model().objects.get(username="coordinator")
    _token, key = ApiToken.issue(user)
    mine = Participant.objects.for_user(user).order_by("pk")
    someone = mine[mine.count() // 2]
    time_pages([
        (user, "participant list, page 1", "/participants/"),
        (user, "participant list, page 20", "/participants/?page=20"),
        (user, "search by surname", f"/participants/?q={someone.last_name}"),
        (user, "search by ID prefix", f"/participants/?q={someone.id_number[:5]}"),
        (user, "search by phone", f"/participants/?q={someone.phone[:6]}"),
        (user, "participant record", f"/participants/{someone.pk}/"),
        (user, "API list (50 a page)", "/api/v1/participants/", {"HTTP_AUTHORIZATION": f"Bearer {key}"}),
        (user, "home page", "/"),
    ], repeat=args.repeat)


if __name__ == "__main__":
    main()
