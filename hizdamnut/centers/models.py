from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .scoping import CenterOwned, CenterScopedQuerySet


def default_follow_up_months():
    return [1, 3, 6, 12]


class BilingualName(models.Model):
    name_he = models.CharField(_("name (Hebrew)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_he


class Region(BilingualName):
    """A region a center serves (e.g. the Sharon); its cities are the center's 'region residents'."""

    code = models.SlugField(_("code"), max_length=30, unique=True)

    class Meta:
        ordering = ["name_he"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class City(BilingualName):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="cities", verbose_name=_("region"))

    class Meta:
        ordering = ["name_he"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [models.UniqueConstraint(fields=["name_he"], name="city_unique_hebrew_name")]


class Center(CenterOwned, models.Model):
    class Size(models.TextChoices):
        SMALL = "small", _("Small")
        MEDIUM = "medium", _("Medium")
        LARGE = "large", _("Large")

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]{2,10}$", _("Use 2–10 capital Latin letters or digits."))],
    )
    name = models.CharField(_("name"), max_length=120)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="centers", verbose_name=_("city"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="centers", verbose_name=_("region served")
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, default=Size.MEDIUM)
    # Center settings (rules a center may change: data, not code).
    inquiry_wait_alert_days = models.PositiveSmallIntegerField(
        _("days before a waiting inquiry stands out"), default=7
    )
    no_contact_alert_days = models.PositiveSmallIntegerField(
        _("days without contact before outreach"), default=30
    )
    follow_up_months = models.JSONField(_("follow-up months after placement"), default=default_follow_up_months)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "pk"

    class Meta:
        ordering = ["name"]
        verbose_name = _("center")
        verbose_name_plural = _("centers")

    def __str__(self):
        return self.name


class YearlyTarget(CenterOwned, models.Model):
    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="targets", verbose_name=_("center"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    new_active_participants = models.PositiveIntegerField(_("new active participants"))
    placement_rate = models.DecimalField(
        _("placement rate target (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    objects = CenterScopedQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["center", "-year"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(fields=["center", "year"], name="one_target_per_center_year"),
            models.CheckConstraint(
                condition=models.Q(placement_rate__gte=0) & models.Q(placement_rate__lte=100),
                name="placement_rate_is_a_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.center} {self.year}"


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    centers = models.ManyToManyField(Center, related_name="staff", blank=True, verbose_name=_("centers"))

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username} ({self.get_role_display()})"


class SubmissionToken(models.Model):
    """A form post already carried out: the same one-time token posted again returns this result, not a twin."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, null=True)
    result_id = models.PositiveBigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.token

    def result(self):
        if self.result_type is None:
            return None
        return self.result_type.model_class()._base_manager.filter(pk=self.result_id).first()


class SummaryMonth(models.Model):
    """One center's month in the summary tables (hizdamnut/centers/summaries.py), for its whole population
    (`segment` "") or one segment of it (e.g. "gender=female", kept once a filtered dashboard asks for it):
    `version` grows with every write that can change the month's figures; the figures are current when
    `built_version` equals it."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the month's first day
    segment = models.CharField(max_length=60, blank=True, default="")
    version = models.PositiveIntegerField(default=0)
    built_version = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["center", "month", "segment"],
                                               name="one_summary_month_per_center_segment")]

    def __str__(self):
        return f"{self.center_id} {self.month:%Y-%m} {self.segment} v{self.version}"


class MonthlyFigure(models.Model):
    """A count of one center's month (of its whole population, or of a segment): `code` names the figure
    (registered in hizdamnut/centers/indicators.py), `key` its category ("" when it has none). Counts of events
    add up over months; a snapshot's counts hold on the month's last day."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    segment = models.CharField(max_length=60, blank=True, default="")  # as its SummaryMonth's
    code = models.CharField(max_length=40)
    key = models.CharField(max_length=60, blank=True)
    n = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "code", "center", "key", "segment"],
                                               name="one_monthly_figure_per_key_segment")]

    def __str__(self):
        return f"{self.center_id} {self.month:%Y-%m} {self.segment} {self.code} {self.key}: {self.n}"


class DaysFigure(models.Model):
    """A figure of one center over some days (of its whole population or of a segment): a count over the days of
    a month that a period covers in part, a snapshot on a day (first_day = last_day), or a figure that does not
    add up over months (the people placed in a period). Counted from the rows when first asked for and kept with
    `version`, the sum of the versions its SummaryMonths had then, so the next read of the same days reads it here
    until a write marks one of those months (hizdamnut/centers/summaries.py, `Summaries.kept`)."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    first_day = models.DateField()
    last_day = models.DateField()
    segment = models.CharField(max_length=60, blank=True, default="")
    code = models.CharField(max_length=40)
    version = models.PositiveIntegerField()
    counts = models.JSONField(default=dict)  # {key: n}, as MonthlyFigure's keys

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first_day", "last_day", "code", "segment", "center"],
                                               name="one_days_figure_per_segment")]

    def __str__(self):
        return f"{self.center_id} {self.first_day}–{self.last_day} {self.segment} {self.code} v{self.version}"
