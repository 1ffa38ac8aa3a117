"""Least privilege by field: which data class each field is, which role reads which class, and the one redactor.

Pages, the API (through `PrivateSchema`) and exports all ask here, so a role's view of a record is decided once.
The matrix is written out for people in docs/security.md; `tests/test_privacy_matrix.py` checks both agree.
"""

import copy
import datetime
from contextvars import ContextVar
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import model_validator

from .roles import Role
from .scoping import user_role


class DataClass(models.TextChoices):
    IDENTITY = "identity", _("Identity")
    CONTACT = "contact", _("Contact")
    WELFARE = "welfare", _("Welfare")
    HEALTH = "health", _("Health and disability")
    CRIMINAL = "criminal", _("Criminal record")
    THERAPEUTIC = "therapeutic", _("Therapeutic notes")
    EMPLOYMENT = "employment", _("Employment")


IDN, CON, WEL, HEA, CRI, THE, EMP = DataClass

# Each personal field of each model (by `app_label.model`) and its class; a field not named here carries no
# personal data (ids, center, status, dates of service) and is visible to every role that may open the record.
DATA_CLASSES = {
    "participants.participant": {
        "first_name": IDN, "last_name": IDN, "id_number": IDN, "birth_date": IDN, "gender": IDN,
        "full_name": IDN, "name": IDN,
        "phone": CON, "email": CON, "city": CON,
        "children_under_18": WEL, "single_parent": WEL, "has_welfare_file": WEL, "welfare_file_since": WEL,
        "welfare_file_last_active": WEL,
        "languages": EMP,
    },
    "inquiries.inquiry": {
        "first_name": IDN, "last_name": IDN, "id_number": IDN, "phone": CON, "notes": WEL,
        "referring_department": WEL, "referring_worker": WEL,
    },
    "intake.intakemeeting": {
        "needs": WEL, "disability_percent": HEA,
        "goals": EMP, "work_history": EMP, "education": EMP, "languages": EMP, "licences": EMP, "strengths": EMP,
        # The five readiness scores (1-5) name nobody and feed the routing model: pseudonymous, shown to all.
        # "barriers" is split code by code: see BARRIER_CLASSES.
    },
    "plans.careerplan": {"vision": EMP},
    "plans.goal": {"what": EMP, "measure": EMP, "target": EMP, "why": EMP},
    "plans.task": {"title": EMP},
    "plans.note": {"text": WEL},  # a team note; a therapeutic note's text is THE (see field_class)
    "plans.planchange": {"what": EMP},  # "goal added: …" repeats the goal
    "participants.statuschange": {"note": WEL},
    "placements.followup": {"difficulties": EMP, "support_given": EMP},
    "plans.event": {"title": WEL, "detail": WEL},
}

# An intake meeting's barriers, code by code: employer and training roles see the skill gaps matching needs.
BARRIER_CLASSES = {
    "health": HEA, "disability": HEA, "mental_health": HEA, "addiction": HEA,
    "criminal_record": CRI,
    "low_confidence": WEL, "social_isolation": WEL, "communication": WEL, "childcare": WEL, "caring_for_relative": WEL,
    "family_crisis": WEL, "debts_enforcement": WEL, "housing": WEL,
    "language": EMP, "no_qualification": EMP, "digital_skills": EMP, "transport": EMP,
}

_EVERYTHING_BUT_THERAPY = frozenset(DataClass) - {THE}

# Role × data class. Therapeutic notes are further limited to their author and the center manager (plans app).
ROLE_ACCESS = {
    Role.COORDINATOR: _EVERYTHING_BUT_THERAPY,
    Role.SOCIAL_WORKER: frozenset(DataClass),
    Role.COACH: _EVERYTHING_BUT_THERAPY,
    Role.EMPLOYER_LEAD: frozenset({IDN, CON, EMP}),
    Role.TRAINING_COORDINATOR: frozenset({IDN, CON, EMP}),
    Role.MANAGER: frozenset(DataClass),
    Role.NATIONAL_VIEWER: frozenset(),  # aggregates and pseudonymous records: id, center, status, age band
    Role.SYSTEM_ADMIN: _EVERYTHING_BUT_THERAPY,
}


def classes_for(user):
    """The data classes `user` may read."""
    if getattr(user, "is_superuser", False):
        return frozenset(DataClass)
    return ROLE_ACCESS.get(user_role(user), frozenset())


def _label(model):
    return model if isinstance(model, str) else model._meta.label_lower


def field_class(model, name, obj=None):
    if _label(model) == "plans.note" and name == "text" and getattr(obj, "kind", None) == "therapeutic":
        return THE
    return DATA_CLASSES.get(_label(model), {}).get(name)


def hidden_fields(user, model):
    """Names of `model`'s fields whose data class `user` may not read."""
    allowed = classes_for(user)
    return {name for name, cls in DATA_CLASSES.get(_label(model), {}).items() if cls not in allowed}


def hidden_classes(user, model):
    allowed = classes_for(user)
    return {cls for cls in DATA_CLASSES.get(_label(model), {}).values() if cls not in allowed}


def visible_fields(user, model):
    """Names of `model`'s concrete fields `user` may read."""
    hidden = hidden_fields(user, model)
    return [f.name for f in model._meta.concrete_fields if f.name not in hidden]


def visible_barriers(user, codes):
    allowed = classes_for(user)
    return [code for code in codes or [] if BARRIER_CLASSES.get(code, HEA) in allowed]


def sees_identity(user):
    return IDN in classes_for(user)


def allowed_search(user, text):
    """A search by name, ID number or phone links a person to the record: only for roles that see identity."""
    return text if sees_identity(user) else ""


def redact(user, obj, model=None):
    """A copy of `obj` (a model instance, a dict or a plain object such as a timeline event) with what `user` may
    not read blanked (None, or "" for text).

    The original is untouched, so a view can redact what it renders and still save what it was given. `model` is
    the model or its label (`"plans.event"` for an object that is no model); by default `obj`'s own model.
    """
    model = model or type(obj)
    allowed = classes_for(user)
    hidden = {name for name in DATA_CLASSES.get(_label(model), {}) if field_class(model, name, obj) not in allowed}
    barriers = _label(model) == "intake.intakemeeting"
    if not hidden and not barriers:
        return obj
    if isinstance(obj, dict):
        out = {k: (None if k in hidden else v) for k, v in obj.items()}
        if barriers and "barriers" in out:
            out["barriers"] = visible_barriers(user, out["barriers"])
        return out
    out = copy.copy(obj)
    if isinstance(model, str):  # not a model: blank the named attributes it has
        for name in hidden:
            if hasattr(out, name):
                setattr(out, name, "" if isinstance(getattr(out, name), str) else None)
        return out
    for field in model._meta.concrete_fields:
        if field.name not in hidden:
            continue
        if field.is_relation:
            out._state.fields_cache[field.name] = None
        out.__dict__[field.attname] = "" if isinstance(field, (models.CharField, models.TextField)) else None
    if IDN in hidden_classes(user, model) and hasattr(out, "last_name"):
        out.last_name = pseudonym(obj.pk)  # the record's number stands where the name was
    if barriers:
        out.barriers = visible_barriers(user, obj.barriers)
    out.redacted = bool(hidden)
    return out


def redact_each(user, objs, model=None):
    """`redact` over a list of records (the list a page renders)."""
    return [redact(user, obj, model) for obj in objs]


def age_band(birth_date, today=None):
    """A pseudonymous age: the ten-year band ("30-39"), or None."""
    if not birth_date:
        return None
    today = today or datetime.date.today()
    age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    low = max(age // 10 * 10, 0)
    return f"{low}-{low + 9}"


class PrivateSchema(Schema):
    """An API response whose fields of a data class the caller may not read come out null (barriers filtered).

    Subclasses name their model: `privacy_model: ClassVar[str] = "participants.participant"`; fields that may be
    hidden are typed `… | None`.
    """

    privacy_model: ClassVar[str] = ""

    @model_validator(mode="after")
    def _redact(self, info):
        request = (info.context or {}).get("request")
        user = getattr(request, "user", None)
        if user is None:
            return self
        allowed = classes_for(user)
        for name in type(self).model_fields:
            cls = field_class(self.privacy_model, name, self)
            if cls is not None and cls not in allowed:
                setattr(self, name, None)
        if self.privacy_model == "intake.intakemeeting" and "barriers" in type(self).model_fields:
            self.barriers = visible_barriers(user, self.barriers)
        return self


# Who is looking, for the one place pages name a participant (`Participant.full_name`): a role without the identity
# class sees the record's number instead, on every page, without each template asking.
_viewer_request = ContextVar("privacy_viewer_request", default=None)


def identity_hidden():
    """True while serving a request whose user may not read identity (the national viewer)."""
    request = _viewer_request.get()
    user = getattr(request, "user", None) if request is not None else None
    return bool(user is not None and user.is_authenticated and not sees_identity(user))


def pseudonym(pk):
    return f"#{pk}"


class PrivacyViewerMiddleware:
    """Remembers the request for `identity_hidden`; the user is read lazily (API tokens sign in later)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _viewer_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _viewer_request.reset(token)
