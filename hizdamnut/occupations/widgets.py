"""A job-title input that suggests ISCO-08 unit groups as you type, keeping both the typed words and the code."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import Occupation

_FIELD_NAME = re.compile(r"^[\w-]{1,100}$")


def suggestion_field_name(name):
    """A form field name safe to echo back into the suggestions fragment (anything else becomes 'occupation')."""
    return name if _FIELD_NAME.match(name or "") else "occupation"


class OccupationWidget(forms.MultiWidget):
    """A text input for the title as typed, and radio buttons (filled by htmx) for the chosen unit-group code."""

    template_name = "occupations/widgets/occupation.html"
    # One label for the text input rather than a fieldset around both parts.
    use_fieldset = False

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(attrs={"autocomplete": "off"}), forms.HiddenInput()], attrs)

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_

    def decompress(self, value):
        if isinstance(value, dict):
            return [value.get("title", ""), value.get("code") or ""]
        return [value or "", ""]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        title, code = (context["widget"]["subwidgets"][0]["value"] or "", context["widget"]["subwidgets"][1]["value"])
        selected = Occupation.objects.filter(code=code, level=Occupation.Level.UNIT).first() if code else None
        context["widget"].update(
            {
                "suggest_url": reverse_lazy("occupations:suggest"),
                "field_name": name,
                "title": title,
                "selected": selected,
                "code_name": f"{name}_1",
            }
        )
        return context


class OccupationField(forms.MultiValueField):
    """A job title with its ISCO-08 unit group: cleans to {"title": typed words, "code": 4-digit code or None}."""

    widget = OccupationWidget

    def __init__(self, *, require_code=False, **kwargs):
        self.require_code = require_code
        fields = (forms.CharField(max_length=200), forms.CharField(required=False, max_length=4))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list:
            return None
        title, code = (data_list + ["", ""])[:2]
        code = code or None
        if code and not Occupation.objects.filter(code=code, level=Occupation.Level.UNIT).exists():
            raise ValidationError(_("Choose one of the suggested occupations."), code="invalid_code")
        if self.require_code and not code:
            raise ValidationError(_("Choose one of the suggested occupations."), code="missing_code")
        return {"title": title, "code": code}
