from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from hizdamnut.employers.models import Employer
from hizdamnut.form_submit import SubmitOnceForm
from hizdamnut.versioning import VersionedForm
from hizdamnut.widgets import DateInput

from .models import Advancement, Employment, FollowUp, Placement

ASSESSMENT = ["fits_ability", "fits_desire", "fits_vision", "advances_previous_job", "previous_monthly_income"]


class HireForm(SubmitOnceForm, forms.ModelForm):
    direct_hire_reason = forms.CharField(
        label=_("why hired without a recorded CV (only if no CV was sent)"), required=False, max_length=200)

    class Meta:
        model = Placement
        fields = ["role", "start_date", "hours_per_week", "monthly_wage", "contract_type", *ASSESSMENT]
        widgets = {"start_date": DateInput()}


class PlacementForm(SubmitOnceForm, forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["employer", "employer_name", "self_employed", "role", "start_date", "hours_per_week", "monthly_wage",
                  "contract_type", *ASSESSMENT]
        widgets = {"start_date": DateInput()}

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.filter(center=participant.center_id)


class FollowUpForm(VersionedForm, forms.ModelForm):
    employment = forms.ChoiceField(label=_("still employed?"), choices=Employment.choices)
    advancement = forms.MultipleChoiceField(label=_("advancement"), choices=Advancement.choices, required=False,
                                            widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = FollowUp
        fields = ["done_on", "employment", "hours_per_week", "monthly_wage", "satisfaction", "advancement",
                  "difficulties", "support_given"]
        widgets = {"done_on": DateInput(), "difficulties": forms.Textarea(attrs={"rows": 2}),
                   "support_given": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True


class FollowUpOwnerForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("owner"), queryset=None)

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = get_user_model().objects.filter(
            staff__centers=center, is_active=True).order_by("first_name", "last_name")
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.username


class EndPlacementForm(forms.Form):
    ended_on = forms.DateField(label=_("job ended on"), widget=DateInput())
    end_reason = forms.CharField(label=_("why the job ended"), max_length=200)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("from"), widget=DateInput())
    end = forms.DateField(label=_("to"), widget=DateInput())
