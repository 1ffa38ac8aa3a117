"""Backup and restore of the whole database, encrypted at rest (see crypto.py).

SQLite is copied with SQLite's online backup API (a consistent copy while the app keeps running); PostgreSQL with
`pg_dump -Fc` and `pg_restore --clean`, using the connection settings of DATABASES["default"]. A restore replaces
every table with the backup's content.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager

from django.db import connections

from .crypto import decrypt_stream, encrypt_stream, key_from_environment


class BackupError(Exception):
    """A backup or restore that could not be done, with the reason in words."""


def _vendor(alias):
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


@contextmanager
def _plain_copy(alias, purpose):
    """The key, and a path in a temporary folder (removed afterwards) for the database's unencrypted copy, with
    the ways to copy it out of the database and back in for its vendor: what backup and restore both need."""
    key = key_from_environment()
    copy_out, copy_in = COPIERS[_vendor(alias)]
    with tempfile.TemporaryDirectory(prefix=f"hz-{purpose}-") as work:
        yield key, os.path.join(work, "database"), copy_out, copy_in


def backup(*, output, alias="default"):
    """Writes an encrypted copy of the database to the path `output`; refuses without BACKUP_KEY."""
    with _plain_copy(alias, "backup") as (key, plain, copy_out, _copy_in):
        copy_out(alias, plain)
        partial = f"{output}.partial"
        with open(plain, "rb") as source, open(partial, "wb") as target:
            encrypt_stream(source, target, key)
        os.replace(partial, output)  # a backup file is either whole or absent
    return output


def restore(*, source, alias="default"):
    """Replaces the database's content with the encrypted backup at the path `source`."""
    with _plain_copy(alias, "restore") as (key, plain, _copy_out, copy_in):
        with open(source, "rb") as encrypted, open(plain, "wb") as target:
            decrypt_stream(encrypted, target, key)
        copy_in(alias, plain)


def _sqlite_copy_out(alias, path):
    connection = connections[alias]
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_copy_in(alias, path):
    with sqlite3.connect(path) as check:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The SQLite file in the backup is damaged.")
    connection = connections[alias]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("Cannot restore inside a transaction.")
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _pg_environment(settings_dict):
    environment = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD"),
                          ("PGDATABASE", "NAME")):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    return environment


def _pg_tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt install postgresql-client).")
    return path


def _run(command, settings_dict):
    result = subprocess.run(command, env=_pg_environment(settings_dict), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{os.path.basename(command[0])} failed: {result.stderr.strip()}")


def _pg_dump(alias, path):
    settings_dict = connections[alias].settings_dict
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", path], settings_dict)


def _pg_restore(alias, path):
    settings_dict = connections[alias].settings_dict
    connections[alias].close()  # pg_restore --clean drops tables this connection may hold locks on
    _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
          "--dbname", settings_dict["NAME"], path], settings_dict)
    with connections[alias].cursor() as cursor:  # a dump has no planner statistics: gather them now, not when
        cursor.execute("ANALYZE")  # autovacuum gets there, after the first dashboards were planned on guesses


# How each supported database is copied out to a file and back in: (out, in).
COPIERS = {"sqlite": (_sqlite_copy_out, _sqlite_copy_in), "postgresql": (_pg_dump, _pg_restore)}
