"""Pure rules of content packs: reading and checking a manifest, a pack's identity, item kinds.

No files, no database: the service hands in the manifest text, the names of the files the
pack holds and the catalogue's skill ids, and gets back the manifest or a list of problems in
the words of the person who wrote the pack (docs/packs.md, "What is checked").
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Collection, Mapping
from pathlib import PurePosixPath

import pydantic
from pydantic_core import ErrorDetails

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.packs.models import MANIFEST_NAME, PackItemSpec, PackManifest
from careerdesk.core.player.media import (
    KIND_PAGE,
    KIND_STREAM,
    KIND_VIDEO,
    SOURCE_STREAM,
    classify_url,
    is_video_file_name,
    validate_url,
)

KIND_DOCUMENT = "article"  # a document inside the pack: opens in the system's viewer
DOCUMENT_EXTENSIONS = frozenset(
    {".pdf", ".txt", ".md", ".html", ".htm", ".epub", ".odt", ".odp", ".docx", ".pptx"}
)
MAX_PROBLEMS_SHOWN = 25
# A document has no length to read; this is what its study time counts as when the
# manifest gives none (the catalogue's shortest articles are half an hour).
DOCUMENT_HOURS = 0.5


class PackError(ValidationError):
    """The pack cannot be imported; ``problems`` lists every reason (nothing was changed)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        lines = [f"Nothing was imported from {source}:", *(f"  • {p}" for p in shown)]
        if more:
            lines.append(f"  • … and {more} more problem(s).")
        super().__init__("\n".join(lines))
        self.problems = problems


def item_label(index: int, raw: object) -> str:
    """``Item 3 (“SQL joins”)``: items are counted from 1, as a person reads the file."""
    title = raw.get("title") if isinstance(raw, dict) else None
    if isinstance(title, str) and title.strip():
        return f"Item {index + 1} (“{title.strip()[:60]}”)"
    return f"Item {index + 1}"


def _field_problem(err: ErrorDetails, data: object) -> str:
    loc = tuple(err["loc"])
    kind = err["type"]
    message = err["msg"].removeprefix("Value error, ")
    where = "The manifest"
    field = ""
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        items = data.get("items") if isinstance(data, dict) else None
        raw = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        where = item_label(loc[1], raw)
        field = ".".join(str(p) for p in loc[2:])
    elif loc:
        field = ".".join(str(p) for p in loc)
    if kind == "missing":
        return f"{where}: '{field}' is missing." if field else f"{where}: a field is missing."
    if kind == "extra_forbidden":
        return f"{where}: '{field}' is not a field CareerDesk knows (check its spelling)."
    if field:
        return f"{where}: '{field}' {message[0].lower() + message[1:]}."
    return f"{where}: {message}."


def parse_manifest(text: str) -> PackManifest:
    """The manifest, or PackError naming every problem (bad JSON, missing or wrong fields)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackError(
            MANIFEST_NAME,
            [
                f"{MANIFEST_NAME} is not valid JSON: line {exc.lineno}, column {exc.colno}: "
                f"{exc.msg}."
            ],
        ) from None
    if not isinstance(data, dict):
        raise PackError(
            MANIFEST_NAME,
            [f"{MANIFEST_NAME} must hold one JSON object with title, author, licence and items."],
        )
    try:
        return PackManifest.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = [_field_problem(e, data) for e in exc.errors()]
        raise PackError(MANIFEST_NAME, list(dict.fromkeys(problems))) from None


def safe_relative(name: str) -> PurePosixPath | None:
    """The item's file as a path inside the pack, or None when it points outside it."""
    cleaned = name.strip().replace("\\", "/")
    path = PurePosixPath(cleaned)
    if (
        not cleaned
        or path.is_absolute()
        or ".." in path.parts
        or (path.parts and ":" in path.parts[0])  # C:/… on Windows
    ):
        return None
    return PurePosixPath(*[p for p in path.parts if p not in ("", ".")])


def is_document_name(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in DOCUMENT_EXTENSIONS


def check_manifest(
    manifest: PackManifest, skills: Mapping[str, str], files: Collection[str]
) -> list[str]:
    """Problems with the items against the catalogue's ``skills`` (id → name) and the
    ``files`` the pack holds (paths relative to the manifest, with ``/``)."""
    problems: list[str] = []
    seen_files: dict[str, int] = {}
    seen_orders: dict[int, int] = {}
    present = {f.casefold(): f for f in files}
    for index, item in enumerate(manifest.items):
        label = item_label(index, {"title": item.title})
        for skill in item.skills:
            if skill not in skills:
                close = difflib.get_close_matches(skill, list(skills), n=2, cutoff=0.6)
                by_name = [k for k, n in skills.items() if n.casefold() == skill.casefold()]
                hint = by_name or close
                tip = (
                    f"did you mean {' or '.join(repr(h) for h in hint)}?"
                    if hint
                    else "the ids are: " + ", ".join(sorted(skills))
                )
                problems.append(f"{label}: unknown skill id {skill!r} ({tip}).")
        if item.order is not None:
            if item.order in seen_orders:
                problems.append(
                    f"{label}: order {item.order} is also used by item "
                    f"{seen_orders[item.order] + 1}; give each item its own place."
                )
            seen_orders[item.order] = index
        if item.url is not None:
            try:
                validate_url(item.url)
            except ValidationError as exc:
                problems.append(f"{label}: {exc.message}")
            continue
        assert item.file is not None  # one of file or url, checked by the model
        rel = safe_relative(item.file)
        if rel is None:
            problems.append(
                f"{label}: the file {item.file!r} must be a path inside the pack's folder "
                "(no '..', no drive or leading '/')."
            )
            continue
        key = str(rel)
        if not (is_video_file_name(key) or is_document_name(key)):
            problems.append(
                f"{label}: {key} is neither a video nor a document CareerDesk can open "
                f"(videos: .mp4, .webm, .mkv, .mov …; documents: "
                f"{', '.join(sorted(DOCUMENT_EXTENSIONS))})."
            )
        if key.casefold() in seen_files:
            problems.append(
                f"{label}: {key} is also item {seen_files[key.casefold()] + 1}; "
                "list each file once."
            )
        seen_files[key.casefold()] = index
        if key not in files:
            near = present.get(key.casefold())
            tip = f" (there is {near}: names must match exactly)" if near else ""
            problems.append(f"{label}: the file {key} is not in the pack{tip}.")
    return problems


def ordered(manifest: PackManifest) -> list[PackItemSpec]:
    """Items in learning order: by ``order`` where given, else their place in the file."""
    indexed = list(enumerate(manifest.items))
    return [
        item
        for _i, item in sorted(
            indexed, key=lambda p: (p[1].order if p[1].order is not None else p[0], p[0])
        )
    ]


def canonical(manifest: PackManifest) -> str:
    """The manifest as one canonical JSON text (what the identity and exports use)."""
    return json.dumps(
        manifest.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def pack_key(manifest: PackManifest, file_hashes: Mapping[str, str]) -> str:
    """The pack's identity: sha256 over its canonical manifest and each file's sha256.

    The same pack from a folder, from a zip or from an export of an installed pack gets the
    same key; any change to an item or a file makes a different pack.
    """
    h = hashlib.sha256(canonical(manifest).encode("utf-8"))
    for name in sorted(file_hashes):
        h.update(b"\0" + name.encode("utf-8") + b"\0" + file_hashes[name].encode("ascii"))
    return h.hexdigest()


def folder_name(key: str) -> str:
    """The pack's folder under ``media/packs`` (its key is unique; 16 hex digits suffice)."""
    return key[:16]


def item_kind(item: PackItemSpec) -> str:
    """The ContentItem kind: a video file, a document, a direct stream or a web page."""
    if item.file is not None:
        return KIND_VIDEO if is_video_file_name(item.file) else KIND_DOCUMENT
    assert item.url is not None
    return KIND_STREAM if classify_url(item.url) == SOURCE_STREAM else KIND_PAGE


def est_hours(duration_s: float | None) -> float:
    """Study time: the length of the video, else half an hour for a document or page."""
    if duration_s:
        return round(max(duration_s, 1.0) / 3600, 3)
    return DOCUMENT_HOURS
