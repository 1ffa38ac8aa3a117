import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.roles import CASEWORK_ROLES
from hizdamnut.centers.scoping import sees_all_centers, visible_center_ids, visible_centers
from hizdamnut.centers.validators import validate_period_date
from hizdamnut.participants.models import Gender
from hizdamnut.widgets import worker_label

from .indicators import AGE_BANDS, Filters

# The most workers the picker lists without a center chosen (a center has ~20; a region a few centers' worth).
WORKER_CHOICES_MAX = 200


class DashboardFilterForm(forms.Form):
    center = forms.ModelChoiceField(label=_("Center"), queryset=None, required=False, to_field_name="code")
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                validators=[validate_period_date])
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              validators=[validate_period_date])
    age_band = forms.ChoiceField(label=_("Age"), required=False,
                                 choices=[("", _("All ages"))] + [(band, band) for band in AGE_BANDS])
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=[("", _("Everyone"))] + Gender.choices)
    single_parent = forms.BooleanField(label=_("Single parents only"), required=False)
    worker = forms.ModelChoiceField(label=_("Responsible worker"), queryset=None, required=False,
                                    empty_label=_("All workers"))
    program = forms.ModelChoiceField(label=_("Program"), queryset=None, required=False, empty_label=_("All programs"))
    disability = forms.BooleanField(label=_("Living with a disability only"), required=False)
    released_prisoner = forms.BooleanField(label=_("Released prisoners only"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centers = visible_centers(user)
        self.fields["center"].queryset = centers
        self.fields["center"].empty_label = _("All centers (national)") if sees_all_centers(user) else _(
            "All my centers")
        self.fields["worker"].queryset = (
            get_user_model().objects.filter(staff__role__in=CASEWORK_ROLES, staff__centers__in=visible_center_ids(user))
            .select_related("staff").distinct().order_by("first_name", "last_name")
        )
        self.fields["worker"].label_from_instance = worker_label
        self._limit_workers()
        from hizdamnut.programs.models import Program

        self.fields["program"].queryset = Program.objects.order_by("kind", "code")
        today = timezone.localdate()
        self.fields["date_from"].initial = datetime.date(today.year, 1, 1)
        self.fields["date_to"].initial = today

    def _limit_workers(self):
        """The workers the picker lists: the chosen center's; without one, all the user's, unless they are more
        than anyone would scroll through (a national viewer's ~2,000): then only the one chosen, and a hint to
        choose a center first. Any of the user's workers is still accepted (the field's queryset). Listed lazily:
        only a page that shows the form reads them."""
        field = self.fields["worker"]
        workers = field.queryset
        code = self.data.get("center") if self.is_bound else None
        center = self.fields["center"].queryset.filter(code=code).first() if code else None
        if center is not None:
            workers = workers.filter(staff__centers=center)
        elif workers.count() > WORKER_CHOICES_MAX:
            chosen = str(self.data.get("worker") or "") if self.is_bound else ""
            workers = workers.filter(pk=chosen) if chosen.isdigit() else workers.none()
            field.help_text = _("Choose a center to list its workers.")
        field.choices = lambda: [("", field.empty_label)] + [(w.pk, worker_label(w)) for w in workers]

    def clean(self):
        data = super().clean()
        start, end = self._period(data)
        if start > end:
            self.add_error("date_to", _("The period ends before it starts."))
        return data

    @staticmethod
    def _period(data, today=None):
        """The period asked for: without a start, from the first of January of the end's year (default today)."""
        end = data.get("date_to") or today or timezone.localdate()
        return data.get("date_from") or datetime.date(end.year, 1, 1), end

    def filters(self, today=None):
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        date_from, date_to = self._period(data, today)
        return Filters(
            date_from=date_from,
            date_to=date_to,
            age_band=data.get("age_band") or "",
            gender=data.get("gender") or "",
            single_parent=True if data.get("single_parent") else None,
            worker_id=data["worker"].pk if data.get("worker") else None,
            program_id=data["program"].pk if data.get("program") else None,
            disability=True if data.get("disability") else None,
            released_prisoner=True if data.get("released_prisoner") else None,
        )

    def chosen_center(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("center")
        return None
