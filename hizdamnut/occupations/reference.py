"""The shipped reference data: ISCO-08 groups (data/isco08.json) and Hebrew job-title synonyms (data/synonyms.csv)."""

import csv
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
ISCO_FILE = DATA_DIR / "isco08.json"
SYNONYMS_FILE = DATA_DIR / "synonyms.csv"


def read_isco(path=ISCO_FILE):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)["occupations"]


def read_synonyms(path=SYNONYMS_FILE):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [(row["title"].strip(), row["code"].strip()) for row in csv.DictReader(fh) if row["title"].strip()]


def load_reference(occupation_model, synonym_model, *, isco_path=ISCO_FILE, synonyms_path=SYNONYMS_FILE):
    """Create or update every group and synonym from the files (idempotent: codes and titles are the keys).

    Takes the model classes so that a data migration can pass its historical models. Returns the counts written.
    """
    by_code = {}
    groups = read_isco(isco_path)
    for row in groups:  # parents come before their children in the file
        by_code[row["code"]], _ = occupation_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "level": row["level"],
                "parent": by_code[row["parent"]] if row["parent"] else None,
                "title_en": row["title_en"],
                "title_he": row["title_he"],
            },
        )
    synonyms = read_synonyms(synonyms_path)
    for title, code in synonyms:
        synonym_model.objects.update_or_create(title_he=title, defaults={"occupation": by_code[code]})
    return {"occupations": len(groups), "synonyms": len(synonyms)}


def ensure_loaded():
    """Load the classification if a flush emptied it (transactional tests do, as for the cities)."""
    from .models import Occupation, OccupationSynonym

    if not Occupation.objects.exists():
        load_reference(Occupation, OccupationSynonym)
