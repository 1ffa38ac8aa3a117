"""An import's check and save run in the background (hizdamnut/jobs) while the page shows how far they have got."""

import tempfile
from pathlib import Path

from django.utils.translation import gettext as _
from django_tasks import task

from hizdamnut.bulk import progress_listener
from hizdamnut.jobs.services import Output, run_job

from . import runner
from .registry import BY_CODE

CHECK, SAVE = "import_check", "import_save"


@task()
def run_import(job_id):
    run_job(job_id, import_file)


def stages(dry_run):
    """What the page says while the command runs (`all`, until it counts rows), checks (`check`) and saves (`save`)
    rows; a check saves, then undoes. On SQLite the counters wait for the command's transaction: `all` shows."""
    return {"all": _("Checking the file") if dry_run else _("Saving the rows"),
            "check": _("Checking the rows: %(done)s of %(total)s"),
            "save": _("Checking each row against the records: %(done)s of %(total)s") if dry_run
            else _("Saving the rows: %(done)s of %(total)s")}


def import_file(job, progress):
    """The import's command on the uploaded file, as a dry run (CHECK) or for real (SAVE), with its progress."""
    item = BY_CODE[job.params["code"]]
    dry_run = job.kind == CHECK
    names = stages(dry_run)

    def rows_done(stage, done, total):
        progress(done, total, stage=names[stage] % {"done": f"{done:,}", "total": f"{total:,}"})

    progress(0, 0, stage=names["all"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{job.params['suffix']}"
        path.write_bytes(bytes(job.upload))
        with progress_listener(rows_done):
            outcome = runner.run(item, path, actor=job.user, choice=job.params.get("choice"), dry_run=dry_run)
    return Output(data=runner.as_data(outcome))
