"""The one framework of the bulk commands (every import_* command and screen_eligibility), docs/formats.md.

Every command that reads a file checks every row first and writes nothing if any row is bad,
printing `row N: <column>: <reason>` for each bad row and exiting with status 1. The pieces:
`read_checked_rows` (CSV or XLSX, required columns), `active_user` (the --as-user the changes are made as),
`problem` / `parse_date` / `parse_flag` / `parse_columns` (row checks), `fail` and `save_all_or_nothing` (all or
nothing; `save_in_batches` for a command that saves many rows at a time); `read_json` for the loaders of JSON files.
The report commands share `add_period_arguments` / `period` (a --from/--to period) and `write_report` (--output).
"""

import contextvars
import csv
import datetime
import io
import itertools
import json
import sys
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hizdamnut.centers import flags

# Text a spreadsheet would run as a formula when opened (CSV or Excel): "=HYPERLINK(...)", "+1+1", "@SUM", ...
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    """A value as every export writes it to a spreadsheet: text that starts like a formula gets a leading
    apostrophe so it stays text; numbers, dates and other text are unchanged (the one helper of every writer)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralized(row):
    return [neutralize(value) for value in row]


def fail(command, problems, *, summary=True):
    """Print every bad row (`row N: <column>: <reason>`) and stop the command with exit status 1.

    With `summary` the command ends on a CommandError counting the problems; without it, it prints the lines
    only (the inquiry and survey commands, whose output is the lines alone) and exits with SystemExit(1).
    """
    for line in problems:
        command.stderr.write(line)
    if not summary:
        raise SystemExit(1)
    raise CommandError(f"{len(problems)} problem(s) found; nothing was written.", returncode=1)


def read_json(path):
    """The content of a JSON file (UTF-8, with or without BOM): the loaders of rules kept as data (inquiry
    reasons, questionnaires). A file that cannot be read or parsed stops the command with a message naming it."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"cannot read {path}: {exc}") from exc


# An XLSX is a zip: refuse one that would unpack to more than this, or that compresses suspiciously well,
# before openpyxl inflates it (a "zip bomb" of a few KB can unpack to gigabytes).
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 100
# Windows-1255 is what Excel writes for a Hebrew CSV ("CSV (comma delimited)"); UTF-8 (with or without BOM) first.
CSV_ENCODINGS = ("utf-8-sig", "cp1255")


def read_table(path):
    """(header, rows) of a CSV (UTF-8, UTF-8 with BOM or Windows-1255) or an XLSX file's first sheet.

    Rows are dicts keyed by header with stripped text values (dates as YYYY-MM-DD); blank rows are skipped.
    A corrupt file, a file of another kind, a zip bomb or a cell holding a formula stops the command with a
    message naming the file (and each formula cell), before anything is read into the database.
    """
    path = Path(path)
    if not path.exists():
        raise CommandError(f"{path}: no such file")
    try:
        return _read_table(path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise CommandError(f"cannot read {path}: {exc}") from exc


def _check_xlsx(path):
    if not zipfile.is_zipfile(path):
        raise CommandError(f"{path}: not an XLSX spreadsheet (corrupt, or another kind of file)")
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if not any(m.filename == "[Content_Types].xml" for m in members):
            raise CommandError(f"{path}: not an XLSX spreadsheet (a zip without a workbook)")
        unpacked = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members) or 1
    if unpacked > MAX_XLSX_UNPACKED or unpacked / packed > MAX_XLSX_RATIO:
        raise CommandError(f"{path}: refused: it would unpack to {unpacked:,} bytes (ratio {unpacked // packed}:1)")


def _read_table(path):
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        _check_xlsx(path)
        # Not data_only: a formula must be seen as one (data_only reads it as empty when Excel cached no value).
        sheet = load_workbook(path, read_only=True, data_only=False).worksheets[0]
        cells = list(sheet.iter_rows())
        if not cells:
            return [], []
        header = [_cell_text(cell.value) for cell in cells[0]]
        formulas = [
            problem(number, header[index] if index < len(header) else f"column {index + 1}",
                    "a formula; paste its value instead")
            for number, row in enumerate(cells[1:], start=1)
            for index, cell in enumerate(row)
            if getattr(cell, "data_type", None) == "f"
        ]
        if formulas:
            raise CommandError(f"{path}: formulas are not imported:\n" + "\n".join(formulas))
        rows = [
            {name: _cell_text(cell.value) for name, cell in zip(header, row, strict=False) if name}
            for row in cells[1:]
            if any(getattr(cell, "value", None) not in (None, "") for cell in row)
        ]
        return header, rows
    text = _decode(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(name or "").strip() for name in reader.fieldnames or []]
    rows = [
        {(name or "").strip(): (value or "").strip() for name, value in row.items() if name}
        for row in reader
        if any((value or "").strip() for value in row.values() if isinstance(value, str))
    ]
    return header, rows


def _decode(path):
    data = path.read_bytes()
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        raise CommandError(f"{path}: not a CSV text file (save it as CSV or XLSX)")
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CommandError(f"{path}: not UTF-8 or Windows-1255 (Hebrew) text; save it as CSV UTF-8")


def read_rows(path):
    """The data rows of a CSV or XLSX file (see `read_table`)."""
    return read_table(path)[1]


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def require_columns(rows, required, path, *, command=None):
    """Stop the command if a required column is missing (an empty file has no rows, so nothing is missing).

    The message is a CommandError, or with `command` a line on its stderr and exit status 1 (see `fail`).
    """
    missing = [name for name in required if name not in rows[0]] if rows else []
    if not missing:
        return
    message = f"{path}: missing columns: {', '.join(missing)}"
    if command is not None:
        fail(command, [message], summary=False)
    raise CommandError(message)


def parse_date(text, *, required=False):
    """YYYY-MM-DD; empty is None, or a ValueError when `required`."""
    if not text and not required:
        return None
    return datetime.date.fromisoformat(text)


def parse_flag(text):
    """1 / 0 / empty → True / False / None."""
    if text in ("", None):
        return None
    if text in ("1", "0"):
        return text == "1"
    raise ValueError("use 1, 0 or leave empty")


def problem(row_number, column, reason):
    return f"row {row_number}: {column}: {reason}"


def parse_columns(row, number, problems, names, parse, *, hint=None, required=()):
    """`{name: parse(text)}` for the columns `names` of a row: a ValueError is a problem under that column
    (`hint`, or the error's own words), and so is an empty column among `required`."""
    fields = {}
    for name in names:
        try:
            fields[name] = parse(row.get(name, ""))
        except ValueError as exc:
            problems.append(problem(number, name, hint or str(exc)))
    problems += [problem(number, name, "required") for name in required if not row.get(name)]
    return fields


def active_user(username, option="--as-user"):
    """The active user a command acts as, or a CommandError naming the option."""
    from django.contrib.auth import get_user_model

    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"{option}: no active user named {username!r}") from None


def read_checked_rows(path, columns, *, command=None):
    """The file's rows, after checking that every required column is there (see `require_columns`)."""
    rows = read_rows(path)
    require_columns(rows, columns, path, command=command)
    return rows


def validation_problems(row_number, exc):
    """A service's ValidationError as `row N: <column>: <reason>` lines (`row` when it names no field)."""
    if hasattr(exc, "error_dict"):
        return [
            problem(row_number, field, message) for field, messages in exc.message_dict.items() for message in messages
        ]
    return [problem(row_number, "row", message) for message in exc.messages]


# A page that runs a command in the background (hizdamnut/imports) listens here to show how far it has got:
# `listener(stage, done, total)` with stage "check" or "save", every PROGRESS_EVERY rows and at the last one.
PROGRESS_EVERY = 200
_progress_listener = contextvars.ContextVar("bulk_progress_listener", default=None)


def progress_listener(listener):
    """Inside the block, `listener` hears the rows checked and saved (the jobs app shows them as progress)."""
    return flags.raised(_progress_listener, listener)


def _size(items):
    """How many items, for the progress of a list (0 for an iterator: the stage shows without a count)."""
    return len(items) if hasattr(items, "__len__") else 0


def _rows_done(stage, done, total):
    listener = _progress_listener.get()
    if listener is not None and (done % PROGRESS_EVERY == 0 or done == total):
        listener(stage, done, total)


def save_all_or_nothing(command, parsed, save, *, summary=True):
    """Call `save(fields)` for every parsed row in one transaction.

    If the services refuse any row, every row is undone and the command fails listing each refusal (see `fail`).
    `save_in_batches` with batches of one row.
    """
    def save_one(numbered):
        ((number, fields),) = numbered
        try:
            save(fields)
        except ValidationError as exc:
            return validation_problems(number, exc)
        return []

    save_in_batches(command, parsed, save_one, batch_size=1, summary=summary)


# Rows a batched save writes with one statement per table (`save_in_batches`).
BATCH_SIZE = 1000


def save_in_batches(command, parsed, save_batch, *, finish=None, batch_size=BATCH_SIZE, summary=True):
    """Saves the parsed rows `batch_size` at a time in one transaction, all or nothing.

    `save_batch(numbered)` gets up to `batch_size` (row number, fields) pairs and returns the problem lines of the
    rows it refused (see `validation_problems`); the progress is heard every PROGRESS_EVERY rows. If any row was
    refused, every row is undone and the command fails listing each refusal (see `fail`); when every row was
    saved, `finish()` runs in the same transaction (e.g. one audit entry for the whole import).
    """
    problems = []
    total = _size(parsed)
    numbered = enumerate(parsed, start=1)
    with transaction.atomic():
        while batch := list(itertools.islice(numbered, batch_size)):
            problems += save_batch(batch)
            for number, _fields in batch:
                _rows_done("save", number, total)
        if problems:
            transaction.set_rollback(True)
        elif finish is not None:
            finish()
    if problems:
        fail(command, problems, summary=summary)


def check_rows(command, rows, parse, *, summary=True):
    """The parsed rows: `parse(row, number, problems)` for every row (numbered from 1), each appending its
    problems; if any row is bad, the command stops listing them all (see `fail`) and nothing is written."""
    problems, parsed, total = [], [], _size(rows)
    for number, row in enumerate(rows, start=1):
        parsed.append(parse(row, number, problems))
        _rows_done("check", number, total)
    if problems:
        fail(command, problems, summary=summary)
    return parsed


class CenterColumn:
    """The `center_code` column: every center read once, a row's code matched in any case."""

    def __init__(self):
        from hizdamnut.centers.models import Center

        self.by_code = {center.code: center for center in Center.objects.all()}

    def center(self, row, number, problems):
        """The row's center, or None with the problem noted."""
        center = self.by_code.get((row.get("center_code") or "").upper())
        if center is None:
            problems.append(problem(number, "center_code", f"unknown center “{row.get('center_code', '')}”"))
        return center


def row_city(row, number, problems):
    """The city the row's `city` column names (in Hebrew or English), or None with the problem noted."""
    from hizdamnut.centers.selectors import city_by_name

    name = row.get("city", "")
    city = city_by_name(name)
    if city is None:
        problems.append(problem(number, "city", f"unknown city “{name}”"))
    return city

class ImportCommand(BaseCommand):
    """A bulk import made as a staff user: `manage.py <command> FILE --as-user NAME`, all or nothing.

    A subclass names its required `columns` and writes `run(rows, actor, **options)`: the rows are read and
    their columns checked, and the acting user looked up, before it is called.
    """

    columns = ()
    as_user_help = "the staff username the changes are made as"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--as-user", required=True, help=self.as_user_help)

    def handle(self, *args, file, as_user, **options):
        actor = active_user(as_user)
        self.run(read_checked_rows(file, self.columns), actor, **options)

    def run(self, rows, actor, **options):
        raise NotImplementedError


def add_period_arguments(parser):
    """--center, --from and --to, as every report command names a center and a period."""
    parser.add_argument("--center", help="a center code (default: all centers)")
    parser.add_argument("--from", dest="start", help="YYYY-MM-DD (default: 1 January this year)")
    parser.add_argument("--to", dest="end", help="YYYY-MM-DD (default: 31 December this year)")


def period(start, end):
    """The period of --from/--to (default: this calendar year), or a CommandError naming the options."""
    today = datetime.date.today()
    try:
        start = datetime.date.fromisoformat(start) if start else datetime.date(today.year, 1, 1)
        end = datetime.date.fromisoformat(end) if end else datetime.date(today.year, 12, 31)
    except ValueError:
        raise CommandError("--from/--to: use YYYY-MM-DD") from None
    if end < start:
        raise CommandError("--to is before --from")
    return start, end


def write_report(command, content, output=None, *, announce=False):
    """A report to the --output file (saying so with `announce`), or to standard output: text as UTF-8, a
    workbook's or a PDF's bytes as they are."""
    binary = isinstance(content, bytes)
    if output:
        with open(output, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as handle:
            handle.write(content)
        if announce:
            command.stdout.write(f"Wrote {output}")
    elif binary:
        command.stdout.flush()
        sys.stdout.buffer.write(content)
    else:
        command.stdout.write(content)
