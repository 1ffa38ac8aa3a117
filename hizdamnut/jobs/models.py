"""Long work a user asked for (an export, an import) that runs in the background while the page shows progress.

The work itself runs as a django-tasks task (settings.TASKS); a `Job` is what the user sees of it: whose it is,
for which center, how far it has got (`done` of `total`, and the stage's name), and its outcome: a file to
download, data for the page (an import's problems), or a message saying why it failed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    # The center the work is about (None: several or all centers); a user who no longer sees it loses the job.
    center = models.ForeignKey("centers.Center", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=10, default="he")
    # An uploaded file the work reads (an import), kept in the database so any worker machine can read it;
    # emptied when the work ends.
    upload = models.BinaryField(blank=True, default=b"")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    stage = models.CharField(max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)
    file = models.BinaryField(null=True, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                                   name="job_done_within_total"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def succeeded(self):
        return self.status == JobStatus.DONE

    @property
    def failed(self):
        return self.status == JobStatus.FAILED

    @property
    def finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else None
