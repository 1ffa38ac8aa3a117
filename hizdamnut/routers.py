"""Database routing: report reads go to a read replica when one is configured (REPLICA_DATABASE_URL).

Only code that asks for it reads from the replica: `with report_reads(): ...` (the dashboard, and the reports
and exports built on it). Everything else, and every write, stays on "default", so a page never reads its own
save from a replica that has not caught up yet. Without a "replica" database the router says nothing and
Django uses "default" as always. See docs/scaling.md.
"""

import contextvars

from django.db import connections

from hizdamnut.centers.flags import raised

REPLICA = "replica"
_report_reads = contextvars.ContextVar("report_reads", default=False)


def report_reads():
    """Reads inside this block go to the replica (if there is one): figures a few seconds old are fine there."""
    return raised(_report_reads)


def primary_reads():
    """Reads inside this block stay on the primary even within `report_reads` (counting the summary tables
    again must see every write that bumped their version)."""
    return raised(_report_reads, False)


def replica_configured():
    return REPLICA in connections.settings


class ReportReadsRouter:
    def db_for_read(self, model, **hints):
        if _report_reads.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: an object read there may point at one read here.
        if {obj1._state.db, obj2._state.db} <= {"default", REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        # The replica follows the primary (streaming replication); it is never migrated itself.
        return False if db == REPLICA else None
