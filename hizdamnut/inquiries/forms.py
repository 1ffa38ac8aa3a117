from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.forms import QueryForm
from hizdamnut.centers.models import City
from hizdamnut.centers.roles import Role
from hizdamnut.centers.scoping import visible_centers
from hizdamnut.form_submit import SubmitOnceForm
from hizdamnut.participants.models import Participant
from hizdamnut.participants.widgets import ParticipantChoiceField
from hizdamnut.widgets import DateInput, DateTimeInput, offer_user_centers

from . import eligibility
from .models import Decision, Inquiry, InquiryCategory, InquiryStatus

INTAKE_ROLES = (Role.COORDINATOR, Role.SOCIAL_WORKER, Role.COACH)


class GroupedSubcategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def subcategory_choices(parents, category=None):
    """The detailed reasons under the chosen main reason; with none chosen, all of them grouped by main reason."""
    chosen = [parent for parent in parents if str(parent.pk) == str(category or "")]
    if chosen:
        return [("", "---------")] + [(child.pk, child.label) for child in chosen[0].children.all()]
    return [("", "---------")] + [
        (parent.label, [(child.pk, child.label) for child in parent.children.all()])
        for parent in parents if parent.children.all()
    ]


class SubcategoryQueryForm(QueryForm):
    """`?category=`: a main inquiry reason (or none)."""

    category = forms.ModelChoiceField(queryset=InquiryCategory.objects.filter(parent__isnull=True), required=False)


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
        # In the order of the conversation: who is calling, why, then how they reached the center.
        fields = [
            "first_name", "last_name", "phone", "id_number", "category", "subcategory", "center", "received_on",
            "channel", "source", "referring_department", "referring_worker", "community_partner", "outreach_event",
            "notes",
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
        self.fields["subcategory"].choices = subcategory_choices(parents, self["category"].value())
        # Choosing the main reason narrows the detailed reasons (the service still checks they match).
        self.fields["category"].widget.attrs.update({
            "hx-get": reverse_lazy("inquiries:subcategories"), "hx-trigger": "change",
            "hx-target": "#id_subcategory", "hx-swap": "innerHTML", "hx-include": "#id_subcategory",
        })
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
    """The intake meeting's date and time and the worker who holds it (a future date is the point)."""

    intake_starts_at = forms.DateTimeField(label=_("Intake meeting date and time"), widget=DateTimeInput())
    intake_staff = forms.ModelChoiceField(label=_("Intake worker"), queryset=None)

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intake_staff"].queryset = intake_workers(center)
        self.fields["intake_staff"].label_from_instance = lambda user: user.get_full_name() or user.username


def intake_workers(center):
    """The staff of the center who hold intake meetings (the manager does not)."""
    return get_user_model().objects.filter(
        staff__centers=center, staff__role__in=INTAKE_ROLES, is_active=True,
    ).order_by("first_name", "last_name")


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


class LinkParticipantForm(forms.Form):
    """The participant an inquiry is about, among those registered at the inquiry's center."""

    participant = ParticipantChoiceField(label=_("Participant"))

    def __init__(self, *args, inquiry, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Participant.objects.for_user(user).filter(center=inquiry.center_id)
