"""Everything held about one participant (right of access), as a JSON or PDF download.

The record itself and the audit entry come from `participants.privacy.export_participant`; this module only
presents it: the page's download button, the command `export_participant` and the PDF all come through here.
"""

import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpResponse

from hizdamnut.centers.permissions import role_required
from hizdamnut.participants import selectors
from hizdamnut.participants.privacy import EXPORT_ROLES, RECORD_COLUMNS, export_participant

from .exports import PDF_TYPE, Table, to_pdf

FORMATS = ("json", "pdf")


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _text(value):
    if isinstance(value, dict) and set(value) == {"code", "label"}:
        return value["label"]
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value) or None
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else None
    if value == "":
        return None
    return value


def record_tables(record):
    """One two-column table (field, value) for the person, then one per row held about them."""
    from hizdamnut.participants.models import Participant

    columns = [str(column) for column in RECORD_COLUMNS]
    tables = [Table(str(Participant._meta.verbose_name), columns,
                    [[_label(Participant, name), _text(value)] for name, value in record["participant"].items()])]
    for section in record["sections"]:
        model = apps.get_model(section["model"])
        for number, row in enumerate(section["rows"], start=1):
            tables.append(Table(f"{section['label']} ({number}/{len(section['rows'])})", columns,
                                [[_label(model, name), _text(value)] for name, value in row.items()]))
    return tables


def render(record, file_format):
    """(bytes, content type) of the record as JSON or PDF."""
    if file_format == "json":
        return json.dumps(record, ensure_ascii=False, indent=2).encode(), "application/json"
    return to_pdf(record_tables(record), record["title"], record["subtitle"]), PDF_TYPE


@role_required(EXPORT_ROLES)
def participant_export(request, pk, file_format):
    if file_format not in FORMATS:
        raise Http404
    participant = selectors.participant_for(request.user, pk)
    record = export_participant(actor=request.user, participant=participant, file_format=file_format)
    content, content_type = render(record, file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="participant-{participant.pk}.{file_format}"'
    return response
