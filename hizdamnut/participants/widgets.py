"""The one participant picker: type a name, ID digits or a phone and choose among the people found (htmx).

Each person found shows what tells namesakes apart: the last four digits of the ID, the center and the status.
"""

from django import forms
from django.urls import reverse

from .models import Participant


class ParticipantPicker(forms.Widget):
    template_name = "participants/widgets/picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None
        if value not in (None, "", []):
            chosen = (value if isinstance(value, Participant)
                      else Participant.objects.select_related("center").filter(pk=str(value)).first()
                      if str(value).isdigit() else None)
        context["widget"].update(url=reverse("participants:picker"), chosen=chosen)
        return context

    def id_for_label(self, id_):
        return f"{id_}_search" if id_ else id_

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class ParticipantChoiceField(forms.ModelChoiceField):
    """A participant chosen with the picker; `queryset` says whom the form accepts (the service checks again)."""

    widget = ParticipantPicker

    def __init__(self, queryset=None, **kwargs):
        super().__init__(Participant.objects.none() if queryset is None else queryset, **kwargs)
