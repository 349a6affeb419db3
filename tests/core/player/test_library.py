"""ContentLibraryService: files, folders as ordered courses, links, playlists, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerdesk.app import App
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.player.events import ContentLibraryChanged
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.media import (
    SOURCE_FILE,
    SOURCE_PAGE,
    SOURCE_STREAM,
    classify_url,
    natural_key,
    source_of,
    validate_url,
)
from careerdesk.core.player.rules import DONE, NOT_STARTED
from careerdesk.core.player.service import VideoProgressService


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


@pytest.fixture
def lib(app: App):  # type: ignore[no-untyped-def]
    return app.service(ContentLibraryService), app.profiles.create("Learner").id


# -- pure helpers -----------------------------------------------------------------------------


def test_natural_sort() -> None:
    names = ["10 outro.mp4", "2 intro.mp4", "1 welcome.mp4", "Part 2b.mp4", "part 2a.mp4"]
    assert sorted(names, key=natural_key) == [
        "1 welcome.mp4",
        "2 intro.mp4",
        "10 outro.mp4",
        "part 2a.mp4",
        "Part 2b.mp4",
    ]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", SOURCE_PAGE),
        ("https://youtu.be/dQw4w9WgXcQ", SOURCE_PAGE),
        ("https://vimeo.com/12345", SOURCE_PAGE),
        ("https://cdn.example.org/course/lesson1.mp4", SOURCE_STREAM),
        ("https://cdn.example.org/live/index.m3u8?token=1", SOURCE_STREAM),
        ("https://www.youtube.com/fake.mp4", SOURCE_PAGE),
        ("https://example.org/blog/post", SOURCE_PAGE),
    ],
)
def test_classify_url(url: str, source: str) -> None:
    assert classify_url(url) == source


@pytest.mark.parametrize(
    "bad", ["", "   ", "ftp://x.org/a.mp4", "www.example.org/a.mp4", "https://", "http://a b/c"]
)
def test_bad_urls_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        validate_url(bad)


def test_source_of_catalogue_items() -> None:
    assert source_of("video", "https://youtube.com/watch?v=1", None) == SOURCE_PAGE
    assert source_of("video", "https://x.org/a.webm", None) == SOURCE_STREAM
    assert source_of("article", "https://x.org/a.webm", None) == SOURCE_PAGE
    assert source_of("video", None, "/tmp/a.mp4") == SOURCE_FILE


# -- files ------------------------------------------------------------------------------------


def test_add_file_and_duplicates(lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    clip = _touch(tmp_path / "My_first lesson.mp4")
    entry = svc.add_file(pid, clip)
    assert entry.title == "My first lesson"
    assert entry.source == SOURCE_FILE and entry.playable and entry.owned
    assert entry.location == str(clip.resolve())
    assert svc.add_file(pid, clip).content_id == entry.content_id
    assert [e.content_id for e in svc.playlist(pid)] == [entry.content_id]


def test_add_file_errors(lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    with pytest.raises(NotFoundError, match="does not exist"):
        svc.add_file(pid, tmp_path / "nope.mp4")
    with pytest.raises(ValidationError, match="not a video file"):
        svc.add_file(pid, _touch(tmp_path / "notes.txt"))
    with pytest.raises(ValidationError, match="folder"):
        svc.add_file(pid, tmp_path)


# -- folders ----------------------------------------------------------------------------------


def test_import_folder_as_ordered_course(lib, app: App, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    root = tmp_path / "SQL basics"
    for name in ["10 outro.mp4", "2 intro.mkv", "1 welcome.webm", "notes.pdf", ".hidden.mp4"]:
        _touch(root / name)
    _touch(root / "Part 2" / "1 joins.mp4")
    seen: list[ContentLibraryChanged] = []
    app.bus.subscribe(ContentLibraryChanged, seen.append)
    result = svc.import_folder(pid, root)
    assert result.added == 4 and result.course.title == "SQL basics"
    titles = [e.title for e in svc.playlist(pid, result.course.id)]
    assert titles == ["1 welcome", "2 intro", "10 outro", "1 joins"]
    assert seen and seen[0].course_id == result.course.id
    # Importing again adds only the new file and keeps progress of the others.
    first = svc.playlist(pid, result.course.id)[0]
    app.service(VideoProgressService).save(
        pid, first.content_id, watched=[(0, 5)], position_s=5, duration_s=10
    )
    _touch(root / "3 setup.mp4")
    again = svc.import_folder(pid, root)
    assert (again.added, again.already_there, again.course.id) == (1, 4, result.course.id)
    entries = svc.playlist(pid, result.course.id)
    assert [e.title for e in entries] == ["1 welcome", "2 intro", "3 setup", "10 outro", "1 joins"]
    assert entries[0].watched_fraction == 0.5
    assert svc.courses(pid)[0].items == 5


def test_import_folder_errors(lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    with pytest.raises(NotFoundError, match="does not exist"):
        svc.import_folder(pid, tmp_path / "missing")
    _touch(tmp_path / "empty" / "readme.txt")
    with pytest.raises(ValidationError, match="No video files"):
        svc.import_folder(pid, tmp_path / "empty")
    with pytest.raises(ValidationError, match="not a folder"):
        svc.import_folder(pid, tmp_path / "empty" / "readme.txt")


# -- links and playlists ----------------------------------------------------------------------


def test_add_urls(lib) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    stream = svc.add_url(pid, " https://cdn.example.org/videos/Intro_to_SQL.mp4 ")
    assert stream.source == SOURCE_STREAM and stream.title == "Intro to SQL"
    page = svc.add_url(pid, "https://www.youtube.com/watch?v=abc", "SQL in 10 minutes")
    assert page.source == SOURCE_PAGE and not page.playable
    # The learner may say an address without extension is a stream, but never YouTube.
    forced = svc.add_url(pid, "https://media.example.org/stream?id=4", as_page=False)
    assert forced.source == SOURCE_STREAM
    assert svc.add_url(pid, page.location, as_page=False).source == SOURCE_PAGE
    with pytest.raises(ValidationError):
        svc.add_url(pid, "not a url")
    order = [e.content_id for e in svc.playlist(pid)]
    assert order == [stream.content_id, page.content_id, forced.content_id]


def test_entries_in_given_order_skip_foreign(lib, app: App, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    a = svc.add_file(pid, _touch(tmp_path / "a.mp4"))
    b = svc.add_url(pid, "https://youtu.be/x")
    other = app.profiles.create("Other").id
    c = svc.add_file(other, _touch(tmp_path / "c.mp4"))
    ids = [b.content_id, c.content_id, a.content_id, 424242]
    assert [e.content_id for e in svc.entries(pid, ids)] == [b.content_id, a.content_id]


def test_set_state_remove_and_relocate(lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    page = svc.add_url(pid, "https://youtu.be/x")
    assert svc.set_state(pid, page.content_id, DONE).state == DONE
    assert svc.set_state(pid, page.content_id, NOT_STARTED).state == NOT_STARTED
    clip = svc.add_file(pid, _touch(tmp_path / "old.mp4"))
    moved = svc.relocate(pid, clip.content_id, _touch(tmp_path / "new place" / "old.mp4"))
    assert moved.location.endswith("new place/old.mp4") and moved.media_error is None
    assert svc.remove(pid, clip.content_id) == "old"
    assert [e.content_id for e in svc.playlist(pid)] == [page.content_id]
    with pytest.raises(NotFoundError):
        svc.remove(pid, clip.content_id)
