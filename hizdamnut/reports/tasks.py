"""Exports made in the background (hizdamnut/jobs): the page shows their progress, then the download link."""

from django.http import QueryDict
from django.utils.translation import gettext as _
from django_tasks import task

from hizdamnut.jobs.selectors import expected_queries
from hizdamnut.jobs.services import Output, queries_as_progress, run_job

from .export_files import dashboard_file, survey_file, yearly_file
from .exports import FILE_FORMATS

BUILDERS = {
    "dashboard_export": lambda user, p: dashboard_file(user, QueryDict(p["query"]), p["format"]),
    "yearly_report": lambda user, p: yearly_file(user, p["center_code"], p["year"]),
    "survey_export": lambda user, p: survey_file(user, QueryDict(p["query"]), p["code"], p["format"]),
}


@task()
def export(job_id):
    run_job(job_id, make_export)


def make_export(job, progress):
    """The figures (most of the time at scale: followed query by query, as many as the last export of the kind
    ran), then the file, sheet by sheet or piece by piece."""
    expected = expected_queries(job.kind, center=job.center)
    with queries_as_progress(progress, expected=expected, stage=_("Computing the figures")) as queries:
        export_file = BUILDERS[job.kind](job.user, job.params)
    stage = _("Writing the file")
    content = export_file.render(progress=lambda done, total: progress(done, total, stage=stage))
    return Output(file=content, file_name=export_file.file_name, content_type=FILE_FORMATS[export_file.file_format],
                  data={"queries": queries.count})
