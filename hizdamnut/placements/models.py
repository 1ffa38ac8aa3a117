from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet
from hizdamnut.employers.models import Candidacy, Employer
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import Versioned


class Fit(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed term")
    HOURLY = "hourly", _("Hourly")
    AGENCY = "agency", _("Through a manpower agency")
    SELF_EMPLOYED = "self_employed", _("Self-employed")


class Advances(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NO_PREVIOUS_JOB = "no_previous", _("No previous job")


class Placement(CenterOwned, Versioned, models.Model):
    """A participant's job (or own business): the end the journey exists for."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="placements",
                                    verbose_name=_("participant"))
    candidacy = models.OneToOneField(Candidacy, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="placement")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, null=True, blank=True, related_name="placements",
                                 verbose_name=_("employer"))
    employer_name = models.CharField(_("employer (if not in the list)"), max_length=150, blank=True)
    self_employed = models.BooleanField(_("self-employment"), default=False)
    role = models.CharField(_("role"), max_length=150)
    start_date = models.DateField(_("start date"))
    hours_per_week = models.PositiveSmallIntegerField(_("hours a week"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(70)])
    monthly_wage = models.DecimalField(_("gross monthly wage (₪)"), max_digits=9, decimal_places=2)
    contract_type = models.CharField(_("contract type"), max_length=15, choices=ContractType.choices)
    fits_ability = models.CharField(_("fits their ability"), max_length=6, choices=Fit.choices, default=Fit.YES)
    fits_desire = models.CharField(_("fits their desire"), max_length=6, choices=Fit.choices, default=Fit.YES)
    fits_vision = models.CharField(_("fits their occupational vision"), max_length=6, choices=Fit.choices,
                                   default=Fit.PARTLY)
    advances_previous_job = models.CharField(_("advances on their previous job"), max_length=12,
                                             choices=Advances.choices, default=Advances.NO_PREVIOUS_JOB)
    previous_monthly_income = models.DecimalField(_("monthly income from work before (₪)"), max_digits=9,
                                                  decimal_places=2, null=True, blank=True)
    below_minimum_wage = models.BooleanField(_("below the minimum wage"), default=False)
    ended_on = models.DateField(_("job ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why the job ended"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        # Retention reads the placements whose start dates put a mark in a month (counting one center-month of
        # the summary tables: a scan of every placement without it).
        indexes = [models.Index(fields=["start_date", "participant"], name="placement_start_date")]
        constraints = [
            models.CheckConstraint(condition=models.Q(monthly_wage__gte=0), name="placement_wage_not_negative"),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("start_date")),
                name="placement_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.participant} · {self.role} · {self.workplace}"

    @property
    def workplace(self):
        if self.self_employed:
            return _("Self-employment")
        return self.employer.name if self.employer_id else self.employer_name

    @property
    def is_optimal(self):
        """An optimal placement fits the person's ability, desire and vision (seed: השמה מיטבית)."""
        return self.fits_ability == Fit.YES and self.fits_desire == Fit.YES and self.fits_vision == Fit.YES

    @property
    def hourly_wage(self):
        return hourly(self.monthly_wage, self.hours_per_week)



def hourly(monthly_wage, hours_per_week):
    if monthly_wage is None or not hours_per_week:
        return None
    return float(monthly_wage) / (hours_per_week * 52 / 12)


class Employment(models.TextChoices):
    SAME = "same", _("Employed, same employer")
    OTHER = "other", _("Employed, another employer")
    NOT_EMPLOYED = "none", _("Not employed")


class Advancement(models.TextChoices):
    RAISE = "raise", _("Raise")
    PROMOTION = "promotion", _("Promotion")
    MORE_HOURS = "more_hours", _("More hours")
    TRAINING = "training", _("Training")


class FollowUp(CenterOwned, Versioned, models.Model):
    """A scheduled check on how the placement holds, N months after the start."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    months_after = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    employment = models.CharField(_("still employed?"), max_length=6, choices=Employment.choices, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours a week"), null=True, blank=True,
                                                      validators=[MaxValueValidator(70)])
    monthly_wage = models.DecimalField(_("gross monthly wage (₪)"), max_digits=9, decimal_places=2, null=True,
                                       blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("job satisfaction (1–5)"), null=True, blank=True,
                                                    validators=[MinValueValidator(1), MaxValueValidator(5)])
    advancement = models.JSONField(_("advancement"), default=list, blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    support_given = models.TextField(_("support given"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    # Who makes the call: the participant's responsible worker when it is scheduled, unless reassigned.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="follow_ups_owned", verbose_name=_("owner"))

    objects = CenterScopedQuerySet.as_manager()
    center_path = "placement__participant__center"

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        # Overdue follow-ups (per worker on the dashboard) are read among the unrecorded ones alone; a month's
        # recorded ones (advancement, counted again after a write) by their day, not from the whole table.
        indexes = [models.Index(fields=["due_on", "placement"], condition=models.Q(done_on__isnull=True),
                                name="follow_up_unrecorded_by_due"),
                   models.Index(fields=["done_on", "placement"], condition=models.Q(done_on__isnull=False),
                                name="follow_up_recorded_by_day")]
        constraints = [
            models.UniqueConstraint(fields=["placement", "months_after"], name="one_follow_up_per_month_mark"),
            models.CheckConstraint(condition=models.Q(satisfaction__isnull=True) |
                                   models.Q(satisfaction__gte=1, satisfaction__lte=5), name="satisfaction_1_to_5"),
        ]

    def __str__(self):
        return f"{self.placement.participant} · {self.months_after}"

    @property
    def is_done(self):
        return self.done_on is not None

    def is_overdue(self, today=None):
        return not self.is_done and self.due_on < (today or timezone.localdate())

    @property
    def overdue(self):
        return self.is_overdue()

    @property
    def still_employed(self):
        return self.employment in (Employment.SAME, Employment.OTHER)

