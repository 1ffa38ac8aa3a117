"""The settings module refuses to run without a secret key and passes Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_python(code, **env):
    clean = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "hizdamnut.settings", **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_without_secret_key_or_dev_flag_the_settings_refuse_to_load():
    result = run_python("import hizdamnut.settings")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_the_dev_flag_allows_the_built_in_key_and_turns_debug_on():
    result = run_python("import hizdamnut.settings as s; print(s.DEBUG, s.SECRET_KEY)", HZ_DEV="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "dev-only-insecure-key"]


def test_a_secret_key_alone_means_production():
    result = run_python("import hizdamnut.settings as s; print(s.DEBUG)", SECRET_KEY="x" * 60)
    assert result.stdout.strip() == "False"


def test_the_deployment_checklist_passes_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "ALLOWED_HOSTS": "hizdamnut.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
