from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import City
from hizdamnut.centers.scoping import visible_centers
from hizdamnut.formflow import SubmitOnceForm
from hizdamnut.widgets import DateInput, offer_user_centers

from . import eligibility
from .models import Decision, Inquiry, InquiryCategory, InquiryStatus


class GroupedSubcategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class InquiryForm(SubmitOnceForm, forms.ModelForm):
    phone = forms.CharField(label=_("Phone"), max_length=16, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    id_number = forms.CharField(
        label=_("ID number"), max_length=12, required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("If the person is already registered, the inquiry is linked to them."),
    )
    class Meta:
        model = Inquiry
        fields = [
            "center", "received_on", "channel", "source", "referring_department", "referring_worker",
            "community_partner", "outreach_event", "first_name", "last_name", "phone", "id_number", "category",
            "subcategory", "notes",
        ]
        widgets = {
            "received_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, participant=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        offer_user_centers(self, user)
        self.fields["received_on"].initial = timezone.localdate()
        parents = list(InquiryCategory.objects.filter(parent__isnull=True).prefetch_related("children"))
        self.fields["category"].queryset = InquiryCategory.objects.filter(parent__isnull=True)
        self.fields["category"].label_from_instance = lambda obj: obj.label
        self.fields["subcategory"].queryset = InquiryCategory.objects.filter(parent__isnull=False)
        self.fields["subcategory"].choices = [("", "---------")] + [
            (parent.label, [(child.pk, child.label) for child in parent.children.all()])
            for parent in parents if parent.children.all()
        ]
        if participant is not None:
            for name in ("first_name", "last_name", "phone", "id_number"):
                self.fields[name].disabled = True
                self.fields[name].initial = getattr(participant, name)
            self.fields["center"].initial = participant.center_id
        else:
            self.fields["first_name"].required = True
            self.fields["phone"].required = True

    def _post_clean(self):
        """Phone and ID number are normalized and checked by the service (dashes and spaces allowed here)."""

    def service_fields(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "center"}
        if self.participant is not None:
            data.update(participant=self.participant, first_name="", last_name="", phone="", id_number="")
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[("", "---------"), *InquiryStatus.choices])
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            # Only the steps that may follow the current status (the service checks again).
            self.fields["status"].choices = [("", "---------")] + [
                (value, label) for value, label in InquiryStatus.choices if value in allowed
            ]


class ScheduleIntakeForm(forms.Form):
    intake_scheduled_on = forms.DateField(label=_("Intake meeting date"), widget=DateInput())


TRI_STATE = [("", _("Unknown")), ("1", _("Yes")), ("0", _("No"))]


def tri_state(value):
    return None if value in ("", None) else value == "1"


class ScreeningForm(forms.Form):
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput())
    city = forms.ModelChoiceField(label=_("City of residence"), queryset=City.objects.all())
    welfare_file_last_active = forms.DateField(
        label=_("Social-services file last active"), widget=DateInput(), required=False,
        help_text=_("Leave empty if there is no social-services file."),
    )
    disability_percent = forms.IntegerField(
        label=_("Disability percentage"), min_value=0, max_value=100, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {item["code"]: eligibility.criterion_label(item)
                  for item in eligibility.load_rules()["welfare_profile"]["criteria"]}
        questions = [
            ("low_stability", labels["low_stability"]),
            ("underemployed", labels["underemployed"]),
            ("multiple_barriers", labels["multiple_barriers"]),
            ("acute_crisis", labels["acute_crisis"]),
            ("long_unemployed", labels["long_unemployed"]),
            ("disability_served_elsewhere", _("Entitled to disability services elsewhere (National Insurance, "
                                              "Ministry of Defense, Ministry of Health)")),
            ("excluded_population", labels["excluded_population"]),
            ("other_state_service", _("Receives another state-funded employment service")),
        ]
        for name, label in questions:
            self.fields[name] = forms.ChoiceField(label=label, choices=TRI_STATE, required=False,
                                                  widget=forms.RadioSelect)

    def applicant(self):
        data = self.cleaned_data
        return eligibility.Applicant(
            birth_date=data["birth_date"], city=data["city"],
            welfare_file_last_active=data.get("welfare_file_last_active"),
            disability_percent=data.get("disability_percent"),
            **{name: tri_state(data.get(name)) for name in eligibility.FLAG_FIELDS},
        )


class OverrideForm(forms.Form):
    override_decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    override_reason = forms.CharField(label=_("Reason for the override"), widget=forms.Textarea(attrs={"rows": 2}))


class ReportFilterForm(forms.Form):
    center = forms.ModelChoiceField(label=_("Center"), queryset=None, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2015, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = visible_centers(user)
