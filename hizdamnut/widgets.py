"""Form widgets and fields every app's forms share (project level: imports from centers only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.scoping import visible_centers


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ListField(forms.CharField):
    """A list typed as comma-separated words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Separate with commas."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, (list, tuple)) else value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return list(value)
        return [part.strip() for part in (value or "").split(",") if part.strip()]


def offer_user_centers(form, user, *, field="center"):
    """Limit the form's center choice to the user's centers, preselecting the only one (unless editing).

    Returns the centers, for forms that limit other choices by them.
    """
    centers = visible_centers(user)
    form.fields[field].queryset = centers
    editing = getattr(getattr(form, "instance", None), "pk", None) is not None
    if not editing and len(ids := list(centers.values_list("pk", flat=True)[:2])) == 1:
        form.fields[field].initial = ids[0]
    return centers


def workers(centers, roles):
    """The active staff of `centers` (a center or several) whose role is one of `roles`, by name."""
    from django.contrib.auth import get_user_model

    centers = [centers] if getattr(centers, "pk", None) is not None else centers
    return (get_user_model().objects.filter(is_active=True, staff__centers__in=centers, staff__role__in=roles)
            .select_related("staff").distinct().order_by("first_name", "last_name", "pk"))


def worker_label(user):
    """A worker as a picker shows them: the name and the role (two workers may share a name)."""
    name = user.get_full_name() or user.username
    staff = getattr(user, "staff", None)
    return f"{name} · {staff.get_role_display()}" if staff is not None else name


class WorkerChoiceField(forms.ModelChoiceField):
    """A staff member chosen among those whose role does the work (see `workers`), shown with their role."""

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj):
        return worker_label(obj)
