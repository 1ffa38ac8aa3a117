from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import Center
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import Versioned


class Source(models.TextChoices):
    """How a person reached the center (seed: "פניות של משתתפים פוטנציאליים מגיעות בכמה אופנים")."""

    WELFARE_REFERRAL = "welfare_referral", _("Social-services referral")
    COMMUNITY_PARTNER = "community_partner", _("Community partner")
    OUTREACH_EVENT = "outreach_event", _("Outreach event")
    FRIEND = "friend", _("Friend brings a friend")
    SELF = "self", _("Self-referral")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in")
    ONLINE = "online", _("Online")


class OutreachEvent(models.TextChoices):
    JOB_FAIR = "job_fair", _("Job fair")
    OPEN_LECTURE = "open_lecture", _("Open lecture")
    EXPOSURE_CONFERENCE = "exposure_conference", _("Exposure conference")
    SOCIAL_MEDIA = "social_media", _("Social media")


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    SCREENED = "screened", _("Screened")
    INTAKE_SCHEDULED = "intake_scheduled", _("Intake scheduled")
    INTAKE_HELD = "intake_held", _("Intake held")
    ROUTED = "routed", _("Routed")
    REFERRED_OUT = "referred_out", _("Referred out")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    DECLINED = "declined", pgettext_lazy("inquiry status", "Declined")
    UNREACHABLE = "unreachable", _("Unreachable")


OPEN_STATUSES = (InquiryStatus.NEW, InquiryStatus.SCREENED, InquiryStatus.INTAKE_SCHEDULED, InquiryStatus.INTAKE_HELD)
CLOSED_STATUSES = tuple(s for s in InquiryStatus if s not in OPEN_STATUSES)


class InquiryCategory(models.Model):
    """An inquiry reason: a two-level tree (parent → child), loaded by `load_inquiry_categories`."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_he = models.CharField(_("label (Hebrew)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("inquiry reason")
        verbose_name_plural = _("inquiry reasons")
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="category_not_its_own_parent"),
        ]

    def __str__(self):
        return f"{self.parent.label} › {self.label}" if self.parent_id else self.label

    @property
    def label(self):
        if get_language() == "en" and self.label_en:
            return self.label_en
        return self.label_he


class InquiryQuerySet(CenterScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Inquiry(CenterOwned, Versioned, models.Model):
    """A person's first contact with the center: nobody who contacts a center may get lost."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("center"))
    received_on = models.DateField(_("date of inquiry"))
    source = models.CharField(pgettext_lazy("inquiry", "source"), max_length=20, choices=Source.choices)
    referring_department = models.CharField(_("referring department"), max_length=120, blank=True)
    referring_worker = models.CharField(_("referring worker"), max_length=120, blank=True)
    community_partner = models.CharField(_("community partner"), max_length=120, blank=True)
    outreach_event = models.CharField(_("outreach event"), max_length=20, choices=OutreachEvent.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    category = models.ForeignKey(
        InquiryCategory,
        on_delete=models.PROTECT,
        related_name="inquiries",
        verbose_name=pgettext_lazy("inquiry", "reason"),
    )
    subcategory = models.ForeignKey(
        InquiryCategory, on_delete=models.PROTECT, null=True, blank=True, related_name="sub_inquiries",
        verbose_name=_("detailed reason"),
    )
    notes = models.TextField(_("notes"), blank=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="inquiries",
        verbose_name=_("participant"),
    )
    # Until the person is registered, a name and a phone are enough to call back.
    first_name = models.CharField(_("first name"), max_length=60, blank=True)
    last_name = models.CharField(_("last name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=10, blank=True)
    id_number = models.CharField(_("ID number"), max_length=9, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.NEW)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    intake_scheduled_on = models.DateField(_("intake meeting date"), null=True, blank=True)
    # The scheduled intake meeting's time and worker: it shows on the worker's agenda and calendar feed.
    intake_starts_at = models.DateTimeField(_("intake meeting time"), null=True, blank=True)
    intake_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="scheduled_intakes",
        verbose_name=_("intake worker"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InquiryQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        # (center, received_on): the dashboard's inquiry figures read one period of the centers shown.
        indexes = [models.Index(fields=["center", "status"]), models.Index(fields=["received_on"]),
                   models.Index(fields=["center", "received_on"])]

    def __str__(self):
        return f"{self.person_name} ({self.received_on})"

    @property
    def person_name(self):
        if self.participant_id:
            return self.participant.full_name
        return f"{self.first_name} {self.last_name}".strip() or self.phone

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class InquiryStatusChange(CenterOwned, models.Model):
    """When an inquiry reached each status: the funnel looks back at these."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=InquiryStatus.choices)
    changed_on = models.DateField(_("date"))
    changed_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "inquiry__center"

    class Meta:
        ordering = ["changed_on", "changed_at", "pk"]
        verbose_name = _("inquiry status change")
        verbose_name_plural = _("inquiry status changes")

    def __str__(self):
        return f"{self.inquiry_id}: {self.status} ({self.changed_on})"


class Decision(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    NEEDS_APPROVAL = "needs_approval", _("Needs manager approval")


class Screening(CenterOwned, models.Model):
    """One eligibility screening of an inquiry: the answers given, the rules version, the result and why."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="screenings", verbose_name=_("inquiry"))
    screened_on = models.DateField(_("screened on"))
    rules_version = models.CharField(_("rules version"), max_length=20)
    answers = models.JSONField(_("answers"), default=dict)
    decision = models.CharField(_("result"), max_length=20, choices=Decision.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    override_decision = models.CharField(
        _("decision after override"), max_length=20, choices=Decision.choices, blank=True
    )
    override_reason = models.TextField(_("reason for the override"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "inquiry__center"

    class Meta:
        ordering = ["-screened_on", "-pk"]
        verbose_name = _("eligibility screening")
        verbose_name_plural = _("eligibility screenings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(override_decision="") | ~models.Q(override_reason=""),
                name="override_needs_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.inquiry_id}: {self.final_decision}"

    @property
    def final_decision(self):
        return self.override_decision or self.decision

    def get_final_decision_display(self):
        return Decision(self.final_decision).label

