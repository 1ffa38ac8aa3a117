"""The house order is a test: an app imports only from apps before it (README, "Layout").

Every non-test module under hizdamnut/ is parsed (not imported); each `import` and `from … import`, at module
level or inside a function, relative ones resolved, must point to the same app or an earlier one. Migrations are
checked too: they run on every deploy, so a migration importing a later app's code ties that app to the earlier
one just as firmly as a service would. Tests (`*/tests/*`, `conftest.py`) may import anything.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "hizdamnut"

# The apps, earliest first. Keep in step with README.md ("Layout").
ORDER = [
    "centers",
    "accounts",
    "audit",
    "jobs",
    "participants",
    "directory",
    "occupations",
    "inquiries",
    "intake",
    "plans",
    "programs",
    "employers",
    "training",
    "placements",
    "surveys",
    "imports",
    "reports",
    "backups",
    "api",
    "demo",
]

# Modules directly in hizdamnut/ are "project" level, of two kinds:
# - assemblers put the apps together (settings, URL tree, WSGI, the landing page): they may import anything, and
#   nothing but another assembler may import them;
# - shared plumbing that every app may use: it sits just after `audit`, so it may import only centers and audit
#   (and other plumbing). The menu (`navigation`) names pages by URL name, not by import, so it is plumbing too:
#   participants' record page uses its links.
ASSEMBLERS = {"settings", "urls", "wsgi", "asgi", "views"}
PLUMBING = {
    "__init__", "bulk", "formats", "form_submit", "ics", "language", "navigation", "pagination", "routers",
    "versioning", "widgets",
}
PLUMBING_AFTER = "audit"

# Known violations waiting for another change: (importing file, imported module), each with a TODO naming it.
# An entry that no longer matches anything fails `test_the_allow_list_has_no_stale_entries`.
ALLOWED = set()


def layer_of(module):
    """The layer a dotted module `hizdamnut.x[.…]` belongs to: an app name, "plumbing", "assembly" or None."""
    parts = module.split(".")
    if parts[0] != PACKAGE or len(parts) < 2:
        return None
    top = parts[1]
    if top in ORDER:
        return top
    if top in PLUMBING:
        return "plumbing"
    if top in ASSEMBLERS:
        return "assembly"
    return "unknown:" + top


def rank(layer):
    if layer == "plumbing":
        return ORDER.index(PLUMBING_AFTER) + 0.5
    if layer == "assembly":
        return len(ORDER)
    return ORDER.index(layer)


def module_of(relative_path):
    """`hizdamnut/plans/views.py` -> ("hizdamnut.plans.views", "hizdamnut.plans")."""
    parts = list(Path(relative_path).with_suffix("").parts)
    package = parts[:-1]
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts), ".".join(package)


def imported_modules(source, relative_path):
    """(line, dotted module) for every import of a hizdamnut module in `source`, relative ones made absolute."""
    _module, package = module_of(relative_path)
    found = []
    for node in ast.walk(ast.parse(source, filename=str(relative_path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            if name == PACKAGE:
                # `from hizdamnut import bulk` (or `from .. import bulk`) imports the module it names.
                found += [(node.lineno, f"{PACKAGE}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, name))
    return [(line, name) for line, name in found if name.split(".")[0] == PACKAGE]


def violations(source, relative_path):
    """Every import in `source` (the file at `relative_path`) that reaches a later layer, as "file:line: why"."""
    own = layer_of(f"{PACKAGE}.{Path(relative_path).parts[1].removesuffix('.py')}")
    problems = []
    if own is None or own.startswith("unknown:"):
        return [f"{relative_path}: not in ORDER, ASSEMBLERS or PLUMBING of tests/test_layers.py: give it a place"]
    for line, name in imported_modules(source, relative_path):
        target = layer_of(name)
        if target is None or target == own or (relative_path, name) in ALLOWED:
            continue
        if target.startswith("unknown:"):
            problems.append(f"{relative_path}:{line}: imports {name}, which has no place in the layer order")
        elif own == "assembly":
            continue
        elif rank(target) >= rank(own):
            problems.append(f"{relative_path}:{line}: {own} imports {name}, but {target} comes after {own}")
    return problems


def project_files():
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "tests" in relative.parts or path.name == "conftest.py" or path.name.startswith("test_"):
            continue
        yield relative, path


def test_no_app_imports_a_later_one():
    problems = []
    for relative, path in project_files():
        problems += violations(path.read_text(encoding="utf-8"), relative.as_posix())
    assert not problems, "Imports against the layer order (README, Layout):\n" + "\n".join(problems)


def test_the_allow_list_has_no_stale_entries():
    sources = {relative.as_posix(): path for relative, path in project_files()}
    stale = []
    for relative_path, name in sorted(ALLOWED):
        path = sources.get(relative_path)
        if path is None or name not in {n for _line, n in imported_modules(path.read_text("utf-8"), relative_path)}:
            stale.append(f"{relative_path} -> {name}")
    assert not stale, "Allowed imports that no longer exist (remove them from ALLOWED):\n" + "\n".join(stale)


def test_the_readme_states_the_same_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert " → ".join(f"`{app}`" for app in ORDER) in readme


FAKE_PARTICIPANTS_VIEW = """\
from django.db import models

from hizdamnut.centers.scoping import visible_center_ids
from . import services


def page(request):
    from hizdamnut.reports import indicators
    return indicators
"""


def test_the_checker_names_file_and_line_of_an_import_inside_a_function():
    assert violations(FAKE_PARTICIPANTS_VIEW, "hizdamnut/participants/views.py") == [
        "hizdamnut/participants/views.py:8: participants imports hizdamnut.reports, "
        "but reports comes after participants"
    ]


@pytest.mark.parametrize(
    "source, path",
    [
        ("import hizdamnut.plans.models\n", "hizdamnut/inquiries/models.py"),
        ("from ..placements.services import record_placement\n", "hizdamnut/employers/views.py"),
        ("from .... import intake\n", "hizdamnut/inquiries/management/commands/x.py"),
        ("from hizdamnut import urls\n", "hizdamnut/reports/views.py"),
        ("from hizdamnut.participants import selectors\n", "hizdamnut/bulk.py"),
        ("from .participants.models import Participant\n", "hizdamnut/form_submit.py"),
        ("from hizdamnut.bulk import run\n", "hizdamnut/audit/services.py"),
        ("from hizdamnut.api.models import ApiToken\n", "hizdamnut/audit/middleware.py"),
    ],
)
def test_the_checker_catches_a_later_import(source, path):
    assert len(violations(source, path)) == 1


@pytest.mark.parametrize(
    "source, path",
    [
        ("from hizdamnut.participants.models import Participant\n", "hizdamnut/inquiries/models.py"),
        ("from . import services\nfrom .models import Inquiry\n", "hizdamnut/inquiries/views.py"),
        ("from ....centers import roles\nfrom ...selectors import x\n", "hizdamnut/inquiries/management/commands/x.py"),
        ("from hizdamnut.bulk import run\nfrom hizdamnut import form_submit\n", "hizdamnut/training/views.py"),
        ("from hizdamnut.centers.roles import Role\n", "hizdamnut/navigation.py"),
        ("from hizdamnut.reports.views import dashboard\n", "hizdamnut/urls.py"),
        ("import django\nimport os\n", "hizdamnut/demo/core.py"),
    ],
)
def test_the_checker_lets_an_earlier_import_through(source, path):
    assert violations(source, path) == []
