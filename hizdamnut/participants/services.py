"""Registering and updating participants."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.audit.services import record_view
from hizdamnut.centers.permissions import require_writer
from hizdamnut.centers.scoping import visible_center_ids
from hizdamnut.centers.validators import refuse_unknown_fields
from hizdamnut.versioning import check_version

from .models import ClosingReason, JourneyStatus, Participant, StatusChange
from .validators import normalize_israeli_id, normalize_phone

EDITABLE_FIELDS = (
    "center", "first_name", "last_name", "id_number", "birth_date", "gender", "phone", "email", "city",
    "languages", "children_under_18", "single_parent", "has_welfare_file", "welfare_file_since",
    "welfare_file_last_active",
)


def duplicate_id_error(*, actor, id_number, exclude_pk=None):
    """The message for an ID number that is already registered, naming the holder only to those who may see them."""
    existing = Participant.objects.select_related("center").filter(id_number=normalize_israeli_id(id_number))
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    holder = existing.first()
    if holder is None:
        return None
    if holder.center_id in visible_center_ids(actor):
        return ValidationError(
            _("This ID number is already registered to %(name)s (%(center)s)."),
            code="duplicate_id",
            params={"name": holder.full_name, "center": holder.center.name},
        )
    return ValidationError(
        _("This ID number is already registered at another center. Ask that center's coordinator."),
        code="duplicate_id",
    )


def _validate_and_save(participant, actor):
    participant.id_number = normalize_israeli_id(participant.id_number)
    participant.phone = normalize_phone(participant.phone)
    errors = {}
    duplicate = duplicate_id_error(actor=actor, id_number=participant.id_number, exclude_pk=participant.pk)
    if duplicate:
        errors["id_number"] = [duplicate]
    try:
        participant.full_clean(validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    participant.save()
    return participant


@transaction.atomic
def register_participant(*, actor, center, **fields):
    """Registers a person at one of the actor's centers; an ID number may be registered only once (nationwide)."""
    require_writer(actor, center)
    refuse_unknown_fields(fields, EDITABLE_FIELDS)
    participant = _validate_and_save(Participant(center=center, **fields), actor)
    StatusChange.objects.create(
        participant=participant, status=JourneyStatus.INTAKE, changed_on=timezone.localdate(), changed_by=actor
    )
    return participant


@transaction.atomic
def update_participant(*, actor, participant, version=None, **changes):
    """Changes a participant's details; moving them is allowed only between the actor's own centers.

    `version`: the one the writer's form or PATCH started from; a stale one is refused (see hizdamnut.versioning).
    """
    require_writer(actor, participant.center)
    check_version(participant, version, changes)
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS:
            raise ValidationError({name: _("Unknown field.")})
        if value is None and not Participant._meta.get_field(name).null:
            raise ValidationError({name: _("This field cannot be empty (null); send an empty text to clear it.")})
        setattr(participant, name, value)
    require_writer(actor, participant.center)
    return _validate_and_save(participant, actor)


def view_participant(*, actor, participant):
    """Records that a staff member opened a participant's record (audit of every view)."""
    record_view(instance=participant, actor=actor)
    return participant


@transaction.atomic
def change_status(*, participant, status, actor=None, on=None, reason="", note="", expected_return=None):
    """Moves a participant to a new journey status, keeping the history.

    Closing needs a reason and pausing an expected return date (seed: "we don't give up on anyone" —
    a participant leaves sight only with a recorded why).
    """
    if status not in JourneyStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"changed_on": _("A status change cannot be dated in the future.")})
    if status == JourneyStatus.CLOSED and reason not in ClosingReason.values:
        raise ValidationError({"reason": _("Choose why the accompaniment is closing.")})
    if status != JourneyStatus.CLOSED and reason:
        raise ValidationError({"reason": _("Only a closing has a closing reason.")})
    if status == JourneyStatus.PAUSED and not expected_return:
        raise ValidationError({"expected_return": _("Give the date the participant is expected back.")})
    change = StatusChange.objects.create(
        participant=participant, status=status, changed_on=on, reason=reason, note=note,
        expected_return=expected_return if status == JourneyStatus.PAUSED else None, changed_by=actor,
    )
    participant.status = status
    participant.save(update_fields=["status", "updated_at"])
    return change


@transaction.atomic
def assign_case_worker(*, participant, worker, actor):
    """Makes `worker` responsible for the participant; the worker must work at the participant's center."""
    require_writer(actor, participant.center)
    if worker is not None and not worker.staff.centers.filter(pk=participant.center_id).exists():
        raise ValidationError({"case_worker": _("This worker does not work at the participant's center.")})
    participant.case_worker = worker
    participant.save(update_fields=["case_worker", "updated_at"])
    return participant
