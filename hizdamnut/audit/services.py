"""Writing reads of personal data to the audit log: one helper for pages, the API, exports and the admin."""

from functools import wraps

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from hizdamnut.centers.scoping import center_id_of, visible_center_ids

# A list entry names at most this many record ids (a page of the API is 50): enough to say who was shown.
MAX_IDS = 200
# An entry for rows created together names at most this many ids; more make more entries, so none is lost.
MAX_CREATED_IDS = 10_000


def record_view(*, instance, actor):
    """Writes that `actor` opened a participant's record: every view of personal data is audited."""
    return record_read(actor, instance)[0]


def _actor(request_or_user):
    user = getattr(request_or_user, "user", request_or_user)
    return user if getattr(user, "is_authenticated", False) else None


def _additional_data(instance):
    data = dict(instance.get_additional_data()) if hasattr(instance, "get_additional_data") else {}
    participant_id = getattr(instance, "participant_id", None)
    if participant_id:
        data["participant"] = participant_id
    return data or None


def record_read(request_or_user, objects, *, what="", query=None, count=None, model=None):
    """Audits that the caller was shown `objects`: one entry for a single record, one per center for a list.

    A list entry keeps what was read (`what`: "participant_list", "dashboard_export"…), the query or filters,
    how many records matched (`count`) and the ids shown; the record's center scopes who may read the entry.
    """
    actor = _actor(request_or_user)
    if isinstance(objects, Model):
        return [LogEntry.objects.log_create(
            objects, force_log=True, action=LogEntry.Action.ACCESS, changes=None, actor=actor,
            additional_data=_additional_data(objects),
        )]
    rows = list(objects) if objects is not None else []
    model = model or (type(rows[0]) if rows else getattr(objects, "model", None))
    if model is None:
        raise ValueError("record_read needs the model of an empty list")
    by_center = {}
    for row in rows:
        try:
            center = center_id_of(row)
        except AttributeError:
            center = None
        by_center.setdefault(center, []).append(row.pk)
    if not by_center:  # nothing shown: still record that the query was run
        centers = visible_center_ids(actor) if actor else []
        by_center = {centers[0] if len(centers) == 1 else None: []}
    content_type = ContentType.objects.get_for_model(model)
    read = {"what": what or f"{model._meta.model_name}_list", "query": _plain(query or {}),
            "count": len(rows) if count is None else count}
    return [LogEntry.objects.create(
        content_type=content_type, object_pk="", object_repr=str(read["what"]), action=LogEntry.Action.ACCESS,
        actor=actor, additional_data={"center": center, "read": {**read, "ids": ids[:MAX_IDS]}},
    ) for center, ids in by_center.items()]


def _plain(query):
    """Query parameters as JSON: values that are rows become their pk, dates their ISO form."""
    plain = {}
    for key, value in dict(query).items():
        if value in (None, "", [], ()):
            continue
        if isinstance(value, Model):
            value = value.pk
        elif isinstance(value, (list, tuple)):
            value = [getattr(v, "pk", v) if isinstance(v, Model) else str(v) for v in value]
        elif not isinstance(value, (int, float, bool, str)):
            value = str(value)
        plain[key] = value
    return plain


def audited_page(model, what=""):
    """For a paginated API list (`@paginate` below it): audits the query, the total count and the ids shown."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            result = view(request, *args, **kwargs)
            if isinstance(result, dict) and "items" in result:
                result["items"] = list(result["items"])
                record_read(request, result["items"], what=what, query=request.GET.dict(),
                            count=result.get("count"), model=model)
            return result

        return wrapper

    return decorator


def record_export(request, *, what, file_format, center=None, query=None):
    """Audits a file export (dashboard, yearly report, survey): what, which format, for which center, filters
    (the request's own, or `query`: those a background export was asked with, when its file is downloaded)."""
    from hizdamnut.centers.models import Center

    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Center), object_pk=str(center.pk) if center else "",
        object_repr=f"{what}.{file_format}", action=LogEntry.Action.ACCESS, actor=_actor(request),
        additional_data={"center": center.pk if center else None, "read": {
            "what": f"{what}_export", "format": file_format,
            "query": _plain(request.GET.dict() if query is None else query)}},
    )


def record_admin_reads(model_admin_class):
    """Class decorator for a ModelAdmin of personal data: its list and change pages are audited like the UI's."""
    changelist_view, change_view = model_admin_class.changelist_view, model_admin_class.change_view

    def audited_changelist(self, request, extra_context=None):
        response = changelist_view(self, request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl") if hasattr(response, "context_data") else None
        if changelist is not None:
            record_read(request, changelist.result_list, what=f"admin_{self.model._meta.model_name}_list",
                        query=request.GET.dict(), count=changelist.result_count, model=self.model)
        return response

    def audited_change(self, request, object_id, form_url="", extra_context=None):
        response = change_view(self, request, object_id, form_url, extra_context)
        obj = (getattr(response, "context_data", None) or {}).get("original")
        if request.method == "GET" and obj is not None:
            record_read(request, obj)
        return response

    model_admin_class.changelist_view = audited_changelist
    model_admin_class.change_view = audited_change
    return model_admin_class


def record_participant_export(*, instance, actor, file_format):
    """Writes that `actor` downloaded everything held about a participant (right of access), and in what form."""
    return LogEntry.objects.log_create(instance, force_log=True, action=LogEntry.Action.ACCESS, changes=None,
                                       actor=actor, additional_data={"export": file_format})


def record_anonymization(*, instance):
    """Writes that a participant's record was anonymized under the retention policy (no old values kept)."""
    return LogEntry.objects.log_create(instance, force_log=True, action=LogEntry.Action.UPDATE, changes=None,
                                       changes_text="anonymized after the retention period",
                                       additional_data={"anonymized": True})


def record_bulk_creation(*, actor, model, ids_by_center, what, source=""):
    """Audits rows created together by a batched save (an import): one entry per center (per MAX_CREATED_IDS rows)
    saying what created them (`what`: the command), from which file (`source`), how many, and every row's id,
    instead of one entry per row. `ids_by_center`: {center id: [ids of `model` rows]}."""
    content_type = ContentType.objects.get_for_model(model)
    entries = []
    for center, ids in ids_by_center.items():
        for start in range(0, len(ids), MAX_CREATED_IDS):
            chunk = ids[start:start + MAX_CREATED_IDS]
            created = {"what": what, "source": source, "count": len(chunk), "ids": chunk}
            entries.append(LogEntry.objects.create(
                content_type=content_type, object_pk="", action=LogEntry.Action.CREATE, actor=actor, cid=get_cid(),
                object_repr=f"{what}: {len(chunk)} × {model._meta.verbose_name}" + (f" ({source})" if source else ""),
                additional_data={"center": center, "created": created},
            ))
    return entries
