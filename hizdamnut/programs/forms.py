import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.roles import FACILITATOR_ROLES
from hizdamnut.form_submit import SubmitOnceForm
from hizdamnut.participants.models import Participant
from hizdamnut.participants.widgets import ParticipantChoiceField
from hizdamnut.widgets import DateTimeInput, WorkerChoiceField, offer_user_centers, workers

from .models import EnrollmentStatus


class CohortForm(SubmitOnceForm):
    center = forms.ModelChoiceField(label=_("Center"), queryset=None)
    name = forms.CharField(label=_("Name of the group"), max_length=120)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)
    facilitator = WorkerChoiceField(label=_("Facilitator"), required=False)
    first_session = forms.DateTimeField(label=_("First session"), widget=DateTimeInput())
    session_count = forms.IntegerField(label=_("Number of sessions"), min_value=1, max_value=52, initial=8)
    every_days = forms.IntegerField(label=_("Days between sessions"), min_value=1, max_value=31, initial=7)
    duration_minutes = forms.IntegerField(label=_("Session length (minutes)"), min_value=15, max_value=480, initial=120)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centers = offer_user_centers(self, user)
        self.fields["facilitator"].queryset = workers(centers, FACILITATOR_ROLES)

    def sessions(self):
        data = self.cleaned_data
        return [data["first_session"] + datetime.timedelta(days=data["every_days"] * n)
                for n in range(data["session_count"])]


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=480, initial=120)
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)


class EnrollForm(forms.Form):
    participant = ParticipantChoiceField(label=_("Participant"))

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Participant.objects.filter(center=cohort.center_id).exclude(
            enrollments__cohort=cohort).order_by("last_name", "first_name")


class EndEnrollmentForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[
        (EnrollmentStatus.COMPLETED, EnrollmentStatus.COMPLETED.label),
        (EnrollmentStatus.DROPPED, EnrollmentStatus.DROPPED.label),
        (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.WITHDRAWN.label),
    ])
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
