from django import forms
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.forms import QueryForm
from hizdamnut.centers.models import Center, City
from hizdamnut.centers.scoping import visible_centers
from hizdamnut.form_submit import SubmitOnceForm
from hizdamnut.versioning import VersionedForm
from hizdamnut.widgets import DateInput, offer_user_centers

from .models import Language, Participant
from .validators import normalize_israeli_id, normalize_phone


class ParticipantForm(VersionedForm, SubmitOnceForm, forms.ModelForm):
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("phone"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
    )
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Participant
        fields = [
            "center", "first_name", "last_name", "id_number", "birth_date", "gender", "phone", "email", "city",
            "languages", "children_under_18", "single_parent", "has_welfare_file", "welfare_file_since",
            "welfare_file_last_active",
        ]
        widgets = {
            "birth_date": DateInput(),
            "welfare_file_since": DateInput(),
            "welfare_file_last_active": DateInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_user_centers(self, user)
        self.fields["city"].queryset = City.objects.select_related("region")

    def clean_id_number(self):
        return normalize_israeli_id(self.cleaned_data["id_number"])

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def validate_unique(self):
        """Uniqueness is the service's check: it knows whom the user may be told about."""

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "center"}


class ParticipantSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name, ID number or phone"), required=False)
    center = forms.ModelChoiceField(
        label=_("center"), queryset=Center.objects.none(), required=False, empty_label=_("All my centers")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = visible_centers(user)


class ParticipantQueryForm(QueryForm):
    """`?participant=`: a participant the user may see, or none."""

    participant = forms.ModelChoiceField(queryset=Participant.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Participant.objects.for_user(user).select_related("center")
