#!/usr/bin/env python3
"""Set up and run Hizdamnut on a machine that has only Python 3.11+.

    python3 dev.py start   install, migrate SQLite, load demo data if empty, serve http://127.0.0.1:8000 (with a
                           background worker for exports and imports, stopped with the server)
    python3 dev.py test    install, run the whole test suite on every core (extra arguments go to pytest;
                           `-n 0` runs it in one process)

Everything is installed into .venv from the lock file requirements.txt.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
LOCK = ROOT / "requirements.txt"
STAMP = VENV / ".requirements.sha256"


def development_environment():
    """This machine is a developer's: Django may use its built-in key and DEBUG (see hizdamnut/settings.py)."""
    os.environ.setdefault("HZ_DEV", "1")


def run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=True, **kwargs)


def ensure_environment():
    # dev.py may be started by an older python than the project's (target py311): keep telling them so.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit("Hizdamnut needs Python 3.11 or newer.")
    if not PYTHON.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Installing dependencies from requirements.txt …", flush=True)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", LOCK)
        STAMP.write_text(wanted)


def start(extra):
    ensure_environment()
    development_environment()
    manage = [PYTHON, "manage.py"]
    run(*manage, "migrate", "--verbosity", "0")
    run(*manage, "seed_demo", "--if-empty", "--centers", "4", "--participants", "240", "--seed", "1")
    run(*manage, "demo_logins")
    print("\nHizdamnut is at http://127.0.0.1:8000  (Ctrl+C stops it)\n", flush=True)
    # Exports and imports run in the background while the page shows their progress (hizdamnut/jobs): a task
    # worker runs beside the server and stops with it. It does not reload on code changes; restart to see them.
    worker = subprocess.Popen([str(PYTHON), "manage.py", "db_worker", "--no-reload", "--verbosity", "0"], cwd=ROOT)
    try:
        subprocess.run([str(PYTHON), "manage.py", "runserver", "127.0.0.1:8000", *extra], cwd=ROOT)
    except KeyboardInterrupt:
        pass
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def test(extra):
    ensure_environment()
    development_environment()
    # Every core (pytest-xdist), each test file on one worker: a demo built once per module is built once. A later
    # `-n` among the extra arguments wins.
    parallel = ["-n", "auto", "--dist", "loadfile"]
    result = subprocess.run([str(PYTHON), "-m", "pytest", *parallel, *extra], cwd=ROOT)
    sys.exit(result.returncode)


if __name__ == "__main__":
    commands = {"start": start, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])
