from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import Center, City
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet
from hizdamnut.occupations.models import Occupation
from hizdamnut.participants.models import Language, Participant
from hizdamnut.versioning import Versioned


class Sector(models.TextChoices):
    RETAIL = "retail", _("Retail and sales")
    HOSPITALITY = "hospitality", _("Hospitality and food")
    INDUSTRY = "industry", _("Industry and production")
    LOGISTICS = "logistics", _("Logistics and warehousing")
    CARE = "care", _("Care and health")
    EDUCATION = "education", _("Education")
    SERVICES = "services", _("Business services")
    PUBLIC = "public", _("Public sector")
    CONSTRUCTION = "construction", _("Construction")
    TECH = "tech", _("Technology")
    OTHER = "other", _("Other")


class EmployerSize(models.TextChoices):
    SMALL = "small", _("Small (up to 20)")
    MEDIUM = "medium", _("Medium (21–100)")
    LARGE = "large", _("Large (101–500)")
    VERY_LARGE = "very_large", _("Very large (over 500)")


class Relationship(models.TextChoices):
    LOCAL = "local", _("Local partner")
    NATIONAL = "national", _("National strategic partner")


class EducationLevel(models.IntegerChoices):
    """Ordered, so a requirement is met by any level at or above it."""

    NONE = 0, _("No formal education")
    ELEMENTARY = 1, _("Elementary")
    PARTIAL_SECONDARY = 2, _("Partial secondary")
    SECONDARY = 3, _("Full secondary")
    MATRICULATION = 4, _("Matriculation (bagrut)")
    VOCATIONAL = 5, _("Vocational certificate")
    ACADEMIC = 6, _("Academic degree")


class Shift(models.TextChoices):
    MORNING = "morning", _("Mornings")
    DAY = "day", _("Daytime")
    EVENING = "evening", _("Evenings")
    NIGHT = "night", _("Nights")
    ROTATING = "rotating", _("Rotating shifts")
    FLEXIBLE = "flexible", _("Flexible")


class Threshold(models.TextChoices):
    """Requirements an employer may agree to flex for a suitable candidate."""

    EDUCATION = "education", _("education")
    EXPERIENCE = "experience", _("experience")
    LANGUAGES = "languages", _("languages")
    LICENCES = "licences", _("licences")
    SKILLS = "skills", _("skills")
    HOURS = "hours", _("hours")


class Employer(CenterOwned, Versioned, models.Model):
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="employers", verbose_name=_("center"))
    name = models.CharField(_("organization"), max_length=150)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    size = models.CharField(_("size"), max_length=12, choices=EmployerSize.choices, default=EmployerSize.SMALL)
    relationship = models.CharField(_("relationship"), max_length=10, choices=Relationship.choices,
                                    default=Relationship.LOCAL)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [models.UniqueConstraint(fields=["center", "name"], name="employer_name_unique_per_center")]

    def __str__(self):
        return self.name


class EmployerOwned(CenterOwned, models.Model):
    objects = CenterScopedQuerySet.as_manager()
    center_path = "employer__center"

    class Meta:
        abstract = True


class EmployerLocation(EmployerOwned):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="locations")
    city = models.ForeignKey(City, on_delete=models.PROTECT, verbose_name=_("city"))
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("location")

    def __str__(self):
        return f"{self.address}, {self.city}" if self.address else str(self.city)


class EmployerContact(EmployerOwned):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("contact")

    def __str__(self):
        return self.name


class Agreement(EmployerOwned):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("agreement"), max_length=150)
    signed_on = models.DateField(_("signed on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    terms = models.TextField(_("terms"), blank=True)

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("agreement")
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("signed_on")),
            name="agreement_ends_after_signing")]

    def __str__(self):
        return self.title


class Interaction(EmployerOwned):
    class Kind(models.TextChoices):
        CALL = "call", _("Phone call")
        MEETING = "meeting", _("Meeting")
        VISIT = "visit", _("Site visit")
        EMAIL = "email", _("Email")
        EVENT = "event", _("Event")

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="interactions")
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    summary = models.TextField(_("summary"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("interaction")

    def __str__(self):
        return f"{self.employer} {self.occurred_on}"


class JobOpening(Versioned, EmployerOwned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        ON_HOLD = "on_hold", _("On hold")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="openings",
                                 verbose_name=_("employer"))
    title = models.CharField(_("title"), max_length=150)
    occupation = models.CharField(_("occupation"), max_length=100)
    # The typed words stay in `occupation`; the unit group is what matching compares.
    occupation_unit = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        limit_choices_to={"level": Occupation.Level.UNIT}, verbose_name=_("occupation (ISCO-08 unit group)"))
    positions = models.PositiveSmallIntegerField(_("number of positions"), default=1,
                                                 validators=[MinValueValidator(1)])
    hours_per_week = models.PositiveSmallIntegerField(_("hours a week"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(70)])
    shift = models.CharField(_("shift pattern"), max_length=10, choices=Shift.choices, default=Shift.DAY)
    hourly_wage = models.DecimalField(_("hourly wage (₪)"), max_digits=7, decimal_places=2, null=True, blank=True)
    city = models.ForeignKey(City, on_delete=models.PROTECT, verbose_name=_("location (city)"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    education_required = models.PositiveSmallIntegerField(_("education required"), choices=EducationLevel.choices,
                                                           default=EducationLevel.NONE)
    languages_required = models.JSONField(_("languages required"), default=list, blank=True)
    experience_years_required = models.PositiveSmallIntegerField(_("years of experience required"), default=0)
    licences_required = models.JSONField(_("licences required"), default=list, blank=True)
    skills_required = models.JSONField(_("skills required"), default=list, blank=True)
    flexible_thresholds = models.JSONField(_("thresholds the employer agreed to flex"), default=list, blank=True)
    vehicle_required = models.BooleanField(_("requires a vehicle of one's own"), default=False)
    accessible = models.BooleanField(_("physically accessible"), default=False)
    accessibility_notes = models.CharField(_("accessibility notes"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("opened on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        constraints = [models.CheckConstraint(
            condition=models.Q(closes_on__isnull=True) | models.Q(closes_on__gte=models.F("opened_on")),
            name="opening_closes_after_opening")]

    def __str__(self):
        return f"{self.title} · {self.employer}"

    @property
    def language_labels(self):
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages_required or []]

    @property
    def flexible_labels(self):
        labels = dict(Threshold.choices)
        return [str(labels.get(code, code)) for code in self.flexible_thresholds or []]

    def flexes(self, threshold):
        return threshold in (self.flexible_thresholds or [])


class CandidateProfile(CenterOwned, Versioned, models.Model):
    """What matching knows about a participant's readiness, wishes and constraints."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="candidate_profile")
    ready_for_work = models.BooleanField(_("ready for work"), default=False)
    desired_occupations = models.JSONField(_("desired occupations"), default=list, blank=True)
    desired_occupation_unit = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        limit_choices_to={"level": Occupation.Level.UNIT},
        verbose_name=_("main desired occupation (ISCO-08 unit group)"))
    skills = models.JSONField(_("skills"), default=list, blank=True)
    education_level = models.PositiveSmallIntegerField(_("education"), choices=EducationLevel.choices,
                                                       default=EducationLevel.SECONDARY)
    experience_years = models.PositiveSmallIntegerField(_("years of work experience"), default=0)
    licences = models.JSONField(_("licences"), default=list, blank=True)
    preferred_hours_per_week = models.PositiveSmallIntegerField(_("preferred hours a week"), null=True, blank=True)
    available_shifts = models.JSONField(_("shifts the participant can work"), default=list, blank=True)
    childcare_constraint = models.BooleanField(_("childcare limits working hours"), default=False)
    max_commute_km = models.PositiveSmallIntegerField(_("longest commute (km)"), default=25)
    has_vehicle = models.BooleanField(_("has a vehicle of their own"), default=False)
    expected_hourly_wage = models.DecimalField(_("expected hourly wage (₪)"), max_digits=7, decimal_places=2,
                                               null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        verbose_name = _("candidate profile")

    def __str__(self):
        return str(self.participant)


class Stage(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended")
    CV_SENT = "cv_sent", _("CV sent")
    INTERVIEW = "interview", _("Interview")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrew")


OPEN_STAGES = (Stage.RECOMMENDED, Stage.CV_SENT, Stage.INTERVIEW)


class Candidacy(CenterOwned, Versioned, models.Model):
    """One participant put forward for one opening, and how far it went."""

    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="candidacies",
                                verbose_name=_("job opening"))
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="candidacies",
                                    verbose_name=_("participant"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.RECOMMENDED)
    score = models.IntegerField(_("match score when recommended"), default=0)
    priority = models.BooleanField(_("priority submission"), default=False)
    recommended_on = models.DateField(_("recommended on"))
    cv_sent_on = models.DateField(_("CV sent on"), null=True, blank=True)
    interview_on = models.DateField(_("interview on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason"), max_length=200, blank=True)
    direct_hire_reason = models.CharField(_("why hired without a recorded CV"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "opening__employer__center"

    class Meta:
        ordering = ["-recommended_on", "-pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["opening", "participant"], name="one_candidacy_per_opening"),
            models.CheckConstraint(condition=~models.Q(stage="rejected") | ~models.Q(rejection_reason=""),
                                   name="rejection_needs_a_reason"),
        ]

    def __str__(self):
        return f"{self.participant} → {self.opening}"

    @property
    def is_open(self):
        return self.stage in OPEN_STAGES

