from django import forms
from django.utils.translation import gettext_lazy as _

from .runner import SUFFIXES

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Your file (Excel or CSV)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}))

    def __init__(self, *args, item, user, **kwargs):
        super().__init__(*args, **kwargs)
        if item.choice is not None:
            self.fields["choice"] = forms.ChoiceField(label=item.choice.label, choices=item.choice.choices(user))
            self.order_fields(["choice", "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Upload an Excel (.xlsx) or CSV file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB; split it into smaller files."))
        return upload
