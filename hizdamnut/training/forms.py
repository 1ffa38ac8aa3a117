from django import forms
from django.utils.translation import gettext_lazy as _

from hizdamnut.form_submit import SubmitOnceForm
from hizdamnut.participants.models import Participant
from hizdamnut.participants.widgets import ParticipantChoiceField
from hizdamnut.widgets import DateInput, ListField, offer_user_centers

from .models import Course, VoucherStatus


class CourseForm(SubmitOnceForm, forms.ModelForm):
    required_documents = ListField(label=_("required documents"))

    class Meta:
        model = Course
        fields = ["center", "name", "field", "provider", "length_weeks", "hours", "funding", "cost",
                  "required_documents", "active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_user_centers(self, user)


class ApplicationForm(SubmitOnceForm):
    participant = ParticipantChoiceField(label=_("participant"))
    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.none())
    submit_by = forms.DateField(label=_("submit by"), required=False, widget=DateInput())
    course_starts_on = forms.DateField(label=_("course starts on"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Participant.objects.for_user(user)
        self.fields["course"].queryset = Course.objects.for_user(user).filter(active=True)


class MoveForm(forms.Form):
    status = forms.ChoiceField(label=_("move to"), choices=VoucherStatus.choices)

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["status"].choices = [(s.value, s.label) for s in VoucherStatus if s in allowed]
    on = forms.DateField(label=_("date"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("reason (if declined)"), required=False, max_length=200)
    voucher_number = forms.CharField(label=_("voucher number"), required=False, max_length=40)
