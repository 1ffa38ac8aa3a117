from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.roles import INTAKE_ROLES
from hizdamnut.directory.models import CommunityService
from hizdamnut.form_submit import SubmitOnceForm
from hizdamnut.inquiries.models import Inquiry
from hizdamnut.participants.forms import ParticipantQueryForm
from hizdamnut.participants.models import Language
from hizdamnut.widgets import DateInput, WorkerChoiceField, worker_label, workers

from . import routing
from .models import PREDICTORS, IntakeMeeting, Referral, ReferralStatus, RoutingTrack

SCALE = [(n, str(n)) for n in range(1, 6)]


class IntakeMeetingForm(SubmitOnceForm, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = IntakeMeeting
        fields = [
            "held_on", "duration_minutes", "staff", "needs", "goals", "work_history", "education", "languages",
            "licences", "disability_percent", "strengths", *PREDICTORS,
        ]
        widgets = {
            "held_on": DateInput(),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "work_history": forms.Textarea(attrs={"rows": 3}),
            "education": forms.Textarea(attrs={"rows": 2}),
            "strengths": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.RadioSelect(choices=SCALE) for name in PREDICTORS},
        }
        help_texts = {name: _("1 = very low, 5 = very high") for name in PREDICTORS}

    def __init__(self, *args, center, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["staff"].queryset = workers(center, INTAKE_ROLES)
        self.fields["staff"].label_from_instance = worker_label
        self.fields["staff"].initial = user.pk
        self.fields["staff"].required = False
        self.barrier_groups = []
        for domain, barriers in routing.barrier_catalog():
            name = f"barriers_{domain['code']}"
            self.fields[name] = forms.MultipleChoiceField(
                label=routing.label(domain), required=False, widget=forms.CheckboxSelectMultiple,
                choices=[(b["code"], routing.label(b)) for b in barriers],
            )
            self.barrier_groups.append(name)
        for name in PREDICTORS:
            self.fields[name].widget.choices = SCALE

    def main_fields(self):
        return [self[name] for name in self.Meta.fields if name not in PREDICTORS]

    def barrier_fields(self):
        return [self[name] for name in self.barrier_groups]

    def predictor_fields(self):
        return [self[name] for name in PREDICTORS]

    def service_fields(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["barriers"] = [code for name in self.barrier_groups for code in self.cleaned_data[name]]
        return data


class RoutingDecisionForm(forms.Form):
    response = forms.ChoiceField(label=_("The decision we reached together"), choices=RoutingTrack.choices,
                                 widget=forms.RadioSelect)
    participant_agreed = forms.BooleanField(label=_("The participant agrees with the decision"), required=False,
                                            initial=True)
    override_reason = forms.CharField(
        label=_("Why the decision differs from the recommendation"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    case_worker = WorkerChoiceField(label=_("Responsible worker"), required=False)
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].queryset = workers(center, INTAKE_ROLES)


class ReferralForm(SubmitOnceForm, forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["service", "sent_on", "follow_up_on", "note"]
        widgets = {"sent_on": DateInput(), "follow_up_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = CommunityService.objects.for_user(user).filter(active=True)
        self.fields["sent_on"].initial = timezone.localdate()


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReferralStatus.choices)
    follow_up_on = forms.DateField(label=_("Follow-up date"), widget=DateInput(), required=False)


class PersonQueryForm(ParticipantQueryForm):
    """`?inquiry=` and/or `?participant=`: an inquiry and a participant the user may see (the inquiry's
    participant when only the inquiry is given)."""

    inquiry = forms.ModelChoiceField(queryset=Inquiry.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["inquiry"].queryset = Inquiry.objects.for_user(user).select_related("participant", "center")


class ReferralFilterForm(forms.Form):
    """`?status=` of the referrals list."""

    status = forms.ChoiceField(choices=[("", "")] + list(ReferralStatus.choices), required=False)
