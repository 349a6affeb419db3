"""Building content packs for tests: tiny real videos made with PyAV and a manifest."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from tests.media import make_clip

MANIFEST = "careerdesk-pack.json"


def sql_manifest() -> dict[str, Any]:
    """Two SQL videos (beginner, intermediate), a document and a web page."""
    return {
        "title": "SQL in short clips",
        "author": "Career Centre North",
        "licence": "CC BY 4.0",
        "items": [
            {
                "file": "videos/02 Group by.mp4",
                "title": "Group by and aggregates",
                "skills": ["sql", "data_analysis"],
                "level": "intermediate",
                "order": 2,
            },
            {
                "file": "videos/01 Joins.mp4",
                "title": "Joins explained",
                "skills": ["sql"],
                "level": "beginner",
                "order": 1,
            },
            {
                "file": "notes/cheatsheet.pdf",
                "title": "SQL cheat sheet",
                "skills": ["sql"],
                "level": "beginner",
                "order": 3,
            },
            {
                "url": "https://www.youtube.com/watch?v=abc",
                "title": "Window functions (web)",
                "skills": ["sql"],
                "level": "advanced",
                "order": 4,
            },
        ],
    }


def write_pack(root: Path, manifest: dict[str, Any] | str | None = None) -> Path:
    """A pack folder: 2 s and 3 s clips, a small PDF-named document, the manifest."""
    make_clip(root / "videos" / "01 Joins.mp4", 2.0, fps=10, size=(32, 32))
    make_clip(root / "videos" / "02 Group by.mp4", 3.0, fps=10, size=(32, 32))
    (root / "notes").mkdir(parents=True, exist_ok=True)
    (root / "notes" / "cheatsheet.pdf").write_bytes(b"%PDF-1.4\n% a tiny stand-in document\n")
    data = sql_manifest() if manifest is None else manifest
    text = data if isinstance(data, str) else json.dumps(data, indent=2)
    (root / MANIFEST).write_text(text, encoding="utf-8")
    return root


def zip_folder(folder: Path, target: Path, *, inner: str = "") -> Path:
    """Zip ``folder``'s files, at the top level or inside one folder ``inner``."""
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                zf.write(path, f"{inner}/{name}" if inner else name)
    return target
