"""Backups verify themselves: a manifest with a SHA-256 checksum, checked before a restore.

Each backup ``careerdesk-KIND-STAMP.sqlite3`` gets ``careerdesk-KIND-STAMP.sqlite3.manifest.json``
beside it, written before the backup file takes its final name (so a finished backup always
has one). A restore refuses a file whose bytes no longer match (edited rows, a bad copy, a
failing disk), a file that is not a SQLite database, and one without CareerDesk's tables (a
file holding only ``alembic_version`` used to be accepted and broke the app). Backups made by
older versions have no manifest: they restore only when the user says so explicitly
(``careerdesk restore --unverified FILE``, or a confirmation in the GUI).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from careerdesk import __version__
from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.kernel.errors import DatabaseCorruptError, DatabaseTooNewError, UserError
from careerdesk.core.kernel.files import atomic_write_text
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.engine import check_sqlite_file, driver_error_text

MANIFEST_FORMAT = "careerdesk-backup-manifest"
MANIFEST_VERSION = 1
MANIFEST_SUFFIX = ".manifest.json"
# Tables every CareerDesk database has had since the first schema (migration 0001).
REQUIRED_TABLES = frozenset({"alembic_version", "profiles", "app_meta"})


class UnverifiedBackupError(UserError):
    """The backup has no manifest, so its checksum cannot be checked."""


@dataclass(frozen=True)
class Manifest:
    file: str
    size: int
    sha256: str
    taken_at: str
    schema: tuple[str, ...]
    app_version: str


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _schema_of(path: Path) -> tuple[str, ...]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version")))
    except Exception:
        return ()
    finally:
        conn.close()


def write_manifest(data_file: Path, final_name: str) -> Path:
    """Write the manifest of ``data_file`` (still under its temporary name) for the backup
    that will be called ``final_name``; returns the manifest's path."""
    doc = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "file": final_name,
        "size": data_file.stat().st_size,
        "sha256": file_sha256(data_file),
        "taken_at": utcnow().isoformat(),
        "schema": list(_schema_of(data_file)),
        "app_version": __version__,
    }
    target = manifest_path(data_file.with_name(final_name))
    atomic_write_text(target, json.dumps(doc, indent=1) + "\n")
    return target


def read_manifest(backup: Path) -> Manifest | None:
    """The manifest beside ``backup``; None when there is none; UserError when unreadable."""
    path = manifest_path(backup)
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT:
            raise ValueError("not a CareerDesk backup manifest")
        if not isinstance(doc.get("version"), int) or doc["version"] > MANIFEST_VERSION:
            raise ValueError(f"manifest version {doc.get('version')!r} is not supported")
        sha, size = doc.get("sha256"), doc.get("size")
        if not isinstance(sha, str) or len(sha) != 64 or not isinstance(size, int):
            raise ValueError("checksum or size missing")
        return Manifest(
            file=str(doc.get("file", "")),
            size=size,
            sha256=sha.lower(),
            taken_at=str(doc.get("taken_at", "")),
            schema=tuple(str(s) for s in doc.get("schema") or ()),
            app_version=str(doc.get("app_version", "")),
        )
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UserError(
            f"The checksum file {path.name} of this backup is damaged ({exc}); "
            "nothing was restored."
        ) from exc


def verify_checksum(backup: Path, *, allow_unverified: bool = False) -> bool:
    """Check ``backup`` against its manifest. True if verified; False if it has none and
    ``allow_unverified``; raises UserError/UnverifiedBackupError otherwise."""
    manifest = read_manifest(backup)
    if manifest is None:
        if allow_unverified:
            return False
        raise UnverifiedBackupError(
            f"{backup.name} has no checksum file ({manifest_path(backup).name}), so CareerDesk "
            "cannot check that it is intact (backups made by older versions have none). "
            "Restore it anyway with `careerdesk restore --unverified FILE` or confirm in the app."
        )
    size = backup.stat().st_size
    if size != manifest.size or file_sha256(backup) != manifest.sha256:
        raise UserError(
            f"{backup.name} does not match its checksum: it was changed or damaged after it "
            "was written. Nothing was restored; choose another backup."
        )
    return True


def validate_backup_file(path: Path, *, allow_unverified: bool = False) -> bool:
    """Raise a UserError unless ``path`` is an intact CareerDesk backup this version can use.

    Returns True when its checksum was verified (False: no manifest, ``allow_unverified``).
    """
    if not path.is_file():
        raise UserError(f"No backup file at {path}.")
    verified = verify_checksum(path, allow_unverified=allow_unverified)
    try:
        check_sqlite_file(path)
    except DatabaseCorruptError as exc:
        raise UserError(f"{path} is not a usable CareerDesk backup: it is damaged.") from exc
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revs = (
                {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
                if "alembic_version" in tables
                else set()
            )
        finally:
            conn.close()
    except Exception as exc:  # anything the driver raises means the file is unusable
        raise UserError(
            f"{path} is not a usable CareerDesk backup ({driver_error_text(exc)})."
        ) from exc
    missing = REQUIRED_TABLES - tables
    if missing or not revs:
        raise UserError(
            f"{path} is not a CareerDesk backup: it does not hold CareerDesk's tables "
            f"(missing: {', '.join(sorted(missing)) or 'schema version'}). Nothing was restored."
        )
    unknown = revs - mig.known_revisions()
    if unknown:
        raise DatabaseTooNewError(
            f"{path} was written by a newer CareerDesk; install that version to restore it."
        )
    return verified
