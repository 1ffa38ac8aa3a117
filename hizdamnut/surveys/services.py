"""Questionnaires as data, and recording anonymous responses (web, paper, import)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hizdamnut.centers.permissions import require_writer

from .models import Answer, Questionnaire, QuestionnaireItem, Scale, SurveyResponse

CODE_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
SCALE_VALUES = frozenset(Scale.values)


def _check_code(value, field):
    if not isinstance(value, str) or not CODE_RE.match(value):
        raise ValidationError({field: _("Use Latin letters, digits, “-” or “_”.")})


def _validate_definition(data):
    """Check a questionnaire definition (docs/formats.md "Questionnaires") before anything is written."""
    if not isinstance(data, dict):
        raise ValidationError({"code": _("The file must hold one JSON object.")})
    _check_code(data.get("code"), "code")
    if not (data.get("title_he") or "").strip():
        raise ValidationError({"title_he": _("A Hebrew title is required.")})
    items = data.get("items")
    if not isinstance(items, list) or not items:
        raise ValidationError({"items": _("A questionnaire needs at least one item.")})
    seen = set()
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValidationError({"items": _("Item %(n)s is not an object.") % {"n": index}})
        _check_code(item.get("code"), "items")
        if item["code"] in seen:
            raise ValidationError({"items": _("Item code “%(code)s” appears twice.") % {"code": item["code"]}})
        seen.add(item["code"])
        if not (item.get("text_he") or "").strip():
            raise ValidationError({"items": _("Item “%(code)s” has no Hebrew text.") % {"code": item["code"]}})
        _check_code(item.get("domain"), "items")
        if not isinstance(item.get("reverse", False), bool):
            raise ValidationError(
                {"items": _("Item “%(code)s”: reverse must be true or false.") % {"code": item["code"]}}
            )


@transaction.atomic
def load_questionnaire(data):
    """Creates or updates a questionnaire from its definition, keyed by code (idempotent).

    Items keep their code as a stable key; an item that has answers cannot be dropped, so past
    reports stay explainable. Returns (questionnaire, created).
    """
    _validate_definition(data)
    domain_labels = {
        d["code"]: {"he": d.get("label_he", ""), "en": d.get("label_en", "")}
        for d in data.get("domains", []) if isinstance(d, dict) and d.get("code")
    }
    questionnaire, created = Questionnaire.objects.update_or_create(
        code=data["code"],
        defaults={"title_he": data["title_he"].strip(), "title_en": (data.get("title_en") or "").strip(),
                  "domain_labels": domain_labels},
    )
    codes = [item["code"] for item in data["items"]]
    dropped = questionnaire.items.exclude(code__in=codes)
    answered = list(dropped.filter(answers__isnull=False).values_list("code", flat=True).distinct())
    if answered:
        raise ValidationError({"items": _("Items with answers cannot be removed: %(codes)s.") % {
            "codes": ", ".join(sorted(answered))}})
    dropped.delete()
    for position, item in enumerate(data["items"], start=1):
        QuestionnaireItem.objects.update_or_create(
            questionnaire=questionnaire, code=item["code"],
            defaults={"text_he": item["text_he"].strip(), "text_en": (item.get("text_en") or "").strip(),
                      "domain": item["domain"], "reverse": item.get("reverse", False), "position": position},
        )
    return questionnaire, created


def clean_value(raw):
    """A scale value 1–4, or None for no answer; raises ValueError otherwise."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if text == "":
        return None
    if text not in {"1", "2", "3", "4"}:
        raise ValueError(text)
    return int(text)


def _validate_answers(questionnaire, answers, items=None):
    items = items if items is not None else list(questionnaire.items.all())
    known = {item.code for item in items}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValidationError({"answers": _("Unknown item: %(codes)s.") % {"codes": ", ".join(unknown)}})
    cleaned = {}
    for code, raw in answers.items():
        try:
            cleaned[code] = clean_value(raw)
        except ValueError:
            raise ValidationError({code: _("Answer 1–4 or leave empty.")}) from None
    return items, cleaned


def _create(questionnaire, center, answered_on, source, entered_by, items, cleaned):
    response = SurveyResponse.objects.create(
        questionnaire=questionnaire, center=center, answered_on=answered_on, source=source, entered_by=entered_by,
    )
    Answer.objects.bulk_create(
        [Answer(response=response, item=item, value=cleaned.get(item.code)) for item in items]
    )
    return response


@transaction.atomic
def submit_anonymous_response(*, questionnaire, center, answers):
    """Records one anonymous web-form response: no user, no personal data, dated today."""
    if not questionnaire.is_active:
        raise ValidationError(_("This questionnaire is closed."))
    items, cleaned = _validate_answers(questionnaire, answers)
    return _create(questionnaire, center, timezone.localdate(), SurveyResponse.Source.WEB, None, items, cleaned)


@transaction.atomic
def enter_paper_response(*, actor, questionnaire, center, answered_on, answers):
    """Staff type in a paper questionnaire of one of their centers; it cannot be dated in the future."""
    require_writer(actor, center)
    if answered_on is None or answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("Give the day the questionnaire was filled (not in the future).")})
    items, cleaned = _validate_answers(questionnaire, answers)
    return _create(questionnaire, center, answered_on, SurveyResponse.Source.PAPER, actor, items, cleaned)


def check_import_rows(*, questionnaire, rows, centers_by_code):
    """Checks every row of an import (docs/formats.md); returns (good rows, ["row N: column: reason", ...]).

    `rows` are dicts of column → raw value, in file order (row 1 = first data row).
    """
    from datetime import date

    items = list(questionnaire.items.all())
    item_codes = [item.code for item in items]
    errors, good = [], []
    today = timezone.localdate()
    for number, row in enumerate(rows, start=1):
        row_errors = []
        center = centers_by_code.get(str(row.get("center_code") or "").strip().upper())
        if center is None:
            row_errors.append(f"row {number}: center_code: " + _("unknown center code “%(code)s”") % {
                "code": row.get("center_code") or ""})
        raw_day = row.get("answered_on")
        answered_on = None
        if hasattr(raw_day, "year") and hasattr(raw_day, "day"):
            answered_on = raw_day.date() if hasattr(raw_day, "date") else raw_day
        else:
            try:
                answered_on = date.fromisoformat(str(raw_day or "").strip())
            except ValueError:
                row_errors.append(f"row {number}: answered_on: " + _("not a date (YYYY-MM-DD)"))
        if answered_on and answered_on > today:
            row_errors.append(f"row {number}: answered_on: " + _("in the future"))
        cleaned = {}
        for code in item_codes:
            try:
                cleaned[code] = clean_value(row.get(code))
            except ValueError as exc:
                row_errors.append(f"row {number}: {code}: " + _("“%(value)s” is not 1–4 or empty") % {"value": exc})
        if row_errors:
            errors.extend(row_errors)
        else:
            good.append((center, answered_on, cleaned))
    return good, errors


@transaction.atomic
def import_responses(*, questionnaire, checked_rows, actor=None):
    """Writes rows already checked by `check_import_rows` (all or nothing)."""
    items = list(questionnaire.items.all())
    return [
        _create(questionnaire, center, answered_on, SurveyResponse.Source.IMPORT, actor, items, cleaned)
        for center, answered_on, cleaned in checked_rows
    ]
