from django import forms
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.forms import QueryForm
from hizdamnut.centers.models import City
from hizdamnut.formflow import SubmitOnceForm
from hizdamnut.participants.models import Language
from hizdamnut.versioning import VersionedForm
from hizdamnut.widgets import DateInput, ListField, offer_user_centers

from .models import (
    Agreement,
    CandidateProfile,
    Employer,
    EmployerContact,
    EmployerLocation,
    Interaction,
    JobOpening,
    Shift,
    Stage,
    Threshold,
)


class EmployerForm(VersionedForm, SubmitOnceForm, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Employer
        fields = ["center", "name", "sector", "size", "relationship", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_user_centers(self, user)

    def validate_unique(self):
        pass


class LocationForm(forms.ModelForm):
    class Meta:
        model = EmployerLocation
        fields = ["city", "address"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = EmployerContact
        fields = ["name", "job_title", "phone", "email"]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "signed_on", "ends_on", "terms"]
        widgets = {"signed_on": DateInput(), "ends_on": DateInput(), "terms": forms.Textarea(attrs={"rows": 2})}


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["occurred_on", "kind", "summary"]
        widgets = {"occurred_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 2})}


class OpeningForm(VersionedForm, SubmitOnceForm, forms.ModelForm):
    languages_required = forms.MultipleChoiceField(label=_("languages required"), choices=Language.choices,
                                                   required=False, widget=forms.CheckboxSelectMultiple)
    flexible_thresholds = forms.MultipleChoiceField(label=_("thresholds the employer agreed to flex"),
                                                    choices=Threshold.choices, required=False,
                                                    widget=forms.CheckboxSelectMultiple)
    skills_required = ListField(label=_("skills required"))
    licences_required = ListField(label=_("licences required"))

    class Meta:
        model = JobOpening
        fields = [
            "employer", "title", "occupation", "positions", "hours_per_week", "shift", "hourly_wage", "city", "address",
            "education_required", "languages_required", "experience_years_required", "licences_required",
            "skills_required", "flexible_thresholds", "accessible", "accessibility_notes", "status", "opened_on",
            "closes_on",
        ]
        widgets = {"opened_on": DateInput(), "closes_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.for_user(user).select_related("center")
        self.fields["city"].queryset = City.objects.all()
        self.fields["opened_on"].required = False

    def service_fields(self):
        return {name: value for name, value in self.cleaned_data.items()}


class CandidateProfileForm(VersionedForm, forms.ModelForm):
    desired_occupations = ListField(label=_("desired occupations"))
    skills = ListField(label=_("skills"))
    licences = ListField(label=_("licences"))
    available_shifts = forms.MultipleChoiceField(label=_("shifts the participant can work"), choices=Shift.choices,
                                                 required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = CandidateProfile
        fields = ["ready_for_work", "desired_occupations", "skills", "education_level", "experience_years", "licences",
                  "preferred_hours_per_week", "available_shifts", "childcare_constraint", "max_commute_km"]


class RecommendForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("move to"), choices=[
        (Stage.CV_SENT, Stage.CV_SENT.label), (Stage.INTERVIEW, Stage.INTERVIEW.label),
        (Stage.REJECTED, Stage.REJECTED.label), (Stage.WITHDRAWN, Stage.WITHDRAWN.label)])
    on = forms.DateField(label=_("date"), required=False, widget=DateInput())
    priority = forms.BooleanField(label=_("priority submission"), required=False)
    reason = forms.CharField(label=_("reason"), required=False, max_length=200)


class EmployerQueryForm(QueryForm):
    """`?employer=`: an employer the user may see, or none."""

    employer = forms.ModelChoiceField(queryset=Employer.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.for_user(user)
