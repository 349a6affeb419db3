"""Importing, listing and exporting content packs (docs/packs.md).

A pack is imported once for the whole installation: its items are shared ``content_items``
rows (``profile_id`` NULL, ``pack_id`` set) that every learner's path may use. Its files are
copied into the data folder (``media/packs/<folder>``), so it keeps working once the USB
stick it came from is removed.

Nothing is half-imported: every problem is collected before anything changes; the files are
copied into a hidden staging folder beside their final place (same disk, so the move is a
rename), checked there (readable video, length), moved into place, and only then are the
rows written in one transaction; a failure at any step removes the copied files again.

A pack's identity is a sha256 over its canonical manifest and every file's sha256
(:func:`rules.pack_key`): importing the same pack again — from the folder, its zip or an
export — adds nothing (and puts back files missing from this computer's data folder, which
is how a second kiosk on a shared PostgreSQL database gets the videos). A *different* pack
with the same title and author is refused, so two versions are never confused.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, UserError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.packs import rules
from careerdesk.core.packs.events import ContentPackInstalled
from careerdesk.core.packs.models import (
    MANIFEST_NAME,
    PackImport,
    PackInfo,
    PackManifest,
)
from careerdesk.core.packs.probe import LengthUnknown, UnreadableVideo, video_duration
from careerdesk.core.packs.sources import PackSource, open_source
from careerdesk.core.player.media import KIND_VIDEO, is_video_file_name
from careerdesk.core.player.probe import MediaProber
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.packs import ContentPack

Progress = Callable[[float, str], None]

PACKS_FOLDER = Path("media") / "packs"
STAGING_PREFIX = ".staging-"
CHUNK = 1 << 20


def _no_progress(_fraction: float, _message: str) -> None:
    return None


class PackService:
    """Content packs for the whole installation (see the module docstring)."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        data_dir: Path,
        *,
        prober: MediaProber,
        catalog: Catalog | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.db = db
        self.prober = prober
        self.bus = bus
        self.data_dir = data_dir
        self.catalog = catalog or load_catalog()
        self.clock = clock or SystemClock()

    @property
    def packs_dir(self) -> Path:
        return self.data_dir / PACKS_FOLDER

    # -- importing -------------------------------------------------------------------------
    def import_pack(self, path: str | Path, progress: Progress | None = None) -> PackImport:
        """Import a pack folder, its manifest or a ``.zip``; PackError lists every problem.

        ``progress(fraction, message)`` is called while files are copied; raising from it
        (a cancel) leaves nothing behind.
        """
        report = progress or _no_progress
        source = open_source(Path(path))
        try:
            try:
                manifest = rules.parse_manifest(source.manifest_text())
            except rules.PackError as exc:  # named after the pack, not its manifest file
                raise rules.PackError(source.name, exc.problems) from None
            skills = {k: s.name for k, s in self.catalog.skills.items()}
            problems = rules.check_manifest(manifest, skills, source.files)
            if problems:
                raise rules.PackError(source.name, problems)
            self._sweep_staging()
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self._ensure_packs_dir()))
            try:
                hashes, durations = self._stage(source, manifest, staging, report)
                return self._install(source.name, manifest, staging, hashes, durations)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        finally:
            source.close()

    def _ensure_packs_dir(self) -> Path:
        self.packs_dir.mkdir(parents=True, exist_ok=True)
        return self.packs_dir

    def _sweep_staging(self) -> None:
        """Staging folders left by an import that was killed (writes are serial, so no
        other import of this process is using one)."""
        if self.packs_dir.is_dir():
            for leftover in self.packs_dir.glob(STAGING_PREFIX + "*"):
                shutil.rmtree(leftover, ignore_errors=True)

    def _stage(
        self, source: PackSource, manifest: PackManifest, staging: Path, report: Progress
    ) -> tuple[dict[str, str], dict[str, float]]:
        """Copy and hash every file into ``staging``, then read each video's length."""
        files = [str(rules.safe_relative(i.file)) for i in manifest.items if i.file is not None]
        hashes: dict[str, str] = {}
        for n, rel in enumerate(files):
            report(0.8 * n / max(1, len(files)), f"Copying {rel} ({n + 1} of {len(files)})…")
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            try:
                with source.open(rel) as src, target.open("wb") as dst:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        dst.write(chunk)
            except (OSError, zipfile.BadZipFile) as exc:
                raise rules.PackError(
                    source.name, [f"{rel} cannot be read: {getattr(exc, 'strerror', None) or exc}."]
                ) from None
            hashes[rel] = digest.hexdigest()
        problems: list[str] = []
        durations: dict[str, float] = {}
        for index, item in enumerate(manifest.items):
            if item.file is None or not is_video_file_name(item.file):
                continue
            rel = str(rules.safe_relative(item.file))
            report(0.8 + 0.2 * index / len(manifest.items), f"Checking {rel}…")
            label = rules.item_label(index, {"title": item.title})
            try:
                durations[rel] = video_duration(self.prober, staging / rel)
            except UnreadableVideo as exc:
                problems.append(f"{label}: {exc}")
            except LengthUnknown as exc:
                if item.duration_s is None:
                    problems.append(f"{label}: {exc}")
        if problems:
            raise rules.PackError(source.name, problems)
        report(1.0, "Installing…")
        return hashes, durations

    def _install(
        self,
        source_name: str,
        manifest: PackManifest,
        staging: Path,
        hashes: dict[str, str],
        durations: dict[str, float],
    ) -> PackImport:
        key = rules.pack_key(manifest, hashes)
        with self.db.read() as s:
            same = s.scalar(select(ContentPack).where(ContentPack.pack_key == key))
            if same is not None:
                restored = _restore_missing(staging, self.data_dir / same.folder, hashes)
                return PackImport(pack=self._info(s, same), created=False, files_restored=restored)
            other = s.scalar(
                select(ContentPack).where(
                    ContentPack.title == manifest.title, ContentPack.author == manifest.author
                )
            )
            if other is not None:
                raise rules.PackError(
                    source_name,
                    [
                        f"A different pack called “{manifest.title}” by {manifest.author} is "
                        f"already installed (imported {other.imported_at:%Y-%m-%d}). Give this "
                        "one its own title (for example with its edition or year) to install "
                        "it beside the other."
                    ],
                )
        folder = PACKS_FOLDER / rules.folder_name(key)
        final = self.data_dir / folder
        if final.exists():  # left by an import killed after the move, before the commit
            shutil.rmtree(final)
        os.replace(staging, final)
        try:
            pack_id, count = self._write_rows(
                key, source_name, manifest, folder, final, hashes, durations
            )
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        self.bus.publish(ContentPackInstalled(profile_id=None, pack_id=pack_id, items=count))
        with self.db.read() as s:
            return PackImport(pack=self._info(s, s.get_one(ContentPack, pack_id)), created=True)

    def _write_rows(
        self,
        key: str,
        source_name: str,
        manifest: PackManifest,
        folder: Path,
        final: Path,
        hashes: dict[str, str],
        durations: dict[str, float],
    ) -> tuple[int, int]:
        size = sum((final / rel).stat().st_size for rel in hashes)
        with self.db.session() as s:
            pack = ContentPack(
                pack_key=key,
                title=manifest.title,
                author=manifest.author,
                licence=manifest.licence,
                folder=folder.as_posix(),
                source_name=source_name[:300],
                manifest=manifest.model_dump(mode="json"),
                size_bytes=size,
                imported_at=self.clock.now(),
            )
            s.add(pack)
            s.flush()
            items = rules.ordered(manifest)
            for position, item in enumerate(items):
                rel = str(rules.safe_relative(item.file)) if item.file is not None else None
                duration = item.duration_s or (durations.get(rel) if rel else None)
                s.add(
                    ContentItem(
                        profile_id=None,
                        pack_id=pack.id,
                        kind=rules.item_kind(item),
                        title=item.title,
                        url=item.url,
                        local_path=str(final / rel) if rel is not None else None,
                        provider=f"{manifest.title} ({manifest.author})"[:200],
                        description=item.description,
                        skills=list(dict.fromkeys(item.skills)),
                        level=item.level,
                        est_hours=rules.est_hours(duration),
                        duration_s=duration,
                        position=position,
                    )
                )
            s.flush()
            return pack.id, len(items)

    # -- reading ---------------------------------------------------------------------------
    def list_packs(self) -> list[PackInfo]:
        """Installed packs, oldest first."""
        with self.db.read() as s:
            rows = s.scalars(select(ContentPack).order_by(ContentPack.id)).all()
            return [self._info(s, r) for r in rows]

    def find(self, ref: str) -> PackInfo:
        """A pack by its number, its title (any case) or the start of its key."""
        text = ref.strip()
        packs = self.list_packs()
        matches = [p for p in packs if text.isdigit() and p.id == int(text)]
        matches = matches or [p for p in packs if p.title.casefold() == text.casefold()]
        if not matches and len(text) >= 6:
            matches = [p for p in packs if p.key.startswith(text.lower())]
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = ", ".join(f"{p.id} ({p.author})" for p in matches)
            raise ValidationError(f"Several packs are called “{text}”: use the number: {listed}.")
        names = "; ".join(f"{p.id}: {p.title}" for p in packs) or "none is installed"
        raise NotFoundError(f"No content pack “{text}” ({names}).")

    @staticmethod
    def _info(s: Session, row: ContentPack) -> PackInfo:
        counts = dict(
            s.execute(
                select(ContentItem.kind, func.count())
                .where(ContentItem.pack_id == row.id)
                .group_by(ContentItem.kind)
            ).all()
        )
        return PackInfo(
            id=row.id,
            key=row.pack_key,
            title=row.title,
            author=row.author,
            licence=row.licence,
            version=str(row.manifest.get("version", "") or ""),
            items=sum(counts.values()),
            videos=counts.get(KIND_VIDEO, 0),
            folder=row.folder,
            size_bytes=row.size_bytes,
            imported_at=row.imported_at,
            source_name=row.source_name,
        )

    # -- exporting -------------------------------------------------------------------------
    def export_pack(self, ref: str, dest: str | Path, progress: Progress | None = None) -> Path:
        """Write an installed pack to ``dest``: a ``.zip`` file, else a new (or empty) folder.

        The export holds the manifest as imported and the files from the data folder, so
        importing it elsewhere gives the same pack (the same identity).
        """
        report = progress or _no_progress
        info = self.find(ref)
        with self.db.read() as s:
            row = s.get_one(ContentPack, info.id)
            manifest = PackManifest.model_validate(row.manifest)
        base = self.data_dir / info.folder
        files = [str(rules.safe_relative(i.file)) for i in manifest.items if i.file is not None]
        missing = [f for f in files if not (base / f).is_file()]
        if missing:
            raise UserError(
                f"{len(missing)} file(s) of “{info.title}” are missing from the data folder "
                f"({missing[0]} …). Import the pack again to put them back, then export it."
            )
        target = Path(dest).expanduser()
        text = json.dumps(
            manifest.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False
        )
        if target.suffix.lower() == ".zip":
            return _export_zip(target, text, base, files, report)
        return _export_folder(target, text, base, files, report)


def _restore_missing(staging: Path, final: Path, hashes: dict[str, str]) -> int:
    """Put files of an installed pack that this computer lacks back into the data folder."""
    restored = 0
    for rel in hashes:
        target = final / rel
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target)
            restored += 1
    return restored


def _export_zip(target: Path, text: str, base: Path, files: list[str], report: Progress) -> Path:
    if target.is_dir():
        raise ValidationError(f"{target} is a folder; give a file name ending in .zip.")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(part, "w") as zf:
            zf.writestr(MANIFEST_NAME, text, compress_type=zipfile.ZIP_DEFLATED)
            for n, rel in enumerate(files):
                report(n / max(1, len(files)), f"Adding {rel}…")
                # Videos are compressed already: stored, so the zip is written fast.
                kind = zipfile.ZIP_STORED if is_video_file_name(rel) else zipfile.ZIP_DEFLATED
                zf.write(base / rel, rel, compress_type=kind)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    report(1.0, "Done")
    return target


def _export_folder(target: Path, text: str, base: Path, files: list[str], report: Progress) -> Path:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ValidationError(
            f"{target} already exists and is not an empty folder; choose a new folder name "
            "or a name ending in .zip."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    part = Path(tempfile.mkdtemp(prefix=".careerdesk-export-", dir=target.parent))
    try:
        (part / MANIFEST_NAME).write_text(text, encoding="utf-8")
        for n, rel in enumerate(files):
            report(n / max(1, len(files)), f"Copying {rel}…")
            (part / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(base / rel, part / rel)
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(part, target)
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    report(1.0, "Done")
    return target
