from django import forms
from django.http import Http404


class QueryForm(forms.Form):
    """Query parameters (`?participant=…`) read through a form: each field validates and scopes its value."""

    def cleaned_or_404(self):
        """The cleaned values; a malformed value, or a record the user may not see, is a 404 (never a 500)."""
        if not self.is_valid():
            raise Http404("; ".join(f"{name}: {' '.join(errors)}" for name, errors in self.errors.items()))
        return self.cleaned_data
