from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_system_checks_pass():
    call_command("check", stdout=StringIO())


def test_every_management_command_is_documented():
    from pathlib import Path

    from django.core.management import get_commands

    documented = (Path(__file__).resolve().parents[1] / "docs" / "commands.md").read_text(encoding="utf-8")
    ours = [name for name, app in get_commands().items() if app.startswith("hizdamnut.")]
    assert ours and all(f"## `{name}`" in documented for name in ours)
