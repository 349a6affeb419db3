"""Where a content pack is read from: its folder or a ``.zip``, read the same way
(docs/packs.md)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.packs import rules
from careerdesk.core.packs.models import MANIFEST_NAME

MAX_MANIFEST_BYTES = 5_000_000
MAX_PACK_FILES = 20_000


class PackSource:
    """The files of a pack being imported: a folder or a zip, read the same way."""

    name: str
    files: set[str]  # relative to the manifest, with "/"

    def manifest_text(self) -> str:
        raise NotImplementedError

    @contextmanager
    def open(self, rel: str) -> Iterator[BinaryIO]:
        raise NotImplementedError
        yield  # pragma: no cover

    def close(self) -> None:
        return None


class _FolderSource(PackSource):
    def __init__(self, root: Path) -> None:
        self.name = root.name or str(root)
        base = root if (root / MANIFEST_NAME).is_file() else _single_child_with_manifest(root)
        if base is None:
            raise ValidationError(
                f"{root} holds no {MANIFEST_NAME}: a content pack needs one at its top level "
                "(docs/packs.md). To add videos without a manifest, use the Player's "
                "Import folder instead."
            )
        self.base = base
        self.files = set()
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                rel = (Path(dirpath) / name).relative_to(base)
                self.files.add(PurePosixPath(*rel.parts).as_posix())
                if len(self.files) > MAX_PACK_FILES:
                    raise ValidationError(f"{root} holds more than {MAX_PACK_FILES} files.")

    def manifest_text(self) -> str:
        path = self.base / MANIFEST_NAME
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise rules.PackError(self.name, [f"{MANIFEST_NAME} is too large to be a manifest."])
        return _decode(path.read_bytes(), self.name)

    @contextmanager
    def open(self, rel: str) -> Iterator[BinaryIO]:
        with (self.base / rel).open("rb") as f:
            yield f


class _ZipSource(PackSource):
    def __init__(self, path: Path) -> None:
        self.name = path.name
        try:
            self.zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ValidationError(
                f"{path.name} is not a zip file CareerDesk can read (damaged or not a zip: {exc})."
            ) from None
        names = [i.filename for i in self.zf.infolist() if not i.is_dir()]
        if MANIFEST_NAME in names:
            prefix = ""
        else:
            tops = {n.split("/", 1)[0] for n in names}
            nested = [n for n in names if n.count("/") == 1 and n.endswith("/" + MANIFEST_NAME)]
            if len(tops) != 1 or len(nested) != 1:
                self.zf.close()
                raise ValidationError(
                    f"{path.name} holds no {MANIFEST_NAME} at its top level (or in its one "
                    "folder): a content pack needs one (docs/packs.md)."
                )
            prefix = nested[0].rsplit("/", 1)[0] + "/"
        self.prefix = prefix
        self.files = {n[len(prefix) :] for n in names if n.startswith(prefix)}

    def manifest_text(self) -> str:
        info = self.zf.getinfo(self.prefix + MANIFEST_NAME)
        if info.file_size > MAX_MANIFEST_BYTES:
            raise rules.PackError(self.name, [f"{MANIFEST_NAME} is too large to be a manifest."])
        return _decode(self.zf.read(info), self.name)

    @contextmanager
    def open(self, rel: str) -> Iterator[BinaryIO]:
        with self.zf.open(self.prefix + rel) as f:
            yield f  # type: ignore[misc]

    def close(self) -> None:
        self.zf.close()


def _single_child_with_manifest(root: Path) -> Path | None:
    children = [c for c in root.iterdir() if not c.name.startswith(".")]
    if len(children) == 1 and (children[0] / MANIFEST_NAME).is_file():
        return children[0]
    return None


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise rules.PackError(
            source, [f"{MANIFEST_NAME} is not UTF-8 text (save it as UTF-8 and try again)."]
        ) from None


def open_source(path: Path) -> PackSource:
    path = path.expanduser()
    if not path.exists():
        raise NotFoundError(f"{path} does not exist (moved, renamed, or the drive removed?).")
    if path.is_dir():
        return _FolderSource(path.resolve())
    if path.name == MANIFEST_NAME:
        return _FolderSource(path.resolve().parent)
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        return _ZipSource(path)
    raise ValidationError(
        f"{path.name} is not a content pack: choose the pack's folder, its "
        f"{MANIFEST_NAME} or a .zip file."
    )
