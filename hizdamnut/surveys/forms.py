from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.scoping import visible_centers

from .models import Scale

NO_ANSWER = ""
ANSWER_CHOICES = [(str(value), label) for value, label in Scale.choices] + [(NO_ANSWER, _("No answer"))]


def item_field_name(item):
    return f"item_{item.code}"


class AnswersForm(forms.Form):
    """One radio group per questionnaire item: 4 = yes … 1 = no, or no answer."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[item_field_name(item)] = forms.ChoiceField(
                label=item.text, choices=ANSWER_CHOICES, required=False, initial=NO_ANSWER,
                widget=forms.RadioSelect,
            )

    def answers(self):
        return {item.code: self.cleaned_data.get(item_field_name(item)) or None for item in self.items}

    def item_fields(self):
        return [self[item_field_name(item)] for item in self.items]


class AnonymousResponseForm(AnswersForm):
    nonce = forms.CharField(widget=forms.HiddenInput)
    # A field people never see; a bot that fills it is ignored (flood protection).
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))


class PaperResponseForm(AnswersForm):
    center = forms.ModelChoiceField(label=_("Center"), queryset=None)
    answered_on = forms.DateField(label=_("Filled on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = visible_centers(user)
        self.fields["answered_on"].initial = timezone.localdate()
        # Put center and date first.
        self.order_fields(["center", "answered_on"])


class ReportFilterForm(forms.Form):
    center = forms.ModelChoiceField(label=_("Center"), queryset=None, required=False, empty_label=_("All my centers"),
                                    to_field_name="code")
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    compare_from = forms.DateField(label=_("Compare with: from"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    compare_to = forms.DateField(label=_("Compare with: to"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = visible_centers(user)
