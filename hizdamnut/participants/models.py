from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import Center, City
from hizdamnut.centers.privacy import identity_hidden, pseudonym
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet
from hizdamnut.centers.validators import MAX_CHILDREN, birth_date_error
from hizdamnut.versioning import Versioned

from .validators import (
    normalize_israeli_id,
    normalize_phone,
    validate_israeli_id,
    validate_israeli_phone,
    validate_person_name,
)


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNSPECIFIED = "unspecified", _("Prefer not to say")


class Language(models.TextChoices):
    HEBREW = "he", _("Hebrew")
    ARABIC = "ar", _("Arabic")
    RUSSIAN = "ru", _("Russian")
    AMHARIC = "am", _("Amharic")
    TIGRINYA = "ti", _("Tigrinya")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Other")


class JourneyStatus(models.TextChoices):
    """Where a participant stands in the journey (the history is kept in StatusChange)."""

    INTAKE = "intake", _("In intake")
    ACTIVE = "active", _("Active in accompaniment")
    PAUSED = "paused", _("Paused")
    PLACED = "placed", _("Placed")
    FOLLOW_UP = "follow_up", _("In follow-up")
    CLOSED = "closed", _("Closed")


# A worker still accompanies the participants in these statuses (a closed journey leaves the caseload).
OPEN_STATUSES = (JourneyStatus.INTAKE, JourneyStatus.ACTIVE, JourneyStatus.PAUSED, JourneyStatus.PLACED,
                 JourneyStatus.FOLLOW_UP)


class ClosingReason(models.TextChoices):
    PLACED_STABLE = "placed_stable", _("Placed and stable")
    MOVED = "moved", _("Moved away")
    NOT_INTERESTED = "not_interested", _("Not interested")
    UNREACHABLE = "unreachable", _("Unreachable")
    REFERRED_ELSEWHERE = "referred_elsewhere", _("Referred elsewhere")


class ParticipantQuerySet(CenterScopedQuerySet):
    def search(self, text):
        """Match a name (first, last or both), an ID number or a phone number."""
        text = (text or "").strip()
        if not text:
            return self
        query = models.Q()
        for word in text.split():
            query &= models.Q(first_name__icontains=word) | models.Q(last_name__icontains=word)
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and len(digits) >= 3 and len(digits) == len(text.replace("-", "").replace(" ", "").lstrip("+")):
            query |= models.Q(id_number__contains=digits) | models.Q(phone__contains=normalize_phone(text)[-9:])
        return self.filter(query)


class Participant(CenterOwned, Versioned, models.Model):
    """A person the center works with: a partner in their own journey, not a file."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="participants", verbose_name=_("center"))
    first_name = models.CharField(_("first name"), max_length=60, validators=[validate_person_name])
    last_name = models.CharField(_("last name"), max_length=60, validators=[validate_person_name])
    id_number = models.CharField(
        _("ID number"), max_length=9, unique=True, validators=[validate_israeli_id],
        error_messages={"unique": _("This ID number is already registered.")},
    )
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNSPECIFIED)
    phone = models.CharField(_("phone"), max_length=10, validators=[validate_israeli_phone])
    email = models.EmailField(_("email"), blank=True)
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="participants", verbose_name=_("city of residence")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    children_under_18 = models.PositiveSmallIntegerField(_("children under 18"), default=0)
    single_parent = models.BooleanField(_("single parent"), default=False)
    has_welfare_file = models.BooleanField(_("active social-services file"), default=False)
    welfare_file_since = models.DateField(_("social-services file since"), null=True, blank=True)
    welfare_file_last_active = models.DateField(_("social-services file last active"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=JourneyStatus.choices, default=JourneyStatus.INTAKE)
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="caseload",
        verbose_name=_("responsible worker"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        indexes = [
            models.Index(fields=["center", "last_name"]), models.Index(fields=["phone"]),
            # Caseloads (a worker's page, every worker's size on the dashboard) count only open journeys:
            # an index of those alone, read without visiting the table.
            models.Index(fields=["center", "case_worker"], condition=models.Q(status__in=OPEN_STATUSES),
                         name="participant_open_caseload"),
            # File holders whose file was last active in a given month (who the center serves: the month three
            # years before a period's end is counted from the rows).
            models.Index(fields=["welfare_file_last_active"], condition=models.Q(has_welfare_file=True),
                         name="participant_file_last_active"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        if identity_hidden():  # the national viewer reads pseudonymous records (docs/security.md)
            return pseudonym(self.pk)
        return f"{self.first_name} {self.last_name}"

    @property
    def language_labels(self):
        labels = dict(Language.choices)
        return [labels.get(code, code) for code in self.languages or []]

    @property
    def age(self):
        return age_on(self.birth_date, timezone.localdate()) if self.birth_date else None


    def clean(self):
        self.id_number = normalize_israeli_id(self.id_number)
        self.phone = normalize_phone(self.phone)
        errors = {}
        today = timezone.localdate()
        if birth_date_error(self.birth_date, today):
            errors["birth_date"] = birth_date_error(self.birth_date, today)
        if self.children_under_18 and self.children_under_18 > MAX_CHILDREN:
            errors["children_under_18"] = _("At most %(max)s children.") % {"max": MAX_CHILDREN}
        if self.welfare_file_since and self.welfare_file_since > today:
            errors["welfare_file_since"] = _("This date cannot be in the future.")
        if self.welfare_file_last_active and self.welfare_file_last_active > today:
            errors["welfare_file_last_active"] = _("This date cannot be in the future.")
        unknown = sorted(set(self.languages or []) - set(Language.values))
        if unknown:
            errors["languages"] = _("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)


class StatusChange(CenterOwned, models.Model):
    """One step in a participant's journey: kept forever, so the timeline and indicators can look back."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=12, choices=JourneyStatus.choices)
    changed_on = models.DateField(_("date"))
    reason = models.CharField(_("closing reason"), max_length=20, choices=ClosingReason.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    expected_return = models.DateField(_("expected return"), null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        ordering = ["-changed_on", "-recorded_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        # The indicators read a period's first activations (status, date) and look back per person for an
        # earlier one (person, status, date) instead of reading every person's history (docs/scaling.md). The
        # first carries the person, so that a period's activations or closings are read from the index alone.
        indexes = [models.Index(fields=["status", "changed_on"], include=["participant"],
                                name="status_change_by_status"),
                   models.Index(fields=["participant", "status", "changed_on"]),
                   # Whose status changed between two days (a status snapshot carried from one day to another).
                   models.Index(fields=["changed_on", "participant"], name="status_change_by_day"),
                   # A participant's status on a day (the latest change by then, by date, record time and
                   # record) read from the index alone, per person of a filtered population.
                   models.Index(fields=["participant", "-changed_on", "-recorded_at", "-id"], include=["status"],
                                name="status_change_latest")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(reason=""), name="closing_needs_a_reason"
            ),
        ]

    def __str__(self):
        return f"{self.participant}: {self.get_status_display()} ({self.changed_on})"



def age_on(birth_date, day):
    """Whole years of age on a given day."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
