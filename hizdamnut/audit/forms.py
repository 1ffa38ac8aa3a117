from django import forms
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.forms import QueryForm
from hizdamnut.centers.scoping import visible_centers

ACTIONS = [("", _("All actions")), ("0", _("created")), ("1", _("changed")), ("2", _("deleted")), ("3", _("viewed"))]


class AuditFilterForm(QueryForm):
    """The audit log's filters (a GET form): whose record, who acted, which action, between which dates."""

    participant = forms.IntegerField(label=_("Participant number"), min_value=1, required=False)
    who = forms.CharField(label=_("User"), max_length=150, required=False,
                          help_text=_("Username or part of the name"))
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS, required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    page = forms.CharField(required=False, widget=forms.HiddenInput)  # "last", or past the end, gives the last page


class ReviewForm(forms.Form):
    """The managers' periodic log review: one center, one period."""

    center = forms.ModelChoiceField(label=_("Center"), queryset=None)
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = visible_centers(user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError({"date_to": _("The end date comes before the start date.")})
        return cleaned
