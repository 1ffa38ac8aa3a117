from django import forms
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.forms import QueryForm
from hizdamnut.centers.models import City
from hizdamnut.centers.scoping import visible_centers
from hizdamnut.form_submit import SubmitOnceForm
from hizdamnut.occupations.models import Occupation
from hizdamnut.occupations.widgets import OccupationField, OccupationWidget
from hizdamnut.participants.models import JourneyStatus, Language, Participant
from hizdamnut.participants.widgets import ParticipantChoiceField
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


class OccupationInput(OccupationWidget):
    """The occupation widget, also reading a plain `occupation=words` post (the API-like form of older clients)."""

    def value_from_datadict(self, data, files, name):
        if f"{name}_0" not in data and name in data:
            return [data.get(name, ""), data.get(f"{name}_1", "")]
        return super().value_from_datadict(data, files, name)


def _unit(code):
    return Occupation.objects.filter(code=code, level=Occupation.Level.UNIT).first() if code else None


class OpeningForm(VersionedForm, SubmitOnceForm, forms.ModelForm):
    occupation = OccupationField(label=_("occupation"), widget=OccupationInput,
                                 help_text=_("Type the job title; choose the suggested occupation."))
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
            "employer", "title", "positions", "hours_per_week", "shift", "hourly_wage", "city", "address",
            "education_required", "languages_required", "experience_years_required", "licences_required",
            "skills_required", "flexible_thresholds", "vehicle_required", "accessible", "accessibility_notes", "status",
            "opened_on", "closes_on",
        ]
        widgets = {"opened_on": DateInput(), "closes_on": DateInput()}

    field_order = ["employer", "title", "occupation"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.for_user(user).select_related("center")
        self.fields["city"].queryset = City.objects.all()
        self.fields["opened_on"].required = False
        if self.instance.pk:
            self.initial["occupation"] = {"title": self.instance.occupation,
                                          "code": getattr(self.instance.occupation_unit, "code", None)}

    def service_fields(self):
        """The typed words go to `occupation`; a chosen code to `occupation_unit` (none chosen: the service
        classifies the words)."""
        fields = {name: value for name, value in self.cleaned_data.items() if name != "occupation"}
        occupation = self.cleaned_data["occupation"]
        fields["occupation"] = occupation["title"]
        if occupation["code"]:
            fields["occupation_unit"] = _unit(occupation["code"])
        return fields


class CandidateProfileForm(VersionedForm, forms.ModelForm):
    main_occupation = OccupationField(label=_("main desired occupation"), required=False, widget=OccupationInput,
                                      help_text=_("Type the job title; choose the suggested occupation."))
    desired_occupations = ListField(label=_("desired occupations"))
    skills = ListField(label=_("skills"))
    licences = ListField(label=_("licences"))
    available_shifts = forms.MultipleChoiceField(label=_("shifts the participant can work"), choices=Shift.choices,
                                                 required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = CandidateProfile
        fields = ["ready_for_work", "desired_occupations", "skills", "education_level", "experience_years", "licences",
                  "preferred_hours_per_week", "available_shifts", "childcare_constraint", "max_commute_km",
                  "has_vehicle", "expected_hourly_wage"]

    field_order = ["ready_for_work", "main_occupation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["main_occupation"] = {
                "title": (self.instance.desired_occupations or [""])[0],
                "code": getattr(self.instance.desired_occupation_unit, "code", None)}

    def service_fields(self):
        """The main occupation's words lead the desired occupations; its chosen code is the profile's unit group
        (none chosen: the service classifies the words)."""
        fields = {name: value for name, value in self.cleaned_data.items() if name != "main_occupation"}
        main = self.cleaned_data.get("main_occupation")
        if main and main["title"].strip():
            title = main["title"].strip()
            fields["desired_occupations"] = [title] + [o for o in fields["desired_occupations"] if o != title]
            if main["code"]:
                fields["desired_occupation_unit"] = _unit(main["code"])
        return fields


class RecommendForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)


class RecommendAnyoneForm(forms.Form):
    """Someone not among the suggestions, chosen with the participant picker (the service checks the center)."""

    participant = ParticipantChoiceField(label=_("Recommend another participant"))

    def __init__(self, *args, opening, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Participant.objects.filter(center=opening.employer.center_id)


# Steps that end a candidacy: they ask for a reason and a confirmation.
CLOSING_STAGES = (Stage.REJECTED, Stage.WITHDRAWN)


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("move to"), choices=[
        (Stage.CV_SENT, Stage.CV_SENT.label), (Stage.INTERVIEW, Stage.INTERVIEW.label),
        (Stage.REJECTED, Stage.REJECTED.label), (Stage.WITHDRAWN, Stage.WITHDRAWN.label)])
    on = forms.DateField(label=_("date"), required=False, widget=DateInput())
    priority = forms.BooleanField(label=_("priority submission"), required=False)
    reason = forms.CharField(label=_("reason"), required=False, max_length=200)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("stage") in CLOSING_STAGES and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the candidacy ends."))
        return data

    @property
    def needs_confirmation(self):
        """Ending a candidacy is confirmed on a second page (it works without JavaScript too)."""
        return self.cleaned_data.get("stage") in CLOSING_STAGES and not self.cleaned_data.get("confirmed")


class EmployerQueryForm(QueryForm):
    """`?employer=`: an employer the user may see, or none."""

    employer = forms.ModelChoiceField(queryset=Employer.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.for_user(user)



MUST_HAVES = [
    ("occupation", _("the occupation fits")), ("skills", _("skills")), ("experience", _("experience")),
    ("education", _("education")), ("languages", _("languages")), ("licences", _("licences")),
    ("hours", _("hours")), ("shift", _("shifts")), ("commute", _("commute")), ("wage", _("wage")),
    ("accessibility", _("accessibility")), ("vehicle", _("vehicle")),
]


class RankingFilterForm(forms.Form):
    """Filters of a ranked list (candidates for an opening, or openings for a participant), read from GET."""

    center = forms.ModelChoiceField(label=_("center"), queryset=None, required=False, empty_label=_("(its own)"))
    status = forms.ChoiceField(label=_("status"), required=False)
    max_km = forms.IntegerField(label=_("within (km)"), required=False, min_value=1, max_value=500)
    must = forms.MultipleChoiceField(label=_("must have"), choices=MUST_HAVES, required=False,
                                     widget=forms.CheckboxSelectMultiple)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data=None, *, user, statuses, default_status):
        super().__init__(data, initial={"status": default_status})
        self.default_status = default_status
        self.fields["center"].queryset = visible_centers(user)
        self.fields["status"].choices = statuses

    def filters(self):
        """The filters as keyword arguments of `matching.candidates_for` / `openings_for` (defaults when invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"center": data.get("center"), "status": data.get("status") or self.default_status,
                "max_km": data.get("max_km"), "must_haves": tuple(data.get("must") or ())}

    def page_number(self):
        return (self.cleaned_data.get("page") if self.is_valid() else None) or 1


def candidate_filter_form(data, *, user):
    return RankingFilterForm(data, user=user, statuses=JourneyStatus.choices, default_status=JourneyStatus.ACTIVE)


def opening_filter_form(data, *, user):
    return RankingFilterForm(data, user=user, statuses=JobOpening.Status.choices,
                             default_status=JobOpening.Status.OPEN)
