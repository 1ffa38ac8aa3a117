"""Right of access and retention: everything held about one participant, and anonymization after closure.

Both walk the participant's rows generically, through the models' relations: every row of a project model that
points at the participant (a status change, an inquiry, a meeting, an enrollment…), then every row that points
at one of those (a meeting's notes, a placement's follow-ups…), and so on. An app that adds a model with a
foreign key to Participant is covered without a change here.

Anonymization keeps every figure the indicators count: statuses and their dates, centers, cities, codes and
numbers stay; names, the ID number, phone, e-mail and every free-text field are cleared or replaced.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hizdamnut.audit.services import record_anonymization, record_participant_export
from hizdamnut.centers.permissions import require_role
from hizdamnut.centers.roles import MANAGEMENT_ROLES, Role

from .models import JourneyStatus, Participant, StatusChange

DEPTH = 5
# Text fields that hold a rules or model version rather than anything about the person.
KEPT_TEXT_FIELDS = {"rules_version", "model_version"}
ANONYMIZED_MARK = "X"  # an anonymized ID number starts with it; real ID numbers are digits only
PLACEHOLDER = "—"
# Headings for a printed record: one "detail – value" table per row (a PDF page is too narrow for columns).
RECORD_COLUMNS = (gettext_lazy("Detail"), gettext_lazy("Value"))


def _project_model(model):
    return model.__module__.startswith("hizdamnut.")


def related_rows(participants):
    """[(model, queryset)] of every project row reachable from `participants` (a queryset) by reverse relations,
    each model once, parents before children."""
    found, frontier, seen = [], [(Participant, participants)], {Participant}
    for _depth in range(DEPTH):
        following = []
        for model, rows in frontier:
            for relation in model._meta.related_objects:
                child = relation.related_model
                if relation.many_to_many or not _project_model(child):
                    continue
                if child in seen:
                    # Reached again by another path (an intake meeting belongs to the participant and to an
                    # inquiry): widen the rows already found rather than list the model twice.
                    for index, (known, queryset) in enumerate(found):
                        if known is child:
                            found[index] = (known, queryset | child._base_manager.filter(
                                **{f"{relation.field.name}__in": rows}))
                    continue
                seen.add(child)
                queryset = child._base_manager.filter(**{f"{relation.field.name}__in": rows})
                found.append((child, queryset))
                following.append((child, queryset))
        frontier = following
        if not frontier:
            break
    return [(model, queryset.distinct().order_by("pk")) for model, queryset in found]


def _value(row, field):
    if field.is_relation:
        target = getattr(row, field.name)
        return None if target is None else str(target)
    value = field.value_from_object(row)
    if field.choices and value not in (None, ""):
        return {"code": value, "label": str(dict(field.flatchoices).get(value, value))}
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if hasattr(value, "as_tuple"):  # Decimal
        return str(value)
    return value


def _row(row):
    data = {field.name: _value(row, field) for field in row._meta.concrete_fields}
    for field in row._meta.many_to_many:
        data[field.name] = [str(item) for item in getattr(row, field.name).all()]
    return data


def _readable_by(viewer, model, queryset):
    """The rows of `queryset` that `viewer` may read, by the model's own rule where it has one (a therapeutic note
    only for its author and the manager: `visible_to`), else by center (`for_user`)."""
    manager = model._default_manager
    for rule in ("visible_to", "for_user"):
        if hasattr(manager, rule):
            return queryset.filter(pk__in=getattr(manager, rule)(viewer).values("pk"))
    return queryset


def participant_record(participant, viewer=None):
    """Everything held about one participant, as a JSON-ready dict: the person, then one section per model. With a
    `viewer`, rows the viewer may not read are left out and counted under `withheld`."""
    sections, withheld = [], {}
    for model, queryset in related_rows(Participant.objects.filter(pk=participant.pk)):
        readable = queryset if viewer is None else _readable_by(viewer, model, queryset)
        rows = [_row(row) for row in readable]
        if viewer is not None and (hidden := queryset.count() - len(rows)):
            withheld[model._meta.label] = hidden
        if rows:
            sections.append({"model": model._meta.label, "label": str(model._meta.verbose_name_plural),
                             "rows": rows})
    generated_at = timezone.now().isoformat(timespec="seconds")
    subtitle = _("ID number %(id)s · produced %(when)s") % {"id": participant.id_number, "when": generated_at}
    if withheld:
        subtitle += " · " + _("%(n)s rows left out that your role may not read") % {"n": sum(withheld.values())}
    return {
        "title": _("Everything held about %(name)s") % {"name": participant.full_name},
        "subtitle": subtitle,
        "participant": _row(participant),
        "generated_at": generated_at,
        "sections": sections,
        "withheld": withheld,
    }


# Who may download a participant's whole record: managers, and the coordinator of the participant's center.
EXPORT_ROLES = MANAGEMENT_ROLES | {Role.COORDINATOR}


def export_participant(*, actor, participant, file_format):
    """Everything held about `participant` for `actor` (right of access); the export is written to the audit log.
    The caller has already found the participant among those `actor` may see."""
    if actor is not None:
        require_role(actor, EXPORT_ROLES)
    record = participant_record(participant, viewer=actor)
    record_participant_export(instance=participant, actor=actor, file_format=file_format)
    return record


# ------------------------------------------------------------------ retention


def retention_cutoff(today=None, years=None):
    """The last closing day whose records are due for anonymization."""
    today = today or timezone.localdate()
    years = settings.RETENTION_YEARS_AFTER_CLOSURE if years is None else years
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def due_for_anonymization(today=None, years=None):
    """Closed participants whose last closing lies at least RETENTION_YEARS_AFTER_CLOSURE years back and who are
    not anonymized yet. A participant with no recorded closing date is left alone."""
    closed = (StatusChange.objects.filter(status=JourneyStatus.CLOSED).values("participant")
              .annotate(last=models.Max("changed_on")).filter(last__lte=retention_cutoff(today, years))
              .values("participant"))
    return (Participant.objects.filter(status=JourneyStatus.CLOSED, pk__in=closed)
            .exclude(id_number__startswith=ANONYMIZED_MARK))


def _anonymized_id(pk):
    digits, number = "", pk
    while True:
        number, rest = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
        if not number:
            break
    return ANONYMIZED_MARK + digits.rjust(8, "0")


def _participant_changes(participant):
    return {"first_name": PLACEHOLDER, "last_name": f"#{participant.pk}", "id_number": _anonymized_id(participant.pk),
            "phone": "", "email": ""}


def _is_free_text(field):
    return (isinstance(field, models.CharField | models.TextField) and not field.choices
            and field.name not in KEPT_TEXT_FIELDS and not field.primary_key)


def _cleared(field, row):
    if field.unique:
        return f"{ANONYMIZED_MARK}{row.pk}"[: field.max_length]
    # Never empty: a rule such as "an overridden decision needs a reason" still holds after anonymization.
    return PLACEHOLDER


def _row_changes(row):
    changes = {}
    for field in row._meta.concrete_fields:
        if _is_free_text(field):
            current = getattr(row, field.attname)
            if current not in ("", None):
                new = _cleared(field, row)
                if new != current:
                    changes[field.attname] = new
    return changes


@transaction.atomic
def anonymize_closed(*, today=None, years=None, dry_run=False):
    """Anonymizes the participants due under the retention policy and every row about them; returns
    {model label: rows changed}. With `dry_run`, counts what would change and writes nothing."""
    participants = list(due_for_anonymization(today, years))
    counts = Counter()
    if not participants:
        return {}
    ids = Participant.objects.filter(pk__in=[p.pk for p in participants])
    for participant in participants:
        for name, value in _participant_changes(participant).items():
            setattr(participant, name, value)
    counts[Participant._meta.label] = len(participants)
    updates = []
    for model, queryset in related_rows(ids):
        changed = []
        for row in queryset:
            changes = _row_changes(row)
            if changes:
                for name, value in changes.items():
                    setattr(row, name, value)
                changed.append((row, sorted(changes)))
        if changed:
            counts[model._meta.label] = len(changed)
            updates.append((model, changed))
    if dry_run:
        return dict(counts)
    # bulk_update: a save() would have the audit log copy the old names and notes into its change records.
    Participant.objects.bulk_update(participants, list(_participant_changes(participants[0])), batch_size=500)
    for model, changed in updates:
        fields = sorted({name for _row_, names in changed for name in names})
        model._base_manager.bulk_update([row for row, _names in changed], fields, batch_size=500)
    for participant in participants:
        record_anonymization(instance=participant)
    return dict(counts)
