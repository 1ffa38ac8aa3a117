from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import Center
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet
from hizdamnut.directory.models import CommunityService
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import Versioned

PREDICTORS = ("self_efficacy", "proactivity", "motivation", "occupational_vision", "job_search_skills")


class RoutingTrack(models.TextChoices):
    """The center's responses a routing decision chooses from (seed: "מודל הניתוב")."""

    SHORT_TERM_COACHING = "short_term_coaching", _("Short-term coaching")
    SOCIAL_WORK = "social_work", _("Long-term social-work accompaniment")
    GROUP_PROGRAM = "group_program", _("Group or track program")
    COURSES = "courses", _("Complementary courses")
    REFERRAL_OUT = "referral_out", _("Referral out")


# The intake facts population filters read (hizdamnut/intake/indicators.py), each with a partial index of the
# participants whose meetings record it: the filters look a person up in it rather than in every meeting's
# barriers (finding the country's released prisoners: 1,706 → 622 ms).
RECORDS_A_DISABILITY = models.Q(disability_percent__gt=0) | models.Q(barriers__icontains='"disability"')
RECORDS_A_CRIMINAL_RECORD = models.Q(barriers__icontains='"criminal_record"')


def predictor_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(5)])


class IntakeMeeting(CenterOwned, Versioned, models.Model):
    """The intake meeting: the participant's story in their own words, barriers, strengths and predictors of change."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="intake_meetings", verbose_name=_("participant")
    )
    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.SET_NULL, null=True, blank=True, related_name="intake_meetings",
        verbose_name=_("inquiry"),
    )
    held_on = models.DateField(_("meeting date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("staff member")
    )
    needs = models.TextField(_("needs, in the participant's own words"))
    goals = models.TextField(_("goals, in the participant's own words"))
    work_history = models.TextField(_("work history"), blank=True)
    education = models.TextField(_("education"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    licences = models.CharField(_("licences"), max_length=200, blank=True)
    barriers = models.JSONField(_("barriers"), default=list, blank=True)
    disability_percent = models.PositiveSmallIntegerField(
        _("disability percentage"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    strengths = models.TextField(_("strengths"), blank=True)
    self_efficacy = predictor_field(_("self-efficacy"))
    proactivity = predictor_field(_("proactivity"))
    motivation = predictor_field(_("motivation"))
    occupational_vision = predictor_field(_("occupational vision"))
    job_search_skills = predictor_field(_("job-search skills"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("intake meeting")
        verbose_name_plural = _("intake meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__gte": 1}) & models.Q(**{f"{name}__lte": 5}),
                name=f"intake_{name}_1_to_5",
            )
            for name in PREDICTORS
        ]
        indexes = [
            models.Index(fields=["participant"], condition=RECORDS_A_DISABILITY, name="intake_recording_disability"),
            models.Index(fields=["participant"], condition=RECORDS_A_CRIMINAL_RECORD, name="intake_recording_criminal"),
        ]

    def __str__(self):
        return f"{self.participant}: {self.held_on}"

    @property
    def predictors(self):
        return {name: getattr(self, name) for name in PREDICTORS}


class RoutingDecision(CenterOwned, models.Model):
    """The shared decision of staff and participant, with the model's recommendation and version beside it."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="routing_decisions", verbose_name=_("participant")
    )
    intake = models.ForeignKey(
        IntakeMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions",
        verbose_name=_("intake meeting"),
    )
    decided_on = models.DateField(_("decided on"))
    model_version = models.CharField(_("routing model version"), max_length=20)
    recommended_response = models.CharField(_("recommended response"), max_length=24, choices=RoutingTrack.choices)
    response = models.CharField(_("decided response"), max_length=24, choices=RoutingTrack.choices)
    participant_agreed = models.BooleanField(_("the participant agrees"), default=True)
    override_reason = models.TextField(_("why the decision differs from the recommendation"), blank=True)
    reasons = models.JSONField(_("why the model recommended it"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("decided by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("routing decision")
        verbose_name_plural = _("routing decisions")
        # The decisions of some days (a month covered in part by a period, counted from the rows): without it
        # PostgreSQL read every decision of the population to find one day's (national dashboard on the 1st of a
        # month: 2.2 → 1.0 s).
        indexes = [models.Index(fields=["decided_on", "participant"], name="routing_decision_by_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(response=models.F("recommended_response")) | ~models.Q(override_reason=""),
                name="differing_decision_needs_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.participant}: {self.get_response_display()}"

    @property
    def follows_recommendation(self):
        return self.response == self.recommended_response


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    CONFIRMED = "confirmed", _("Confirmed")
    CLOSED = "closed", _("Closed")


class Referral(CenterOwned, Versioned, models.Model):
    """A referral out, when the center is not the right place (seed: "תיווך אל הגורם או התוכנית מחוץ למרכז")."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("center"))
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="referrals",
        verbose_name=_("participant"),
    )
    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals", verbose_name=_("inquiry")
    )
    service = models.ForeignKey(
        CommunityService, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("service")
    )
    sent_on = models.DateField(_("sent on"))
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("referral out")
        verbose_name_plural = _("referrals out")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participant__isnull=False) | models.Q(inquiry__isnull=False),
                name="referral_is_about_someone",
            ),
        ]

    def __str__(self):
        return f"{self.person_name} → {self.service}"

    @property
    def person_name(self):
        if self.participant_id:
            return self.participant.full_name
        return self.inquiry.person_name if self.inquiry_id else ""

