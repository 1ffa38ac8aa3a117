"""Audit entries as people read them: names not usernames, labels not field codes, Hebrew as text, no "None"."""

import json

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EMPTY = "—"
ACTION_LABELS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("viewed"),
}
READ_LABELS = {
    "participant_list": gettext_lazy("Participant list"),
    "participant_search": gettext_lazy("Participant search"),
    "intake_meetings": gettext_lazy("Intake meetings"),
    "inquiry_list": gettext_lazy("Inquiry list"),
    "inquiry_queue": gettext_lazy("Inquiry queue"),
    "placement_list": gettext_lazy("Placements"),
    "participant_placements": gettext_lazy("A participant's placements"),
    "admin_participant_list": gettext_lazy("Participant list (admin)"),
    "admin_inquiry_list": gettext_lazy("Inquiry list (admin)"),
}


def actor_name(entry):
    link = getattr(entry, "link", None)
    if link is not None and (link.actor_name or link.actor_username):
        return link.actor_name or link.actor_username
    if entry.actor_id:
        return entry.actor.get_full_name() or entry.actor.get_username()
    return _("system")


def _plain(value):
    """A stored value as text: JSON lists and objects parsed, Hebrew left as letters, nothing shown as "None"."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if value in (None, "", "None", [], {}):
        return EMPTY
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _field(model, name):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _display(field, value):
    text = _plain(value)
    if isinstance(field, models.BooleanField) and text in ("True", "False"):
        return _("Yes") if text == "True" else _("No")
    choices = dict(getattr(field, "flatchoices", None) or [])
    if choices and text in {str(k) for k in choices}:
        return str(next(label for key, label in choices.items() if str(key) == text))
    return text


def changes(entry):
    model = entry.content_type.model_class()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        field = _field(model, name)
        if field is not None and ((field.auto_created and not field.concrete) or field.primary_key
                                  or not field.editable):
            continue  # reverse relations, the id and automatic times: noise on a creation, nothing a person did
        old, new = (list(values) + [None, None])[:2] if isinstance(values, (list, tuple)) else (None, values)
        label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name
        old, new = _display(field, old), _display(field, new)
        if old != new:
            rows.append((label, old, new))
    return rows


def read_summary(entry):
    """For a list read or an export: what was read, the filters, and how many records."""
    read = (entry.additional_data or {}).get("read")
    if not read:
        return ""
    what = read.get("what", "")
    if what.endswith("_export"):
        label = _("Export: %(what)s (%(format)s)") % {"what": what.removesuffix("_export").replace("_", " "),
                                                       "format": read.get("format", "")}
    else:
        label = str(READ_LABELS.get(what, what.replace("_", " ")))
    parts = [label]
    if read.get("count") is not None and not what.endswith("_export"):
        parts.append(_("%(shown)s shown of %(count)s") % {"shown": len(read.get("ids", [])), "count": read["count"]})
    query = read.get("query") or {}
    if query:
        parts.append(", ".join(f"{key}={_plain(value)}" for key, value in query.items()))
    return " · ".join(parts)


def present(entry):
    model = entry.content_type.model_class()
    return {
        "entry": entry,
        "when": entry.timestamp,
        "who": actor_name(entry),
        "action": str(ACTION_LABELS.get(entry.action, entry.get_action_display())),
        "is_view": entry.action == LogEntry.Action.ACCESS,
        "model": str(model._meta.verbose_name) if model else entry.content_type.name,
        "record": read_summary(entry) or entry.object_repr,
        "changes": changes(entry) if entry.action != LogEntry.Action.ACCESS else [],
        "from": entry.remote_addr or "",
    }


def grouped(entries):
    """Rows for the log page: changes one by one, each run of consecutive views folded into one group."""
    rows = []
    for entry in entries:
        item = present(entry)
        if item["is_view"] and rows and rows[-1]["views"] is not None:
            rows[-1]["views"].append(item)
        elif item["is_view"]:
            rows.append({"views": [item], "item": None})
        else:
            rows.append({"views": None, "item": item})
    return rows
