"""Content packs: import from a folder or zip, validation, nothing half-imported, idempotent
re-import, export round trip (docs/packs.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.packs.events import ContentPackInstalled
from careerdesk.core.packs.rules import PackError
from careerdesk.core.packs.service import PackService
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.packs import ContentPack
from tests.core.packs.support import sql_manifest, write_pack, zip_folder
from tests.media import make_clip, make_corrupt


def _rows(app) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with app.db.read() as s:
        packs = s.scalar(select(func.count()).select_from(ContentPack))
        items = s.scalar(
            select(func.count()).select_from(ContentItem).where(ContentItem.pack_id.is_not(None))
        )
    return packs or 0, items or 0


def _pack_files(app) -> list[Path]:  # type: ignore[no-untyped-def]
    root = app.paths.data_dir / "media" / "packs"
    return sorted(p for p in root.rglob("*")) if root.exists() else []


def test_valid_folder_is_installed_for_everyone_with_files_in_the_data_folder(
    app, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    events: list[ContentPackInstalled] = []
    app.bus.subscribe(ContentPackInstalled, events.append)
    source = write_pack(tmp_path / "usb" / "sql-pack")
    result = app.service(PackService).import_pack(source)
    assert result.created
    assert (result.pack.title, result.pack.author, result.pack.licence) == (
        "SQL in short clips",
        "Career Centre North",
        "CC BY 4.0",
    )
    assert (result.pack.items, result.pack.videos) == (4, 2)
    assert len(events) == 1 and events[0].profile_id is None and events[0].items == 4
    with app.db.read() as s:
        rows = s.scalars(
            select(ContentItem)
            .where(ContentItem.pack_id == result.pack.id)
            .order_by(ContentItem.position)
        ).all()
        got = [
            (r.title, r.kind, r.profile_id, r.level, r.skills, r.duration_s, r.position)
            for r in rows
        ]
        paths = [r.local_path for r in rows]
        urls = [r.url for r in rows]
    # In "order": joins (1), group by (2), the document (3), the web page (4); the videos'
    # lengths are read from the files (2 s and 3 s clips); nobody owns the rows.
    assert got == [
        ("Joins explained", "video", None, "beginner", ["sql"], 2.0, 0),
        (
            "Group by and aggregates",
            "video",
            None,
            "intermediate",
            ["sql", "data_analysis"],
            3.0,
            1,
        ),
        ("SQL cheat sheet", "article", None, "beginner", ["sql"], None, 2),
        ("Window functions (web)", "page", None, "advanced", ["sql"], None, 3),
    ]
    assert urls[3] == "https://www.youtube.com/watch?v=abc" and paths[3] is None
    # The files live in the data folder: removing the USB stick changes nothing.
    folder = app.paths.data_dir / result.pack.folder
    assert paths[0] == str(folder / "videos" / "01 Joins.mp4")
    import shutil

    shutil.rmtree(tmp_path / "usb")
    assert all(Path(p).is_file() for p in paths[:3])


def test_zip_with_the_pack_inside_one_folder(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = write_pack(tmp_path / "pack")
    archive = zip_folder(folder, tmp_path / "sql-pack.zip", inner="sql-pack")
    result = app.service(PackService).import_pack(archive)
    assert result.created and result.pack.items == 4 and result.pack.videos == 2
    assert _rows(app) == (1, 4)
    files = app.paths.data_dir / result.pack.folder
    assert (files / "videos" / "02 Group by.mp4").read_bytes() == (
        folder / "videos" / "02 Group by.mp4"
    ).read_bytes()


def _problems(app, source: Path) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(PackError) as info:
        app.service(PackService).import_pack(source)
    assert _rows(app) == (0, 0)  # nothing half-imported: no rows …
    assert [p for p in _pack_files(app) if p.is_file()] == []  # … and no files
    return str(info.value)


def test_missing_file_is_named(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_pack(tmp_path / "pack")
    (source / "videos" / "02 Group by.mp4").unlink()
    message = _problems(app, source)
    assert (
        "Item 1 (“Group by and aggregates”): the file videos/02 Group by.mp4 is not in the pack."
        in message
    )


def test_unknown_skill_id_suggests_the_right_one(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = sql_manifest()
    manifest["items"][1]["skills"] = ["sqll"]
    message = _problems(app, write_pack(tmp_path / "pack", manifest))
    assert "Item 2 (“Joins explained”): unknown skill id 'sqll' (did you mean 'sql'?)." in message


def test_bad_json_says_where(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    message = _problems(app, write_pack(tmp_path / "pack", '{"title": "SQL",\n  "author": }'))
    assert "careerdesk-pack.json is not valid JSON: line 2, column 13" in message


def test_missing_fields_are_all_listed(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = sql_manifest()
    del manifest["licence"]
    del manifest["items"][0]["skills"]
    manifest["items"][2]["colour"] = "red"
    message = _problems(app, write_pack(tmp_path / "pack", manifest))
    assert "The manifest: 'licence' is missing." in message
    assert "Item 1 (“Group by and aggregates”): 'skills' is missing." in message
    assert "Item 3 (“SQL cheat sheet”): 'colour' is not a field CareerDesk knows" in message


def test_unreadable_video_is_refused(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_pack(tmp_path / "pack")
    make_corrupt(source / "videos" / "02 Group by.mp4")
    message = _problems(app, source)
    assert "Item 1 (“Group by and aggregates”): 02 Group by.mp4 cannot be played" in message


def test_a_truncated_video_is_refused_by_name(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A copy cut short: the first 40 % of a real clip. Its header (written at the end by the
    # muxer) is gone, so the app's media backend cannot open it; the other video is fine.
    source = write_pack(tmp_path / "pack")
    joins = source / "videos" / "01 Joins.mp4"
    data = joins.read_bytes()
    joins.write_bytes(data[: len(data) * 2 // 5])
    message = _problems(app, source)
    assert "Item 2 (“Joins explained”): 01 Joins.mp4 cannot be played: it is damaged" in message
    assert "Group by" not in message


def test_a_path_outside_the_pack_is_refused(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = sql_manifest()
    manifest["items"][0]["file"] = "../secret.mp4"
    message = _problems(app, write_pack(tmp_path / "pack", manifest))
    assert "must be a path inside the pack's folder" in message


def test_failure_while_writing_rows_removes_the_copied_files(
    app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    service = app.service(PackService)

    def boom(*_a: object, **_k: object) -> tuple[int, int]:
        raise RuntimeError("disk full while writing")

    monkeypatch.setattr(service, "_write_rows", boom)
    with pytest.raises(RuntimeError):
        service.import_pack(write_pack(tmp_path / "pack"))
    assert _rows(app) == (0, 0)
    assert [p for p in _pack_files(app) if p.is_file()] == []


def test_cancel_during_copy_leaves_nothing(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    class Cancelled(Exception):
        pass

    def progress(fraction: float, message: str) -> None:
        if message.startswith("Copying") and fraction > 0:
            raise Cancelled()

    with pytest.raises(Cancelled):
        app.service(PackService).import_pack(write_pack(tmp_path / "pack"), progress)
    assert _rows(app) == (0, 0) and [p for p in _pack_files(app) if p.is_file()] == []


def test_reimport_is_idempotent_and_restores_missing_files(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service = app.service(PackService)
    source = write_pack(tmp_path / "pack")
    first = service.import_pack(source)
    again = service.import_pack(zip_folder(source, tmp_path / "same.zip"))
    assert not again.created and again.pack.id == first.pack.id
    assert "already installed" in again.summary()
    assert _rows(app) == (1, 4)
    # A second kiosk on a shared database lacks the files: importing again puts them back.
    video = app.paths.data_dir / first.pack.folder / "videos" / "01 Joins.mp4"
    video.unlink()
    restored = service.import_pack(source)
    assert restored.files_restored == 1 and video.is_file() and _rows(app) == (1, 4)


def test_a_changed_pack_with_the_same_title_and_author_is_refused(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service = app.service(PackService)
    service.import_pack(write_pack(tmp_path / "v1"))
    manifest = sql_manifest()
    manifest["items"][0]["level"] = "advanced"
    with pytest.raises(PackError) as info:
        service.import_pack(write_pack(tmp_path / "v2", manifest))
    message = str(info.value)
    assert "A different pack called “SQL in short clips” by Career Centre North" in message
    assert _rows(app) == (1, 4)


def test_export_then_import_elsewhere_round_trips(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service = app.service(PackService)
    first = service.import_pack(write_pack(tmp_path / "pack"))
    archive = service.export_pack("sql in short clips", tmp_path / "out" / "copy.zip")
    folder = service.export_pack(str(first.pack.id), tmp_path / "out" / "copy")
    assert (
        json.loads((folder / "careerdesk-pack.json").read_text())["title"] == "SQL in short clips"
    )
    assert (folder / "videos" / "01 Joins.mp4").is_file()
    # Another installation (a fresh data folder and database) gets the same pack: same key.
    other = PackService(app.db, app.bus, tmp_path / "elsewhere", prober=service.prober)
    with app.db.session() as s:
        for row in s.scalars(select(ContentPack)):
            s.delete(row)
    for source in (archive, folder):
        result = other.import_pack(source)
        assert result.pack.key == first.pack.key
        assert (result.pack.items, result.pack.videos) == (4, 2)
    assert _rows(app) == (1, 4)
    with pytest.raises(ValidationError, match="not an empty folder"):
        service.export_pack("SQL in short clips", folder)
    with pytest.raises(NotFoundError, match="No content pack “nope”"):
        service.export_pack("nope", tmp_path / "x.zip")


def test_not_a_pack(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_clip(tmp_path / "loose" / "a.mp4", 1.0, fps=5, size=(16, 16))
    with pytest.raises(ValidationError, match=r"holds no careerdesk-pack\.json"):
        app.service(PackService).import_pack(tmp_path / "loose")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ValidationError, match="not a zip file CareerDesk can read"):
        app.service(PackService).import_pack(tmp_path / "broken.zip")
    with pytest.raises(NotFoundError):
        app.service(PackService).import_pack(tmp_path / "absent")
