"""The library tags the learner's videos: suggested on add/import, set by hand, checked."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from sqlalchemy import select

from careerdesk.app import App
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.player.events import ContentLibraryChanged
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.service import VideoProgressService
from careerdesk.core.skills.events import SkillEvidenceAdded
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.skills import SkillEvidenceRecord
from tests.media import make_clip


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def _titled_clip(path: Path, title: str) -> Path:
    """A real clip whose container carries a title tag (remuxed from make_clip)."""
    plain = make_clip(path.parent / "plain" / path.name, 1.0)
    with av.open(str(plain)) as src, av.open(str(path), "w") as dst:
        dst.metadata["title"] = title
        stream = dst.add_stream_from_template(src.streams.video[0])
        for packet in src.demux(src.streams.video[0]):
            if packet.dts is not None:
                packet.stream = stream
                dst.mux(packet)
    plain.unlink()
    return path


@pytest.fixture
def tmp_path(tmp_path: Path) -> Path:
    # pytest's own folders are named "test_…", which rightly suggests "testing"
    return tmp_path / "Videos"


@pytest.fixture
def lib(app: App):  # type: ignore[no-untyped-def]
    return app.service(ContentLibraryService), app.profiles.create("Learner").id


def test_an_added_file_gets_the_suggested_skills(lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    entry = svc.add_file(pid, _touch(tmp_path / "03 - SQL Joins Explained.mp4"))
    assert entry.skills == ["sql"]
    # Given skills win; the same file again keeps its tags unless skills are given.
    other = svc.add_file(pid, _touch(tmp_path / "clip.mp4"), skills=["Python", " sql "])
    assert other.skills == ["python", "sql"]
    assert svc.add_file(pid, tmp_path / "clip.mp4").skills == ["python", "sql"]


def test_title_metadata_and_duration_are_read_from_the_file(lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    clip = _titled_clip(tmp_path / "VID_0001.mp4", "Hypothesis testing for analysts")
    entry = svc.add_file(pid, clip)
    assert entry.skills == ["statistics"]
    assert entry.duration_s == pytest.approx(1.0, abs=0.1)
    with svc.db.read() as s:
        item = s.get(ContentItem, entry.content_id)
        assert item is not None
        # a 1-second video is a second of study: 1/3600 h
        assert item.est_hours == pytest.approx(round(item.duration_s / 3600, 4))


def test_import_folder_suggests_per_file_and_skills_sets_them_all(lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    course = tmp_path / "Data course"
    _touch(course / "01 - SQL Joins Explained.mp4")
    _touch(course / "02 excel_pivot_tables_part2.webm")
    _touch(course / "03 welcome.mp4")
    result = svc.import_folder(pid, course)
    assert [(i.title, i.skills, i.suggested, i.new) for i in result.items] == [
        ("01 - SQL Joins Explained", ["sql"], True, True),
        ("02 excel pivot tables part2", ["data_analysis"], True, True),
        ("03 welcome", [], True, True),
    ]
    # Again with --skills: every file of the folder is tagged so, nothing new is added.
    again = svc.import_folder(pid, course, skills=["statistics"])
    assert again.added == 0
    assert [(i.skills, i.suggested, i.new) for i in again.items] == [
        (["statistics"], False, False)
    ] * 3


def test_unknown_skills_are_refused_and_nothing_changes(app: App, lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    entry = svc.add_file(pid, _touch(tmp_path / "Python Decorators.mp4"))
    with pytest.raises(ValidationError, match="Unknown skill ids: cooking, sqll"):
        svc.set_skills(pid, entry.content_id, ["python", "cooking", "sqll"])
    with pytest.raises(ValidationError, match="Unknown skill id: cooking"):
        svc.import_folder(pid, tmp_path, skills=["cooking"])
    with pytest.raises(ValidationError):
        svc.add_file(pid, _touch(tmp_path / "x.mp4"), skills=["nope"])
    assert svc.entries(pid, [entry.content_id])[0].skills == ["python"]
    assert len(svc.playlist(pid)) == 1  # x.mp4 was not added


def test_editing_tags_restates_what_watching_earned(app: App, lib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc, pid = lib
    events: list[object] = []
    app.bus.subscribe(object, events.append)  # type: ignore[arg-type]
    entry = svc.add_file(pid, _touch(tmp_path / "SQL basics.mp4"))
    with app.db.session() as s:
        item = s.get(ContentItem, entry.content_id)
        assert item is not None
        item.est_hours = 1.0
    app.service(VideoProgressService).save(
        pid, entry.content_id, watched=[(0, 50)], position_s=50, duration_s=100
    )
    events.clear()
    svc.set_skills(pid, entry.content_id, ["python"])
    assert any(isinstance(e, ContentLibraryChanged) for e in events)
    assert any(isinstance(e, SkillEvidenceAdded) for e in events)
    with app.db.read() as s:
        rows = s.execute(
            select(
                SkillEvidenceRecord.skill_id, SkillEvidenceRecord.kind, SkillEvidenceRecord.value
            )
            .where(SkillEvidenceRecord.profile_id == pid)
            .order_by(SkillEvidenceRecord.id)
        ).all()
    # 50 % of 1 h on sql, then retagged: 0.5 h on python, sql withdrawn
    assert [tuple(r) for r in rows] == [
        ("sql", "study", 0.5),
        ("python", "study", 0.5),
        ("sql", "withdrawn", 0.0),
    ]
    events.clear()
    svc.set_skills(pid, entry.content_id, ["python"])  # unchanged: nothing happens
    assert events == []
