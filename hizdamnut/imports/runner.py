"""Running an import's command on an uploaded file: as a dry run for the preview (everything checked and saved,
then undone) or for real (all or nothing), its problems read back as (row, column, reason)."""

import io
import re
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from hizdamnut.bulk import read_rows
from hizdamnut.centers.scoping import visible_centers

from . import messages

UPLOADS = Path(tempfile.gettempdir()) / "hizdamnut-imports"
SUFFIXES = (".csv", ".xlsx")
_PROBLEM = re.compile(r"^row (\d+): ([^:]+): (.*)$")


@dataclass
class Problem:
    row: int
    column: str
    reason: str


@dataclass
class Outcome:
    problems: list = field(default_factory=list)
    rows: int = 0
    done: bool = False
    summary: str = ""


def as_data(outcome):
    """An outcome as JSON (a background job keeps it for the page that shows it)."""
    return asdict(outcome)


def from_data(data):
    return Outcome(**{**data, "problems": [Problem(**problem) for problem in data["problems"]]})


class _DryRun(Exception):
    pass


def store(upload):
    """Keeps an uploaded file for the preview and the save; returns its token (the name, never a path)."""
    suffix = Path(upload.name).suffix.lower()
    UPLOADS.mkdir(parents=True, exist_ok=True)
    token = f"{uuid.uuid4().hex}{suffix}"
    with (UPLOADS / token).open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return token


def stored(token):
    """The stored file of a token, or None (tokens are made by `store`: a hex name and a known suffix)."""
    if not re.fullmatch(r"[0-9a-f]{32}\.(csv|xlsx)", token or ""):
        return None
    path = UPLOADS / token
    return path if path.exists() else None


def discard(token):
    if (path := stored(token)) is not None:
        path.unlink(missing_ok=True)


def foreign_centers(path, actor):
    """Problems for rows naming a center the actor does not work at: from the web, a user writes only to her own
    centers (survey responses have no acting user in the command, so this is their only check)."""
    try:
        rows = read_rows(path)
    except CommandError:
        return []  # the command itself names a file it cannot read
    own = {code.upper() for code in visible_centers(actor).values_list("code", flat=True)}
    return [Problem(number, "center_code", messages.reason(f"not one of your centers “{row.get('center_code', '')}”"))
            for number, row in enumerate(rows, start=1)
            if row.get("center_code") and row["center_code"].upper() not in own]


def run(item, path, *, actor, choice=None, dry_run):
    """Runs the import's command on `path` as `actor`; with `dry_run` nothing it wrote is kept."""
    if problems := foreign_centers(path, actor):
        return Outcome(problems=problems)
    args = [str(path)]
    if item.as_user:
        args += ["--as-user", actor.get_username()]
    if item.choice is not None:
        args += [item.choice.option, str(choice)]
    out, err = io.StringIO(), io.StringIO()
    outcome = Outcome()
    try:
        with transaction.atomic():
            call_command(item.command, *args, stdout=out, stderr=err)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except CommandError as exc:
        err.write(f"\n{exc}")
    except SystemExit:
        pass
    for line in err.getvalue().splitlines():
        if found := _PROBLEM.match(line.strip()):
            number, column, reason = found.groups()
            outcome.problems.append(Problem(int(number), column, messages.reason(reason, path=path)))
        elif line.strip() and not messages.is_summary(line):
            outcome.problems.append(Problem(0, "", messages.reason(line.strip(), path=path)))
    outcome.summary = out.getvalue().strip()
    outcome.rows = messages.count(outcome.summary)
    outcome.done = not outcome.problems and not dry_run
    return outcome
