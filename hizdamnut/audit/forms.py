from django import forms

from hizdamnut.centers.forms import QueryForm


class AuditFilterForm(QueryForm):
    """`?participant=` (whose record's entries) and `?page=` of the audit log; the entries are scoped already."""

    participant = forms.IntegerField(min_value=1, required=False)
    page = forms.CharField(required=False)  # the paginator reads it: "last", or past the end, gives the last page
