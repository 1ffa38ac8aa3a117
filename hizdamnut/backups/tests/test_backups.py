"""A backup restores every table exactly, is unreadable without the key, and is refused without one."""

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from hizdamnut.backups.crypto import new_key
from hizdamnut.centers.reference import ensure_loaded
from hizdamnut.participants.models import Participant

# A restore replaces the database under the connection, so these tests commit for real (and are flushed after).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup_key(monkeypatch):
    key = new_key()
    monkeypatch.setenv("BACKUP_KEY", key)
    return key


@pytest.fixture
def populated():
    ensure_loaded()
    call_command("seed_demo", "--centers", "2", "--participants", "30", "--seed", "3", "--today", "2026-06-01",
                 stdout=open("/dev/null", "w"))


def every_table():
    """Per table: (row count, SHA-256 of its rows in a stable order)."""
    figures = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            figures[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return figures


def round_trip(tmp_path):
    before = every_table()
    assert before["participants_participant"][0] == 30
    path = tmp_path / "db.backup"
    call_command("backup", output=str(path), stdout=open("/dev/null", "w"))
    # The database changes after the backup: rows deleted, edited and added.
    from hizdamnut.centers.tests.factories import CenterFactory

    CenterFactory(code="NEW")
    Participant.objects.update(phone="0500000000")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_chainlink")  # the links point at the entries
        cursor.execute("DELETE FROM auditlog_logentry")
    assert every_table() != before
    call_command("restore", str(path), yes=True, stdout=open("/dev/null", "w"))
    assert every_table() == before
    return path


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant")
def test_a_sqlite_backup_restores_every_table(tmp_path, backup_key, populated):
    round_trip(tmp_path)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://… and pg_dump")
def test_a_postgresql_backup_restores_every_table(tmp_path, backup_key, populated):
    round_trip(tmp_path)
    with connection.cursor() as cursor:  # and gathers the planner statistics a dump does not carry
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'participants_participant'")
        assert cursor.fetchone()[0]


def test_the_backup_file_is_encrypted(tmp_path, backup_key, populated):
    path = tmp_path / "db.backup"
    call_command("backup", output=str(path), stdout=open("/dev/null", "w"))
    content = path.read_bytes()
    assert content.startswith(b"HZBACKUP1")
    assert b"SQLite format 3" not in content and b"PGDMP" not in content
    someone = Participant.objects.first()
    assert someone.id_number.encode() not in content
    assert someone.last_name.encode() not in content


def test_backup_is_refused_without_a_key(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKUP_KEY", raising=False)
    with pytest.raises(CommandError, match="BACKUP_KEY is not set"):
        call_command("backup", output=str(tmp_path / "x.backup"))
    assert not (tmp_path / "x.backup").exists()


def test_restore_is_refused_without_a_key(tmp_path, monkeypatch):
    (tmp_path / "x.backup").write_bytes(b"HZBACKUP1" + b"\0" * 40)
    monkeypatch.delenv("BACKUP_KEY", raising=False)
    with pytest.raises(CommandError, match="BACKUP_KEY is not set"):
        call_command("restore", str(tmp_path / "x.backup"), yes=True)


def test_a_malformed_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_KEY", "too-short")
    with pytest.raises(CommandError, match="BACKUP_KEY"):
        call_command("backup", output=str(tmp_path / "x.backup"))


def test_restore_with_another_key_fails_and_changes_nothing(tmp_path, backup_key, populated, monkeypatch):
    path = tmp_path / "db.backup"
    call_command("backup", output=str(path), stdout=open("/dev/null", "w"))
    Participant.objects.update(phone="0500000000")
    before = every_table()
    monkeypatch.setenv("BACKUP_KEY", new_key())
    with pytest.raises(CommandError, match="wrong BACKUP_KEY"):
        call_command("restore", str(path), yes=True)
    assert every_table() == before


def test_a_cut_or_altered_backup_is_refused(tmp_path, backup_key, populated):
    path = tmp_path / "db.backup"
    call_command("backup", output=str(path), stdout=open("/dev/null", "w"))
    content = path.read_bytes()
    (tmp_path / "cut.backup").write_bytes(content[: len(content) // 2])
    altered = bytearray(content)
    altered[len(altered) // 2] ^= 1
    (tmp_path / "altered.backup").write_bytes(bytes(altered))
    for name in ("cut.backup", "altered.backup"):
        with pytest.raises(CommandError):
            call_command("restore", str(tmp_path / name), yes=True)


def test_new_key_prints_a_usable_key(capsys, monkeypatch, tmp_path):
    call_command("backup", new_key=True)
    monkeypatch.setenv("BACKUP_KEY", capsys.readouterr().out.strip())
    call_command("backup", output=str(tmp_path / "empty.backup"), stdout=open("/dev/null", "w"))
    assert (tmp_path / "empty.backup").exists()
