"""Long work in the background: a job is started, its counters move, its file is downloaded by its owner only, and
a failure is shown. The suite runs tasks inline (HZ_TASKS=immediate), so each job has ended when its POST returns."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from hizdamnut import bulk
from hizdamnut.api.models import ApiToken
from hizdamnut.centers.roles import Role
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.inquiries.tests.factories import category_tree
from hizdamnut.jobs import services
from hizdamnut.jobs.models import Job, JobStatus
from hizdamnut.jobs.services import JobError, Progress, prune_jobs
from hizdamnut.reports import tasks as report_tasks

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def manager(staff):
    return staff(Role.MANAGER, username="manager")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def progress_seen(monkeypatch):
    """Every progress report (stage, done, total), as the database holds it right after the write; inside the work's
    own transaction (an import) as written aside or kept for later (see the last test)."""
    seen = []
    original = Progress.__call__

    def spy(self, done, total, stage=None):
        original(self, done, total, stage)
        if len(self.connection.atomic_blocks) <= self.depth:
            seen.append(Job.objects.values_list("stage", "done", "total").get(pk=self.job.pk))
        else:
            seen.append((self.job.stage, self.job.done, self.job.total))

    monkeypatch.setattr(Progress, "__call__", spy)
    return seen


def start_dashboard_export(client, file_format="xlsx"):
    response = client.post(reverse("reports:dashboard_export", args=[file_format]), **HTMX)
    assert response.status_code == 200
    return response, Job.objects.get()


def test_the_export_button_starts_a_job_and_shows_the_download_link(manager_client, manager):
    response, job = start_dashboard_export(manager_client)
    assert (job.user, job.kind, job.status) == (manager, "dashboard_export", JobStatus.DONE)
    assert job.started_at <= job.finished_at and job.file_name.endswith(".xlsx")
    html = response.content.decode()
    assert reverse("jobs:download", args=[job.pk]) in html and "hx-trigger" not in html


def test_the_counters_move_while_the_file_is_written(manager_client, progress_seen):
    _response, job = start_dashboard_export(manager_client, "pdf")
    writing = [(done, total) for stage, done, total in progress_seen if total]
    assert progress_seen[0][1:] == (0, 0)  # the figures first: a stage without counters
    assert len(writing) >= 5
    assert [done for done, _ in writing] == sorted(done for done, _ in writing)
    assert writing[-1][0] == writing[-1][1]
    assert (job.done, job.total) == writing[-1]


def test_the_figures_move_the_bar_query_by_query_once_an_export_of_the_kind_has_run(manager_client, progress_seen):
    # The dashboard counts the summary tables' months and the other centers' figures once (the nightly
    # refresh_summaries does in production): both exports then make the same queries.
    manager_client.get(reverse("reports:dashboard"))
    _response, first = start_dashboard_export(manager_client)
    assert first.result["queries"] > 10
    progress_seen.clear()
    manager_client.post(reverse("reports:dashboard_export", args=["xlsx"]), **HTMX)
    figures = [done for stage, done, total in progress_seen if stage == "חישוב הנתונים" and total == 100]
    assert len(figures) >= 10 and figures == sorted(set(figures)) and figures[-1] <= 99


def test_the_file_is_downloaded_and_the_download_is_audited(manager_client, manager):
    _response, job = start_dashboard_export(manager_client)
    response = manager_client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert response["Content-Disposition"] == f'attachment; filename="{job.file_name}"'
    entry = LogEntry.objects.filter(object_repr="dashboard.xlsx").get()
    assert entry.actor == manager and entry.additional_data["read"]["what"] == "dashboard_export"


def test_another_users_job_is_not_found(manager_client, staff, client):
    _response, job = start_dashboard_export(manager_client)
    client.force_login(staff(Role.MANAGER, username="another_manager"))
    for name in ("jobs:status", "jobs:download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_a_job_of_a_center_its_owner_no_longer_sees_is_not_found(manager_client, manager, other_center):
    job = Job.objects.create(user=manager, center=other_center, kind="dashboard_export")
    assert manager_client.get(reverse("jobs:status", args=[job.pk])).status_code == 404


def test_a_failing_export_shows_its_error(manager_client, monkeypatch):
    def broken(user, params):
        raise RuntimeError("the database went away")

    monkeypatch.setitem(report_tasks.BUILDERS, "dashboard_export", broken)
    response, job = start_dashboard_export(manager_client)
    assert job.status == JobStatus.FAILED and job.file is None
    assert 'role="alert"' in response.content.decode() and job.error in response.content.decode()
    assert "database went away" not in job.error  # the user reads a sentence, not the exception
    assert manager_client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_job_error_is_shown_in_the_users_words(manager_client, monkeypatch):
    def refused(user, params):
        raise JobError("אין נתונים לתקופה")

    monkeypatch.setitem(report_tasks.BUILDERS, "dashboard_export", refused)
    _response, job = start_dashboard_export(manager_client)
    assert (job.status, job.error) == (JobStatus.FAILED, "אין נתונים לתקופה")


def test_a_running_job_polls_every_second_with_a_progress_bar(manager_client, manager):
    job = Job.objects.create(user=manager, kind="dashboard_export", status=JobStatus.RUNNING, stage="כתיבה",
                             done=3, total=12)
    html = manager_client.get(reverse("jobs:status", args=[job.pk]), **HTMX).content.decode()
    assert 'hx-trigger="every 1s"' in html and '<progress value="3" max="12"' in html and "25%" in html
    page = manager_client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "<noscript><a href" in page  # without JavaScript: a link to look again


def test_without_htmx_the_post_leads_to_the_jobs_page_and_the_link_still_downloads(manager_client):
    response = manager_client.post(reverse("reports:dashboard_export", args=["xlsx"]))
    assert response.status_code == 302 and response["Location"] == reverse("jobs:status", args=[Job.objects.get().pk])
    assert manager_client.get(reverse("reports:dashboard_export", args=["xlsx"])).content.startswith(b"PK")


@pytest.mark.parametrize("name, args", [("reports:yearly_report", None), ("reports:survey_export", ["pdf"])])
def test_the_yearly_report_and_a_survey_export_run_as_jobs(manager_client, center, name, args):
    from hizdamnut.surveys.tests.factories import make_questionnaire

    make_questionnaire()
    args = [center.code, datetime.date.today().year] if args is None else ["test-q", *args]
    response = manager_client.post(reverse(name, args=args), **HTMX)
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and job.content_type == "application/pdf", job.error
    assert bytes(job.file).startswith(b"%PDF") and reverse("jobs:download", args=[job.pk]) in response.content.decode()


def test_a_bad_format_starts_nothing(manager_client):
    assert manager_client.post(reverse("reports:dashboard_export", args=["docx"]), **HTMX).status_code == 404
    assert not Job.objects.exists()


def test_the_api_starts_an_export_reads_its_status_and_downloads_it(client, manager, staff):
    header = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(manager)[1]}"}
    response = client.post("/api/v1/reports/exports/dashboard?file_format=pdf", **header)
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    status = client.get(f"/api/v1/jobs/{job_id}", **header).json()
    assert (status["status"], status["done"]) == ("done", status["total"])
    assert client.get(status["download_url"], **header).content.startswith(b"%PDF")
    stranger = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(staff(Role.MANAGER, username='m2'))[1]}"}
    assert client.get(f"/api/v1/jobs/{job_id}", **stranger).status_code == 404
    assert client.get(status["download_url"], **stranger).status_code == 404


def test_the_api_documents_the_job_operations(client, manager):
    from hizdamnut.api.api import api

    paths = api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    assert {"/api/v1/jobs/{job_id}", "/api/v1/jobs/{job_id}/download", "/api/v1/reports/exports/dashboard",
            "/api/v1/reports/exports/surveys/{code}",
            "/api/v1/reports/exports/yearly/{center_code}/{year}"} <= set(paths)


def test_old_jobs_and_their_files_are_pruned(manager, settings):
    settings.JOB_RETENTION_HOURS = 24
    old = Job.objects.create(user=manager, kind="dashboard_export", file=b"x")
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    recent = Job.objects.create(user=manager, kind="dashboard_export", file=b"y")
    assert prune_jobs() == 1
    assert list(Job.objects.all()) == [recent]


# ------------------------------------------------------------------ imports

def inquiries_file(center, rows):
    tree = category_tree()
    book = Workbook()
    book.active.append(["center_code", "received_on", "source", "channel", "category", "first_name"])
    for n in range(rows):
        book.active.append([center.code, datetime.date.today().isoformat(), "self", "phone", tree.code, f"שם{n}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("inquiries.xlsx", buffer.getvalue())


def test_an_import_checks_and_saves_in_the_background_with_progress_per_rows(
        coordinator_client, center, progress_seen, monkeypatch):
    monkeypatch.setattr(bulk, "PROGRESS_EVERY", 2)
    url = reverse("imports:upload", args=["inquiries"])
    response = coordinator_client.post(url, {"file": inquiries_file(center, 5)}, **HTMX)
    assert response.context["outcome"].rows == 5 and not Inquiry.objects.exists()
    check = Job.objects.get(kind="import_check")
    assert check.status == JobStatus.DONE and check.upload == b""  # the uploaded file is not kept
    stages = [(stage, done, total) for stage, done, total in progress_seen if total]
    assert [done for _stage, done, _total in stages] == [2, 4, 5]
    response = coordinator_client.post(reverse("imports:save", args=["inquiries"]),
                                       {"token": response.context["token"]}, **HTMX)
    assert response["HX-Redirect"] == url and Inquiry.objects.count() == 5
    save = Job.objects.get(kind="import_save")
    assert (save.status, save.done, save.total) == (JobStatus.DONE, 5, 5)


def test_an_import_under_way_shows_its_progress_then_its_preview(coordinator_client, coordinator, center):
    job = Job.objects.create(user=coordinator, kind="import_check", status=JobStatus.RUNNING,
                             params={"code": "inquiries", "token": "x"}, stage="בדיקה", done=200, total=1000)
    url = reverse("imports:job", args=["inquiries", job.pk])
    html = coordinator_client.get(url, **HTMX).content.decode()
    assert f'hx-get="{url}"' in html and '<progress value="200" max="1000"' in html
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, result={
        "problems": [{"row": 2, "column": "received_on", "reason": "התאריך בעתיד"}], "rows": 0, "done": False,
        "summary": ""})
    response = coordinator_client.get(url, **HTMX)
    assert [p.column for p in response.context["outcome"].problems] == ["received_on"]
    assert coordinator_client.get(reverse("imports:job", args=["courses", job.pk])).status_code == 404


def test_another_users_import_is_not_found(client, staff, coordinator):
    job = Job.objects.create(user=coordinator, kind="import_check", params={"code": "inquiries"})
    client.force_login(staff(Role.MANAGER, username="manager2"))
    assert client.get(reverse("imports:job", args=["inquiries", job.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_counters_written_inside_a_transaction_are_seen_before_it_ends(center, staff):
    """An import saves all or nothing in one transaction: its counters still reach the polling page (PostgreSQL,
    through a second connection); SQLite, one writer at a time, writes them when the transaction ends."""
    job = Job.objects.create(user=staff(Role.COORDINATOR, username="c9"), kind="import_save")
    progress = Progress(job)
    with pytest.raises(RuntimeError), transaction.atomic():
        progress(5, 10, stage="שמירה")
        raise RuntimeError  # the import's rows are undone ...
    progress.close()
    done = Job.objects.get(pk=job.pk).done
    if connection.vendor == "postgresql":
        assert done == 5  # ... its progress is not
    else:
        assert (done, progress.pending()) == (0, {"done": 5, "total": 10, "stage": "שמירה"})


def test_the_job_ends_with_its_counters_full(manager, monkeypatch):
    job = Job.objects.create(user=manager, kind="test")

    def work(job, progress):
        progress(3, 4, stage="a")
        return services.Output(data={"ok": True})

    services.run_job(job.pk, work)
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.result) == (JobStatus.DONE, 4, 4, {"ok": True})


def test_polling_a_job_costs_a_fixed_number_of_queries(manager_client, manager, django_assert_max_num_queries):
    job = Job.objects.create(user=manager, kind="dashboard_export", status=JobStatus.RUNNING, done=1, total=9)
    manager_client.get(reverse("jobs:status", args=[job.pk]), **HTMX)
    with django_assert_max_num_queries(6):
        assert manager_client.get(reverse("jobs:status", args=[job.pk]), **HTMX).status_code == 200
