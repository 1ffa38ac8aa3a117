"""Loading the programs catalog from its versioned JSON file (data, not code: a center may change it)."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .eligibility import unknown_rules
from .models import Program, ProgramKind

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "programs.json"


def read_catalog(path=DEFAULT_FILE):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data["programs"] if isinstance(data, dict) else data


def check_catalog(items):
    """Every problem in the file as 'row N: column: reason' (rows count from 1)."""
    problems = []
    seen = set()
    for n, item in enumerate(items, start=1):
        for column in ("code", "kind", "name_he", "name_en"):
            if not str(item.get(column) or "").strip():
                problems.append(f"row {n}: {column}: missing")
        if item.get("kind") and item["kind"] not in ProgramKind.values:
            problems.append(f"row {n}: kind: unknown kind “{item['kind']}”")
        if item.get("code") in seen:
            problems.append(f"row {n}: code: appears twice")
        seen.add(item.get("code"))
        for rule in unknown_rules(item.get("eligibility")):
            problems.append(f"row {n}: eligibility: unknown rule “{rule}”")
        capacity = item.get("capacity", 15)
        if not isinstance(capacity, int) or capacity <= 0:
            problems.append(f"row {n}: capacity: must be a whole number above 0")
    return problems


@transaction.atomic
def load_catalog(items):
    """Creates or updates programs by code (idempotent). Returns (created, updated)."""
    problems = check_catalog(items)
    if problems:
        raise ValidationError(problems)
    created = updated = 0
    for item in items:
        _program, was_created = Program.objects.update_or_create(code=item["code"], defaults={
            "kind": item["kind"], "name_he": item["name_he"], "name_en": item["name_en"],
            "description_he": item.get("description_he", ""), "description_en": item.get("description_en", ""),
            "eligibility": item.get("eligibility", []), "default_capacity": item.get("capacity", 15),
            "is_active": item.get("active", True),
        })
        created += was_created
        updated += not was_created
    return created, updated
