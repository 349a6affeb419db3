"""``careerdesk backup [--output FILE]``, ``careerdesk restore FILE|--latest``, ``backups``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from careerdesk.app import build_app
from careerdesk.cli.common import open_app
from careerdesk.core.kernel.errors import DatabaseCorruptError, UserError
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.storage import backup as backups
from careerdesk.core.storage import restore
from careerdesk.logging_setup import setup_logging


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help="take an online backup of the database")
    b.add_argument("--output", type=Path, metavar="FILE", help="where to write it")
    b.set_defaults(func=_backup)
    ls = sub.add_parser("backups", help="list the backups in the data folder")
    ls.set_defaults(func=_list)
    r = sub.add_parser("restore", help="replace the data with a backup (current data is saved)")
    g = r.add_mutually_exclusive_group(required=True)
    g.add_argument("file", nargs="?", type=Path, help="backup file to restore")
    g.add_argument(
        "--latest", action="store_true", help="restore the newest intact backup (checksum ok)"
    )
    r.add_argument(
        "--unverified",
        action="store_true",
        help="also accept a backup without a checksum file (made by an older CareerDesk)",
    )
    r.set_defaults(func=_restore)


def _backup(args: argparse.Namespace) -> int:
    with open_app() as app:
        target = args.output.expanduser().resolve() if args.output else None
        if target is not None and target.exists():
            raise UserError(f"{target} already exists; choose another file name.")
        path = app.backup("manual", target=target)
        print(path)
    return 0


def _list(args: argparse.Namespace) -> int:
    paths = AppPaths.resolve()
    found = backups.list_backups(paths.backup_dir)
    if not found:
        print(f"No backups yet in {paths.backup_dir}.")
    for b in found:
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}Z\t{b.kind}\t{b.size / 1024:.0f} KB\t{b.path}")
    return 0


def _waiting() -> None:
    print(
        "Waiting for another CareerDesk window or command to finish writing (an import?)…",
        file=sys.stderr,
        flush=True,
    )


def _restore(args: argparse.Namespace) -> int:
    paths = AppPaths.resolve()
    paths.ensure()
    setup_logging(paths.log_dir)
    if args.latest:
        found, skipped = restore.newest_restorable(
            paths.backup_dir, allow_unverified=args.unverified
        )
        for info, reason in skipped:
            print(f"Skipping {info.path.name}: {reason}", file=sys.stderr)
        if found is None:
            raise UserError(f"There are no intact backups in {paths.backup_dir} to restore.")
        source = found.path
    else:
        source = args.file.expanduser().resolve()
    try:
        app = build_app(paths)
    except DatabaseCorruptError as exc:
        aside = restore.restore_over_corrupt(
            Path(exc.path), source, allow_unverified=args.unverified
        )
        print(f"Restored {source}. The damaged database was kept as {aside}.")
        return 0
    try:
        safety = restore.restore_database(
            app.db,
            source,
            paths.backup_dir,
            allow_unverified=args.unverified,
            on_wait=_waiting,
        )
    finally:
        app.close(backup=False)
    print(f"Restored {source}. Your previous data was saved as {safety}.")
    return 0
