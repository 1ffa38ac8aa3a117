"""Backup files encrypted at rest: AES-256-GCM in 1 MiB chunks, so a database of any size streams through.

File layout: MAGIC, an 8-byte random prefix, then for each chunk a 4-byte big-endian length and the sealed chunk
(ciphertext + 16-byte tag). Chunk i is sealed with nonce = prefix + i (4 bytes) and the associated data
MAGIC + i + a last-chunk flag, so chunks cannot be reordered, dropped or cut off without the restore failing.
The key is BACKUP_KEY from the environment: 32 random bytes, URL-safe base64 (`manage.py backup --new-key`).
"""

import base64
import binascii
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"HZBACKUP1"
CHUNK = 1024 * 1024
TAG = 16


class BackupKeyError(Exception):
    """No usable BACKUP_KEY."""


class BackupFileError(Exception):
    """The file is not a backup made with this key, or it was altered or cut short."""


def new_key():
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def key_from_environment():
    text = os.environ.get("BACKUP_KEY", "").strip()
    if not text:
        raise BackupKeyError(
            "BACKUP_KEY is not set: backups are encrypted and cannot be made or read without the key. "
            "Create one with `manage.py backup --new-key`, keep it apart from the backups (a password manager "
            "or the server's secret store), and export BACKUP_KEY=<key>.")
    try:
        key = base64.urlsafe_b64decode(text.encode())
    except (binascii.Error, ValueError) as exc:
        raise BackupKeyError("BACKUP_KEY is not URL-safe base64 (make one with `manage.py backup --new-key`).") \
            from exc
    if len(key) != 32:
        raise BackupKeyError("BACKUP_KEY must hold 32 bytes (make one with `manage.py backup --new-key`).")
    return key


def _associated(index, last):
    return MAGIC + struct.pack(">I?", index, last)


def encrypt_stream(source, target, key):
    """Reads `source` (binary file object) to its end and writes the encrypted backup to `target`."""
    cipher, prefix = AESGCM(key), os.urandom(8)
    target.write(MAGIC + prefix)
    index, chunk = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        sealed = cipher.encrypt(prefix + struct.pack(">I", index), chunk, _associated(index, last))
        target.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        index, chunk = index + 1, following


def decrypt_stream(source, target, key):
    """Writes the plain content of the encrypted backup `source` to `target`, or raises BackupFileError."""
    head = source.read(len(MAGIC) + 8)
    if len(head) != len(MAGIC) + 8 or not head.startswith(MAGIC):
        raise BackupFileError("This is not a Hizdamnut backup file.")
    cipher, prefix, index = AESGCM(key), head[len(MAGIC):], 0
    while True:
        size_bytes = source.read(4)
        if len(size_bytes) != 4:
            raise BackupFileError("The backup file is cut short.")
        (size,) = struct.unpack(">I", size_bytes)
        sealed = source.read(size)
        if len(sealed) != size or size < TAG or size > CHUNK + TAG:
            raise BackupFileError("The backup file is cut short or damaged.")
        last = _at_end(source)
        try:
            target.write(cipher.decrypt(prefix + struct.pack(">I", index), sealed, _associated(index, last)))
        except InvalidTag as exc:
            raise BackupFileError(
                "The backup cannot be decrypted: wrong BACKUP_KEY, or the file was altered or cut short.") from exc
        if last:
            return
        index += 1


def _at_end(source):
    position = source.tell()
    at_end = source.read(1) == b""
    source.seek(position)
    return at_end
