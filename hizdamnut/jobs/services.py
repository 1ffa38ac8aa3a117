"""Starting background work, reporting its progress and keeping its outcome (models.Job)."""

import contextlib
import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q
from django.db.models.sql import UpdateQuery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Job, JobStatus

logger = logging.getLogger(__name__)


class JobError(Exception):
    """A failure the user can act on: its message (translated) is what the page shows."""


@dataclass
class Output:
    """What a job's work hands back: a file to download and/or data for the page that shows the outcome."""

    file: bytes | None = None
    file_name: str = ""
    content_type: str = ""
    data: dict | None = None


def start_job(*, user, kind, task, center=None, params=None, upload=b""):
    """Records the job and queues its task. With the ImmediateBackend (tests, and `HZ_TASKS=immediate`) the work
    has run when this returns; with the database backend a `db_worker` process picks it up."""
    prune_jobs()
    job = Job.objects.create(user=user, center=center, kind=kind, params=params or {}, upload=upload,
                             language=translation.get_language() or settings.LANGUAGE_CODE)
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def run_job(job_id, work):
    """Runs `work(job, progress)` for a queued job in the job's language, keeping its outcome or its failure.

    `progress(done, total, stage=None)` moves the counters the page shows. A `JobError` is the user's to read;
    any other exception is logged, shown as a general failure and raised again for the task backend to record.
    """
    job = Job.objects.select_related("user", "center").get(pk=job_id)
    progress = Progress(job)
    _save(job, status=JobStatus.RUNNING, started_at=timezone.now())
    try:
        with translation.override(job.language):
            output = work(job, progress)
    except JobError as exc:
        _save(job, status=JobStatus.FAILED, error=str(exc), finished_at=timezone.now(), upload=b"",
              **progress.counters())
        return
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        with translation.override(job.language):
            message = _("The work stopped because of an error. Try again; if it fails again, tell the administrator.")
        _save(job, status=JobStatus.FAILED, error=message, finished_at=timezone.now(), upload=b"",
              **progress.counters())
        raise
    finally:
        progress.close()
    output = output or Output()
    _save(job, status=JobStatus.DONE, finished_at=timezone.now(), upload=b"", result=output.data,
          file=output.file, file_name=output.file_name, content_type=output.content_type,
          **{**progress.counters(), **({"done": job.total} if job.total else {})})


def _save(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    Job.objects.filter(pk=job.pk).update(**fields)


class Progress:
    """Writes a job's counters as its work advances, so that another request (the page polling) can read them.

    Work that runs inside a transaction (an import: all or nothing) cannot show its counters through its own
    connection until it commits; on PostgreSQL they go through a second connection of their own. SQLite has one
    writer at a time, so there they wait and are written when the transaction ends (the page shows the stage).
    """

    def __init__(self, job):
        self.job = job
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.depth = len(self.connection.atomic_blocks)
        self.side = None
        self.waiting = {}
        self.writes = 0

    def __call__(self, done, total, stage=None):
        fields = {"done": min(done, total) if total else 0, "total": total}
        if stage is not None:
            fields["stage"] = str(stage)[:200]
        for name, value in fields.items():
            setattr(self.job, name, value)
        self.writes += 1
        if len(self.connection.atomic_blocks) <= self.depth:
            Job.objects.filter(pk=self.job.pk).update(**self.pending(), **fields)
        elif self.connection.vendor == "postgresql":
            self._write_aside(fields)
        else:
            self.waiting.update(fields)

    def counters(self):
        """The counters as they stand, for the job's last save (whatever was or was not written on the way)."""
        self.waiting = {}
        return {"stage": self.job.stage, "done": self.job.done, "total": self.job.total}

    def pending(self):
        """Counters not written yet (SQLite, inside a transaction): written by the caller's next save."""
        waiting, self.waiting = self.waiting, {}
        return waiting

    def _write_aside(self, fields):
        if self.side is None:
            self.side = type(self.connection)(dict(self.connection.settings_dict), DEFAULT_DB_ALIAS)
        query = UpdateQuery(Job)
        query.add_update_values(fields)
        query.add_q(Q(pk=self.job.pk))
        sql, params = query.get_compiler(connection=self.side).as_sql()
        with self.side.cursor() as cursor:
            cursor.execute(sql, params)

    def close(self):
        if self.side is not None:
            self.side.close()
            self.side = None


class QueryCounter:
    """Counts the database queries of a piece of work and moves the bar by them (see `queries_as_progress`)."""

    def __init__(self, progress, expected, stage):
        self.progress, self.expected, self.stage = progress, expected, stage
        self.count = self.reported = 0
        self.busy = False  # the progress write is a query too: it is not counted

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self.busy:
            self.count += 1
            percent = min(99, 100 * self.count // self.expected) if self.expected else 0
            if percent > self.reported:
                self.reported, self.busy = percent, True
                try:
                    self.progress(percent, 100, stage=self.stage)
                finally:
                    self.busy = False
        return result


@contextlib.contextmanager
def queries_as_progress(progress, *, expected, stage):
    """Moves the bar (in percent) as the work runs its database queries, on every database (a replica too).

    For work whose query count is fixed whatever the data size (the dashboard's is pinned by its tests), the count
    of the last run of the same kind (`expected`, see selectors.expected_queries) is the whole; without one the bar
    waits. Yields the counter: its `count` is kept with the job's result for the next run."""
    counter = QueryCounter(progress, expected, stage)
    progress(0, 0, stage=stage)
    with contextlib.ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(counter))
        yield counter


def retention():
    return datetime.timedelta(hours=settings.JOB_RETENTION_HOURS)


def prune_jobs(*, now=None):
    """Deletes jobs (and their files) older than JOB_RETENTION_HOURS; returns how many."""
    cutoff = (now or timezone.now()) - retention()
    return Job.objects.filter(created_at__lt=cutoff).delete()[0]
