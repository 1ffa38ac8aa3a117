from django import forms
from django.utils.translation import gettext_lazy as _

from hizdamnut.form_submit import SubmitOnceForm
from hizdamnut.participants.models import ClosingReason, JourneyStatus
from hizdamnut.versioning import VersionedForm
from hizdamnut.widgets import DateInput, DateTimeInput

from .models import SKILL_FIELDS, Attendance, Level, MeetingKind, NoteKind, Skill, TaskOwner


class VisionForm(VersionedForm):
    vision = forms.CharField(
        label=_("Occupational vision, in the participant's own words"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class GoalForm(SubmitOnceForm):
    what = forms.CharField(label=_("Goal"), max_length=200)
    measure = forms.CharField(label=_("How it is measured"), max_length=200)
    target = forms.CharField(label=_("Target"), max_length=100)
    target_date = forms.DateField(label=_("Target date"), widget=DateInput())
    why = forms.CharField(label=_("Why it matters to the participant"), required=False,
                          widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(SubmitOnceForm):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.ChoiceField(label=_("Who does it"), choices=TaskOwner.choices, initial=TaskOwner.PARTICIPANT)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())


class MeetingForm(SubmitOnceForm):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600, initial=45)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Attendance.choices, initial=Attendance.HELD)
    next_meeting_at = forms.DateTimeField(label=_("Next meeting"), required=False, widget=DateTimeInput())
    note_kind = forms.ChoiceField(label=_("Kind of note"), choices=NoteKind.choices, initial=NoteKind.TEAM,
                                  widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, may_write_therapeutic=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_write_therapeutic:
            self.fields["note_kind"].choices = [(NoteKind.TEAM, NoteKind.TEAM.label)]


class NoteForm(SubmitOnceForm):
    kind = forms.ChoiceField(label=_("Kind of note"), choices=NoteKind.choices, initial=NoteKind.TEAM,
                             widget=forms.RadioSelect)
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, may_write_therapeutic=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_write_therapeutic:
            self.fields["kind"].choices = [(NoteKind.TEAM, NoteKind.TEAM.label)]


class StatusForm(VersionedForm, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=JourneyStatus.choices)
    on = forms.DateField(label=_("From date"), widget=DateInput(), required=False)
    reason = forms.ChoiceField(label=_("Closing reason"), choices=[("", "—")] + list(ClosingReason.choices),
                               required=False)
    expected_return = forms.DateField(label=_("Expected return (when pausing)"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Reason for pausing, or a note"), max_length=300, required=False)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        """Closing a file asks for its reason, then for a confirmation (the form comes back once, marked)."""
        data = super().clean()
        if data.get("status") == JourneyStatus.CLOSED:
            if not data.get("reason"):
                self.add_error("reason", _("Choose the closing reason."))
            elif not data.get("confirmed"):
                self.data = self.data.copy()
                self.data["confirmed"] = "1"
                raise forms.ValidationError(_(
                    "Closing the file ends the accompaniment. Check the closing reason and save again to confirm."))
        return data


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Date of assessment"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + list(Level.choices)
        for skill in Skill:
            self.fields[skill.value] = forms.TypedChoiceField(
                label=f"{skill.label} ({SKILL_FIELDS[skill].label})", choices=choices, coerce=int, required=False,
                empty_value=None,
            )

    def levels(self):
        return {skill.value: self.cleaned_data.get(skill.value) for skill in Skill}


class CaseloadFilterForm(forms.Form):
    """`?worker=`: whose caseload to show; only staff of the user's centers can be chosen."""

    worker = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        from django.contrib.auth import get_user_model

        from hizdamnut.centers.scoping import sees_all_centers, visible_centers

        super().__init__(*args, **kwargs)
        workers = get_user_model().objects.filter(is_active=True, staff__isnull=False)
        if not sees_all_centers(user):
            workers = workers.filter(staff__centers__in=visible_centers(user)).distinct()
        self.fields["worker"].queryset = workers
