"""No lost updates: every editable record carries a version, and a save based on an older one is refused.

A form (or an API PATCH) sends back the version it was opened at. When someone else has saved the record since,
the update service refuses with `StaleVersion`, naming each field whose stored value differs from what this writer
sends (the current value and theirs); the refreshed form carries the new version, so saving again keeps theirs.
"""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The API's `version` field on a write to an existing record (its schema says what to send).
VERSION_HELP = "the version this change starts from (or an If-Match header)"


class Versioned(models.Model):
    """Mixin for an editable record: `version` grows by one on every save of an existing row."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        # Counted in the database, so two saves from stale copies still give two versions.
        self.version = F("version") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
        self.version = type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True).get()


class StaleVersion(ValidationError):
    """The record was saved by someone else after this writer opened it (the API answers 409)."""

    def __init__(self, message, *, current_version, changed_fields, **kwargs):
        super().__init__(message, code="stale_version", **kwargs)
        self.current_version = current_version
        self.changed_fields = changed_fields


def _shown(field, value):
    if value in (None, ""):
        return "—"
    if isinstance(value, models.Model):
        return str(value)
    choices = dict(field.flatchoices) if getattr(field, "flatchoices", None) else {}
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(item, item)) for item in value) or "—"
    return str(choices.get(value, value))


def _same(field, stored, sent):
    if isinstance(field, models.ForeignKey):
        stored_pk = stored.pk if isinstance(stored, models.Model) else stored
        sent_pk = sent.pk if isinstance(sent, models.Model) else sent
        return stored_pk == sent_pk
    if isinstance(stored, list | tuple) and isinstance(sent, list | tuple):
        return sorted(map(str, stored)) == sorted(map(str, sent))
    if stored in (None, "") and sent in (None, ""):
        return True
    try:
        return field.to_python(sent) == stored
    except ValidationError:
        return False


def check_version(instance, submitted_version, changes=None):
    """Refuses a change sent from an older version of `instance` when it differs from what is stored now.

    Locks the row for the rest of the transaction (PostgreSQL) so the check and the save cannot interleave with
    another writer's. `submitted_version=None` (a client that does not send one) skips the check. `changes` are
    the field values this writer sends; with none given, any stale version is refused.
    """
    if submitted_version in (None, "") or instance.pk is None:
        return
    model = type(instance)
    current = model._base_manager.select_for_update().get(pk=instance.pk)
    try:
        submitted_version = int(submitted_version)
    except (TypeError, ValueError):
        raise ValidationError({"version": gettext("Version must be a whole number.")}) from None
    if submitted_version == current.version:
        return
    changed = []
    for name, sent in (changes or {}).items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        stored = getattr(current, name)
        if not _same(field, stored, sent):
            changed.append((str(field.verbose_name), _shown(field, stored), _shown(field, sent)))
    if changes is not None and not changed:
        return  # nothing this writer sends differs from the stored record: no update is lost
    listing = "; ".join(
        gettext("%(field)s: now “%(current)s”, yours “%(yours)s”") % {"field": f, "current": c, "yours": y}
        for f, c, y in changed
    )
    message = gettext(
        "Someone else saved this record after you opened it. Fields that differ: %(fields)s. "
        "Check the current values; saving again keeps yours."
    ) % {"fields": listing or "—"}
    raise StaleVersion(message, current_version=current.version, changed_fields=[f for f, _c, _y in changed])


class VersionedForm(forms.Form):
    """Form mixin: carries the record's version in a hidden field; after a refusal it holds the current one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None and "version" not in self.initial:
            self.initial["version"] = instance.version

    def add_error(self, field, error):
        current = getattr(error, "current_version", None)
        if current is not None:
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = current
        super().add_error(field, error)


def sent_version(request, data=None):
    """The version a client edits from: `version` in the API body `data` (popped from it) or, for a page's form
    or htmx post (`data` None), in the posted fields; else an `If-Match: "3"` header; else None (not checked)."""
    version = data.pop("version", None) if data is not None else request.POST.get("version") or None
    if version is None:
        header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
        version = header if header and header != "*" else None
    return version
