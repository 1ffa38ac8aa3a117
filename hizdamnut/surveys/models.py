"""Client satisfaction questionnaires and their anonymous responses.

A questionnaire's items are data (loaded from a versioned JSON file with `load_questionnaire`), so a
center can change the wording without a code change. A response carries no personal data: only the
center, the day and the answers.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import Center
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet


class Scale(models.IntegerChoices):
    """The centers' four-point scale; a missing answer is stored as NULL ("no answer")."""

    YES = 4, _("Yes")
    USUALLY_YES = 3, _("Usually yes")
    USUALLY_NOT = 2, _("Usually not")
    NO = 1, _("No")


class Questionnaire(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_he = models.CharField(_("title (Hebrew)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    # Optional labels for the domain codes: {"attitude": {"he": "...", "en": "..."}}.
    domain_labels = models.JSONField(_("domain labels"), default=dict, blank=True)
    is_active = models.BooleanField(_("open for answers"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return self.title

    @property
    def title(self):
        if get_language() == "en" and self.title_en:
            return self.title_en
        return self.title_he

    def domain_label(self, code):
        labels = self.domain_labels.get(code) or {}
        if get_language() == "en" and labels.get("en"):
            return labels["en"]
        return labels.get("he") or code


class QuestionnaireItem(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(_("code"), max_length=60)
    text_he = models.CharField(_("text (Hebrew)"), max_length=300)
    text_en = models.CharField(_("text (English)"), max_length=300, blank=True)
    domain = models.SlugField(_("domain"), max_length=60)
    reverse = models.BooleanField(_("phrased negatively"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["questionnaire", "position"]
        verbose_name = _("questionnaire item")
        verbose_name_plural = _("questionnaire items")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="item_code_unique_in_questionnaire")
        ]

    def __str__(self):
        return self.code

    @property
    def text(self):
        if get_language() == "en" and self.text_en:
            return self.text_en
        return self.text_he


class SurveyResponse(CenterOwned, models.Model):
    """One filled questionnaire (web form, paper or import); anonymous by design."""

    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        PAPER = "paper", _("Paper, entered by staff")
        IMPORT = "import", _("Imported file")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="responses")
    center = models.ForeignKey(
        Center, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("center")
    )
    answered_on = models.DateField(_("answered on"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["-answered_on", "-pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["questionnaire", "center", "answered_on"])]

    def __str__(self):
        return f"{self.questionnaire.code} {self.center.code} {self.answered_on}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(QuestionnaireItem, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(_("answer"), choices=Scale.choices, null=True, blank=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "response__center"

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=4), name="answer_on_scale"
            ),
        ]

    def __str__(self):
        return f"{self.item.code}={self.value}"


class UsedNonce(models.Model):
    """A one-time form nonce already spent: the unique digest makes a second use fail in every process and
    after a restart. Rows older than the nonce's lifetime are useless (the signature is stale) and are pruned."""

    digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("used survey nonce")
        verbose_name_plural = _("used survey nonces")

    def __str__(self):
        return self.digest[:12]


class SubmissionCount(models.Model):
    """Anonymous submissions from one client address in one fixed window. The address is kept only as a keyed
    hash, so the table cannot be joined back to who answered."""

    client_key = models.CharField(max_length=64)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("survey submission count")
        verbose_name_plural = _("survey submission counts")
        constraints = [models.UniqueConstraint(fields=["client_key", "window_start"],
                                               name="one_submission_count_per_client_and_window")]

    def __str__(self):
        return f"{self.client_key[:12]} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
