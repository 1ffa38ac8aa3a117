"""Keeps the summary tables current (hizdamnut/centers/summaries.py): each write that can change a center's
monthly figures marks those months stale, in the writer's transaction. Which months a record moves:

- a participant's status change: its month and every later one (first activations and the status snapshots);
- an inquiry: the month it was received (by source and reason, the funnel); a status change of an inquiry: the
  inquiry's month (the funnel follows each inquiry to today);
- a placement: the months of its participant's inquiries (the funnel's "placed"), of its retention marks and of
  its recorded follow-ups (advancement);
- a follow-up: the month of its mark (retention) and the months its placement's follow-ups were recorded in
  (advancement counts each by the month of the next one);
- a routing decision: the months of its participant's decisions (each is counted by the month of the next one);
- a participant moved to another center, or deleted: every month of both centers;
- a participant's city or social-services file (who the center serves counts them by these): every month from
  their first activation on;
- a person moved between segments (another gender or single parenthood; an intake meeting or enrollment that
  makes them count, or no longer count, as living with a disability, as a released prisoner or as taking part in
  a program): the segment months of their center and of the centers of their inquiries, from their earliest
  record on.

Bulk saves that skip signals (bulk_create, update) call `summaries.touch_many` themselves.
"""

import datetime
from collections import defaultdict

from django.db.models import Exists, Min, OuterRef
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from hizdamnut.centers import summaries
from hizdamnut.inquiries.models import Inquiry, InquiryStatusChange
from hizdamnut.intake.models import IntakeMeeting, RoutingDecision
from hizdamnut.participants.models import JourneyStatus, Participant, StatusChange
from hizdamnut.placements.indicators import RETENTION_MARKS
from hizdamnut.placements.models import FollowUp, Placement
from hizdamnut.placements.rules import add_months
from hizdamnut.programs.indicators import counted_enrollments
from hizdamnut.programs.models import Enrollment

# The filters the summary tables keep segments by: the participant's own fields, and those read from records.
from .indicators import DERIVED_SEGMENT_FIELDS, SEGMENT_FIELDS, derived_conditions, segment_name

EVER = datetime.date(1900, 1, 1)


def _day(record, name):
    """A field's value as the database keeps it: a date field's as a date (a record may be created with the text
    "2026-01-01")."""
    return record._meta.get_field(name).to_python(getattr(record, name))


def _center_of(participant_id):
    return Participant.objects.filter(pk=participant_id).values_list("center_id", flat=True).first()


def _status_change(change):
    return [(_center_of(change.participant_id), _day(change, "changed_on"), True)]


def _participant(participant):
    return [(participant.center_id, EVER, True)]


# A participant's fields that who the center serves reads (hizdamnut/placements/indicators.py, _mix_keys).
MIX_FIELDS = ("city_id", "has_welfare_file", "welfare_file_last_active")


def _first_activation(participant):
    day = StatusChange.objects.filter(participant_id=participant.pk, status=JourneyStatus.ACTIVE).aggregate(
        day=Min("changed_on"))["day"]
    return [(participant.center_id, day, True)] if day else []


def _inquiry(inquiry):
    return [(inquiry.center_id, _day(inquiry, "received_on"), False)]


def _inquiry_status_change(change):
    return [(center_id, received_on, False) for center_id, received_on in
            Inquiry.objects.filter(pk=change.inquiry_id).values_list("center_id", "received_on")]


def _recorded_days(placement_id):
    return set(FollowUp.objects.filter(placement_id=placement_id, done_on__isnull=False)
               .values_list("done_on", flat=True))


def _placement(placement):
    center_id = _center_of(placement.participant_id)
    inquiries = Inquiry.objects.filter(participant_id=placement.participant_id).values_list("center_id",
                                                                                            "received_on")
    start = _day(placement, "start_date")
    recorded = _recorded_days(placement.pk) if placement.pk else set()
    # Its start's month (the people placed in a period, kept per center: Summaries.kept), its inquiries' (the
    # funnel), the months of its retention marks and of its recorded follow-ups.
    return [(center_id, start, False)] * bool(start) + [(c, day, False) for c, day in inquiries] + [
        (center_id, add_months(start, months), False) for months in RETENTION_MARKS if start] + [
        (center_id, day, False) for day in recorded]


def _follow_up(follow_up):
    rows = Placement.objects.filter(pk=follow_up.placement_id).values_list("participant__center_id", "start_date")
    done, due = _day(follow_up, "done_on"), _day(follow_up, "due_on")
    recorded = _recorded_days(follow_up.placement_id) | ({done} if done else set())
    # The mark's month (retention), the days recorded (advancement) and the month it is due (unrecorded ones).
    return [(center_id, day, False) for center_id, start in rows
            for day in {add_months(start, follow_up.months_after), *recorded, *({due} if due else ())}]


def _routing_decision(decision):
    center_id = _center_of(decision.participant_id)
    days = set(RoutingDecision.objects.filter(participant_id=decision.participant_id)
               .values_list("decided_on", flat=True))
    return [(center_id, day, False) for day in days | {_day(decision, "decided_on")}]


TOUCHES = {StatusChange: _status_change, Inquiry: _inquiry, InquiryStatusChange: _inquiry_status_change,
           Placement: _placement, FollowUp: _follow_up, RoutingDecision: _routing_decision}


def _apply(touches):
    """One statement for the months a save moves, one more if some of them move every later month too."""
    for onward in (False, True):
        pairs = [(center_id, day) for center_id, day, later in touches if later is onward]
        if pairs:
            summaries.touch_many(pairs, onward=onward)


# The fields that decide which months a row moves: a save naming none of them (update_fields) cannot move it.
# (By name or column name: save(update_fields=["center_id"]) is a save of the center too.)
MOVING = {Participant: {"center", "center_id", "city", *MIX_FIELDS, *SEGMENT_FIELDS},
          StatusChange: {"participant", "participant_id", "changed_on"},
          Inquiry: {"center", "center_id", "received_on"}, InquiryStatusChange: {"inquiry", "inquiry_id"},
          Placement: {"participant", "participant_id", "start_date"},
          FollowUp: {"placement", "placement_id", "months_after", "done_on", "due_on"},
          RoutingDecision: {"participant", "participant_id", "decided_on"}}


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """The months of the row as it was, before an edit moves it (e.g. a corrected date)."""
    instance._summary_touches = []
    if instance.pk is None or (update_fields is not None and not MOVING[sender] & set(update_fields)):
        return
    old = type(instance)._default_manager.filter(pk=instance.pk).first()
    if sender is Participant:
        moved = old is not None and old.center_id != instance.center_id
        instance._summary_touches = _participant(old) + _participant(instance) if moved else []
        if old is not None and not moved and any(
                _day(old, name) != _day(instance, name) for name in MIX_FIELDS):
            instance._summary_touches = _first_activation(instance)
        # Another gender or single parenthood moves the person between segments: the segment months from their
        # earliest record on (`_moved_between_segments`; the whole population's months count them the same).
        instance._segments_touched = old is not None and not moved and any(
            getattr(old, name) != getattr(instance, name) for name in SEGMENT_FIELDS)
    else:
        instance._summary_touches = TOUCHES[sender](old) if old else []


def _after_save(sender, instance, **kwargs):
    touches = getattr(instance, "_summary_touches", [])
    if sender is not Participant:
        touches = touches + TOUCHES[sender](instance)
    _apply(touches)
    instance._summary_touches = []
    if getattr(instance, "_segments_touched", False):
        _moved_between_segments(instance.pk)
        instance._segments_touched = False


def _moved_between_segments(participant_id, segments=None):
    """The segment months that may count the person otherwise now: those of their center and of the centers where
    their inquiries were received, from the month of their earliest record on (none: nothing counts them); of the
    `segments` named only, when given."""
    center_id = _center_of(participant_id)
    inquiries = list(Inquiry.objects.filter(participant_id=participant_id).values_list("center_id", "received_on"))
    days = [received_on for _center, received_on in inquiries] + [
        StatusChange.objects.filter(participant_id=participant_id).aggregate(day=Min("changed_on"))["day"],
        RoutingDecision.objects.filter(participant_id=participant_id).aggregate(day=Min("decided_on"))["day"],
        Placement.objects.filter(participant_id=participant_id).aggregate(day=Min("start_date"))["day"],
        *FollowUp.objects.filter(placement__participant_id=participant_id).aggregate(
            due=Min("due_on"), done=Min("done_on")).values()]
    days = [day for day in days if day is not None]
    if days:
        summaries.touch_segments({center_id, *(center for center, _day in inquiries)} - {None}, since=min(days),
                                 segments=segments)


def _derived_segments(participant_ids):
    """{participant id: the names of the derived segments they are in ("disability=1", "released_prisoner=1",
    "program_id=7"…)} as the population filters read them."""
    flags = [name for name in DERIVED_SEGMENT_FIELDS if name != "program_id"]
    conditions = {name: Exists(Participant.objects.filter(*derived_conditions({name: True}), pk=OuterRef("pk")))
                  for name in flags}
    segments = defaultdict(set)
    for row in Participant.objects.filter(pk__in=participant_ids).annotate(**conditions).values_list("pk", *flags):
        segments[row[0]] = {segment_name({name: True}) for name, value in zip(flags, row[1:], strict=True) if value}
    for participant_id, program_id in (counted_enrollments().filter(participant_id__in=participant_ids)
                                       .values_list("participant_id", "cohort__program_id")):
        segments[participant_id].add(segment_name({"program_id": program_id}))
    return dict(segments)


def _before_record(sender, instance, raw=False, **kwargs):
    """An intake meeting or enrollment about to be saved or deleted: its people's segments as they are."""
    people = {instance.participant_id}
    if instance.pk is not None:
        people |= set(sender._default_manager.filter(pk=instance.pk).values_list("participant_id", flat=True))
    instance._segments_before = _derived_segments(people - {None})


def _after_record(sender, instance, **kwargs):
    """…and after: a person now in another segment (a disability recorded, the released-prisoners track or any
    program joined or left)."""
    before = getattr(instance, "_segments_before", {})
    after = _derived_segments(before)
    for participant_id, segments in before.items():
        moved = segments ^ after.get(participant_id, segments)  # the segments joined or left
        if moved:
            _moved_between_segments(participant_id, moved)
    instance._segments_before = {}


def _before_delete(sender, instance, **kwargs):
    instance._summary_touches = _participant(instance) if sender is Participant else TOUCHES[sender](instance)


def _after_delete(sender, instance, **kwargs):
    _apply(getattr(instance, "_summary_touches", []))


def connect():
    for model in (*TOUCHES, Participant):
        uid = f"summaries-{model.__name__}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-post-delete")
    for model in (IntakeMeeting, Enrollment):  # the records the derived segments are read from
        uid = f"segments-{model.__name__}"
        pre_save.connect(_before_record, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after_record, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(_before_record, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_after_record, sender=model, dispatch_uid=f"{uid}-post-delete")
