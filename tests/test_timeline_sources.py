"""Every app that records dated events about participants feeds the participant's timeline.

The test scans the models of every installed hizdamnut app for date and datetime fields on models linked to
Participant (directly or through up to two foreign keys) and fails when such an app registers no timeline
source, unless the date is listed below as not being an event (a birth date, a bookkeeping timestamp…).
"""

from django.apps import apps
from django.db import models

from hizdamnut.participants.models import Participant
from hizdamnut.participants.timeline import registered_sources

# Dates that describe a record rather than mark something that happened to the person.
NOT_EVENTS = {
    "participants.Participant.birth_date",
    "participants.Participant.welfare_file_since",
    "participants.Participant.welfare_file_last_active",
    "participants.Participant.updated_at",
    "plans.CareerPlan.created_at",  # the plan's goals, tasks and meetings are the events
    "plans.CareerPlan.updated_at",
    "plans.PlanChange.changed_at",  # shown in the plan's own history
    "employers.CandidateProfile.updated_at",
}
BOOKKEEPING = {"created_at", "updated_at", "recorded_at", "changed_at", "status_changed_at"}


def _links_to_participant(model, depth=3):
    if model is Participant:
        return True
    if depth == 0:
        return False
    return any(
        _links_to_participant(field.related_model, depth - 1)
        for field in model._meta.get_fields()
        if isinstance(field, (models.ForeignKey, models.OneToOneField)) and field.related_model is not None
        and field.related_model._meta.app_label != "auth"
    )


def dated_fields_about_participants():
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("hizdamnut."):
            continue
        for model in config.get_models():
            if not _links_to_participant(model):
                continue
            for field in model._meta.get_fields():
                if not isinstance(field, (models.DateField, models.DateTimeField)):
                    continue
                name = f"{config.label}.{model.__name__}.{field.name}"
                if name in NOT_EVENTS or (field.name in BOOKKEEPING and model is not Participant):
                    continue
                found.setdefault(config.label, []).append(name)
    return found


def test_the_timeline_has_a_source_in_each_app_with_dated_events():
    sources = registered_sources()
    print("timeline sources:", {label: [s.__qualname__ for s in fns] for label, fns in sorted(sources.items())})
    missing = {label: fields for label, fields in dated_fields_about_participants().items() if not sources.get(label)}
    assert not missing, f"apps with dated events but no timeline source: {missing}"


def test_the_known_sources_are_registered():
    assert set(registered_sources()) >= {
        "participants", "inquiries", "intake", "plans", "programs", "employers", "training", "placements"}
