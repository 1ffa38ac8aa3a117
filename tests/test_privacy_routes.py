"""Least privilege on every route: generated from the URL conf, the API router and the role × data matrix.

`tests/test_privacy_matrix.py` checks the participant's own pages class by class. This test sweeps everything
else: it builds the authorization matrix's world (a participant with an inquiry, intake meeting, plan, cohort,
candidacy, placement, follow-up, training application and referral in each of two centers), stamps every
personal field of every record named in `centers.privacy.DATA_CLASSES` with a unique value, then opens every page
of the URL conf a role may open and every GET operation of the API, as the national viewer, the employer-relations
lead and the training coordinator. A value of a data class the matrix withholds from the role must appear in no
response body. A new page or API route is swept without being listed here.
"""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from hizdamnut.api.models import ApiToken
from hizdamnut.centers.privacy import DATA_CLASSES, DataClass, classes_for, field_class
from hizdamnut.centers.roles import NATIONWIDE_ROLES, Role
from hizdamnut.centers.scoping import user_role
from hizdamnut.participants.models import Participant, StatusChange
from hizdamnut.plans.models import CareerPlan, Note, NoteKind, PlanChange
from tests import test_authorization_matrix as authz

pytestmark = pytest.mark.django_db

world = authz.world  # the fixture: one object of each kind in each of two centers
ROLES = [Role.NATIONAL_VIEWER, Role.EMPLOYER_LEAD, Role.TRAINING_COORDINATOR]


def stamp_personal_data():
    """Gives every personal text field of every record a value found nowhere else; returns {value: data class}.

    ID numbers and phones keep their (unique, digit-only) factory values; fields with choices keep theirs.
    """
    author = get_user_model().objects.order_by("pk").first()
    for participant in Participant.objects.all():
        # A team note (welfare) and a therapeutic note, a status change and a plan change on every file.
        for kind in (NoteKind.TEAM, NoteKind.THERAPEUTIC):
            Note.objects.create(participant=participant, kind=kind, text="-", author=author)
        StatusChange.objects.create(participant=participant, status=participant.status,
                                    changed_on=datetime.date.today(), note="-")
        for plan in CareerPlan.objects.filter(participant=participant):
            PlanChange.objects.create(plan=plan, changed_by=author, what="-")
    values = {}
    for label, fields in DATA_CLASSES.items():
        if label == "plans.event":
            continue  # a timeline event is assembled from the records above, not stored
        model = apps.get_model(label)
        concrete = {f.name: f for f in model._meta.concrete_fields}
        for obj in model._base_manager.all():
            changed = {}
            for name in fields:
                field = concrete.get(name)
                if field is None or field.choices or not isinstance(field, models.CharField | models.TextField):
                    continue
                if name in ("id_number", "phone"):
                    value = getattr(obj, name)
                elif isinstance(field, models.EmailField):
                    value = f"pd{label.split('.')[1]}{obj.pk}@example.org"
                else:
                    value = f"PD{label.split('.')[1][:3]}{obj.pk}{name[:3]}Q"
                if not value or (field.max_length and len(value) > field.max_length):
                    continue
                changed[name] = value
                values[value] = field_class(model, name, obj)
            if changed:
                model._base_manager.filter(pk=obj.pk).update(**changed)
    return values


def found(body, values):
    return {value for value in values if value in body}


def page_body(response):
    """The text of a page, or of every cell of an Excel export."""
    if "spreadsheet" in response.get("Content-Type", ""):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return response.content.decode(errors="replace")


def api_body(response):
    try:
        return json.dumps(response.json(), ensure_ascii=False)
    except ValueError:
        return response.content.decode(errors="replace")


def sweep(client, user, world_own):
    """(route, body) of every page `user`'s role may open and every API GET, on the user's own center's objects."""
    role = user_role(user)
    client.force_login(user)
    for name, (who, what, method) in authz.ROUTES.items():
        if method != authz.GET or who == authz.PUBLIC or not authz.may_open(role, who):
            continue
        kwargs, query = world_own[what]
        response = client.get(reverse(name, kwargs=kwargs), query)
        if response.status_code == 200:
            yield name, page_body(response)
    header = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)[1]}"}
    ids = authz.api_ids(world_own)
    for path, _operation in authz.api_get_operations():
        response = client.get(authz.fill(path, ids), **header)
        if response.status_code == 200:
            yield f"GET {path}", api_body(response)


@pytest.mark.parametrize("role", ROLES)
def test_no_page_or_api_route_shows_what_the_matrix_withholds_from_the_role(client, staff, world, role):
    values = stamp_personal_data()
    user = staff(role, centers=[] if role in NATIONWIDE_ROLES else None, username=f"sweep_{role}")
    allowed = classes_for(user)
    withheld = {value for value, cls in values.items() if cls not in allowed}
    granted = {value for value, cls in values.items() if cls in allowed}
    assert withheld, "the world holds no personal data this role may not read"
    leaks, shown, routes = [], set(), 0
    for route, body in sweep(client, user, world["own"]):
        routes += 1
        leaks += [f"{route}: {values[value]} {value!r}" for value in sorted(found(body, withheld))]
        shown |= found(body, granted)
    assert routes > 50
    assert not leaks, "\n".join(leaks)
    if role != Role.NATIONAL_VIEWER:
        # The sweep reaches the data: what the role may read does show somewhere.
        assert {values[value] for value in shown} >= {DataClass.IDENTITY, DataClass.CONTACT, DataClass.EMPLOYMENT}
