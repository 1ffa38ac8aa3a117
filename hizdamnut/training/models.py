from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import Center
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import Versioned


class Funding(models.TextChoices):
    VOUCHER = "voucher", _("Training voucher")
    MINISTRY = "ministry", _("Ministry of Labor")
    EMPLOYER = "employer", _("Employer")
    CENTER = "center", _("Opportunity Center")
    SELF = "self", _("Self-funded")


class Course(CenterOwned, Versioned, models.Model):
    """A vocational training course in the center's catalog."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="courses", verbose_name=_("center"))
    name = models.CharField(_("course"), max_length=150)
    field = models.CharField(_("field"), max_length=100)
    provider = models.CharField(_("provider"), max_length=150)
    length_weeks = models.PositiveSmallIntegerField(_("length (weeks)"))
    hours = models.PositiveSmallIntegerField(_("total hours"), null=True, blank=True)
    funding = models.CharField(_("funding"), max_length=10, choices=Funding.choices, default=Funding.VOUCHER)
    cost = models.DecimalField(_("cost (₪)"), max_digits=9, decimal_places=2, null=True, blank=True)
    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    active = models.BooleanField(_("in the catalog"), default=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["field", "name"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return f"{self.name} ({self.provider})"


class VoucherStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped out")


class TrainingApplication(CenterOwned, Versioned, models.Model):
    """A participant's application for a course, its documents and its voucher."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="training_applications",
                                    verbose_name=_("participant"))
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="applications", verbose_name=_("course"))
    status = models.CharField(_("voucher status"), max_length=10, choices=VoucherStatus.choices,
                              default=VoucherStatus.DRAFT)
    documents_received = models.JSONField(_("documents received"), default=list, blank=True)
    submit_by = models.DateField(_("submit by"), null=True, blank=True)
    course_starts_on = models.DateField(_("course starts on"), null=True, blank=True)
    voucher_number = models.CharField(_("voucher number"), max_length=40, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    enrolled_on = models.DateField(_("enrolled on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("training application")
        verbose_name_plural = _("training applications")

    def __str__(self):
        return f"{self.participant} · {self.course.name}"

    @property
    def missing_documents(self):
        received = set(self.documents_received or [])
        return [doc for doc in self.course.required_documents or [] if doc not in received]

    @property
    def deadline(self):
        """The next date that matters: submission for a draft, the course start once approved."""
        if self.status == VoucherStatus.DRAFT:
            return self.submit_by
        if self.status == VoucherStatus.APPROVED:
            return self.course_starts_on
        return None

    @property
    def deadline_passed(self):
        return self.deadline is not None and self.deadline < timezone.localdate()

