"""Every catalog is fully translated, and its compiled .mo matches the .po (so nobody forgets to compile)."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1] / "hizdamnut"
CATALOGS = sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po"))


def test_there_is_a_hebrew_catalog():
    assert any("/he/" in str(path) for path in CATALOGS)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_is_complete_and_compiled(path):
    po = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated[:5]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:5]}"
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run compilemessages"
    compiled = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in polib.mofile(str(mo_path))
    }
    source = {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in po.translated_entries()}
    assert compiled == source, f"{mo_path} is stale: run compilemessages"


def test_no_message_is_translated_two_ways():
    """Django merges every catalog into one, so a msgid translated differently in two apps shows one app's
    wording in the other's pages. Words that differ by meaning need a context (pgettext)."""
    seen = {}
    clashes = []
    for path in CATALOGS:
        for entry in polib.pofile(str(path)).translated_entries():
            key = (entry.msgctxt, entry.msgid)
            value = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            if key in seen and seen[key][0] != value:
                clashes.append(f"{key}: {seen[key][1]} vs {path.relative_to(ROOT)}")
            seen.setdefault(key, (value, path.relative_to(ROOT)))
    assert not clashes, "\n".join(clashes)
