"""Programs the centers offer: track programs, external programs, courses and workshops; cohorts and enrollment."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import Center
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import Versioned


class ProgramKind(models.TextChoices):
    TRACK = "track", _("Group track program")
    EXTERNAL = "external", _("External program in the center")
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Workshop")


class Program(models.Model):
    """A program of the national catalog (loaded from programs/data/programs.json by `load_programs`).

    `eligibility` is data: a list of rules such as {"rule": "min_age", "value": 45}, {"rule": "parent"} or
    {"rule": "disability"} (see `programs.eligibility`).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ProgramKind.choices)
    name_he = models.CharField(_("name (Hebrew)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_he = models.TextField(_("description (Hebrew)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    eligibility = models.JSONField(_("eligibility rules"), default=list, blank=True)
    default_capacity = models.PositiveSmallIntegerField(_("places per cohort"), default=15)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["kind", "name_he"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "he").startswith("en") else self.name_he

    @property
    def description(self):
        return self.description_en if (get_language() or "he").startswith("en") else self.description_he


class Cohort(CenterOwned, Versioned, models.Model):
    """A group of a program at one center, with its own capacity and schedule of sessions."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("program"))
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("center"))
    name = models.CharField(_("name of the group"), max_length=120)
    capacity = models.PositiveSmallIntegerField(_("places"))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("facilitator"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [models.CheckConstraint(condition=Q(capacity__gt=0), name="cohort_has_places")]

    def __str__(self):
        return f"{self.program} – {self.name}"


class Session(CenterOwned, models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "cohort__center"

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = pgettext_lazy("program meeting", "session")
        verbose_name_plural = pgettext_lazy("program meeting", "sessions")

    def __str__(self):
        return f"{self.cohort} {self.starts_at:%Y-%m-%d %H:%M}"


class EnrollmentStatus(models.TextChoices):
    WAITLISTED = "waitlisted", _("On the waiting list")
    ENROLLED = "enrolled", _("In the group")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped out")
    WITHDRAWN = "withdrawn", _("Left the waiting list")


# Statuses that hold one of the cohort's places.
HOLDS_A_PLACE = (EnrollmentStatus.ENROLLED,)


class Enrollment(CenterOwned, models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrollments")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="enrollments")
    status = models.CharField(_("status"), max_length=12, choices=EnrollmentStatus.choices)
    requested_at = models.DateTimeField(_("asked to join at"), auto_now_add=True)
    enrolled_on = models.DateField(_("joined on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = CenterScopedQuerySet.as_manager()
    center_path = "cohort__center"

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "participant"], name="one_enrollment_per_cohort"),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(end_reason=""), name="dropping_out_needs_a_reason"
            ),
        ]

    def __str__(self):
        return f"{self.participant} – {self.cohort}"


class SessionAttendance(CenterOwned, models.Model):
    """One line of a session's attendance sheet."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))

    objects = CenterScopedQuerySet.as_manager()
    center_path = "session__cohort__center"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"], name="one_line_per_session")]

    def __str__(self):
        return f"session {self.session_id}, enrollment {self.enrollment_id}: {'present' if self.present else 'absent'}"

