"""VideoProgressService: merged intervals persisted, events after commit, DONE exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from careerdesk.app import App
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.learning.events import ContentCompleted, ContentProgressChanged
from careerdesk.core.player.events import MediaErrorChanged, VideoProgressed
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.rules import DONE, IN_PROGRESS, NOT_STARTED
from careerdesk.core.player.service import VideoProgressService
from careerdesk.core.storage.tables.profiles import LearningEvent


@pytest.fixture
def setup(app: App, tmp_path: Path):  # type: ignore[no-untyped-def]
    profile = app.profiles.create("Learner")
    clip = tmp_path / "lesson.mp4"
    clip.write_bytes(b"not parsed here")
    entry = app.service(ContentLibraryService).add_file(profile.id, clip)
    events: list[DomainEvent] = []
    app.bus.subscribe(DomainEvent, events.append)
    return app.service(VideoProgressService), profile.id, entry.content_id, events


def _of(events: list[DomainEvent], kind: type) -> list:  # type: ignore[type-arg]
    return [e for e in events if isinstance(e, kind)]


def test_save_merges_and_publishes_steps(setup) -> None:  # type: ignore[no-untyped-def]
    svc, pid, cid, events = setup
    snap = svc.save(pid, cid, watched=[(0, 25)], position_s=25, duration_s=100)
    assert snap.state == IN_PROGRESS
    assert snap.watched == [(0, 25)]
    assert snap.steps_crossed == [0.1, 0.2]
    assert [e.watched_fraction for e in _of(events, VideoProgressed)] == [0.1, 0.2]
    assert [e.state for e in _of(events, ContentProgressChanged)] == [IN_PROGRESS]
    events.clear()
    # A later save with an overlapping interval adds only what is new.
    snap = svc.save(pid, cid, watched=[(20, 32)], position_s=32)
    assert snap.watched == [(0, 32)]
    assert snap.watched_fraction == pytest.approx(0.32)
    assert [e.watched_fraction for e in _of(events, VideoProgressed)] == [0.3]
    assert _of(events, ContentProgressChanged) == []
    stored = svc.get(pid, cid)
    assert stored.position_s == 32 and stored.duration_s == 100


def test_skipping_does_not_count_and_done_fires_once(setup) -> None:  # type: ignore[no-untyped-def]
    svc, pid, cid, events = setup
    svc.save(pid, cid, watched=[(0, 10), (80, 100)], position_s=100, duration_s=100)
    assert svc.get(pid, cid).state == IN_PROGRESS
    snap = svc.save(pid, cid, watched=[(10, 70)], position_s=70)
    assert snap.state == DONE and snap.completed_now
    assert snap.watched_fraction == pytest.approx(0.9)
    # Watching it all again: still 100% at most, no second completion.
    again = svc.save(pid, cid, watched=[(0, 100)], position_s=100)
    again = svc.save(pid, cid, watched=[(0, 100)], position_s=100)
    assert again.watched_fraction == 1.0 and not again.completed_now
    assert len(_of(events, ContentCompleted)) == 1
    assert [e.state for e in _of(events, ContentProgressChanged)] == [IN_PROGRESS, DONE]
    steps = [e.watched_fraction for e in _of(events, VideoProgressed)]
    assert steps == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]


def test_learning_events_logged(setup, app: App) -> None:  # type: ignore[no-untyped-def]
    svc, pid, cid, _events = setup
    svc.save(pid, cid, watched=[(0, 95)], position_s=95, duration_s=100)
    with app.db.read() as s:
        kinds = list(s.scalars(select(LearningEvent.kind).where(LearningEvent.profile_id == pid)))
    assert kinds == ["content_started", "content_completed"]


def test_unknown_duration_uses_item_duration_later(setup) -> None:  # type: ignore[no-untyped-def]
    svc, pid, cid, _events = setup
    snap = svc.save(pid, cid, watched=[(0, 5)], position_s=5)
    assert snap.watched_fraction == 0.0 and snap.state == IN_PROGRESS
    snap = svc.save(pid, cid, watched=[], position_s=5, duration_s=10)
    assert snap.watched_fraction == 0.5


def test_manual_marking_rules(setup, app: App) -> None:  # type: ignore[no-untyped-def]
    svc, pid, cid, events = setup
    with pytest.raises(ValidationError, match="90%"):
        svc.set_state(pid, cid, DONE)
    svc.flag_media_error(pid, cid, "cannot be decoded")
    snap = svc.set_state(pid, cid, DONE)
    assert snap.state == DONE and snap.completed_now
    assert len(_of(events, ContentCompleted)) == 1
    reset = svc.set_state(pid, cid, NOT_STARTED)
    assert reset.state == NOT_STARTED and reset.watched == [] and reset.completed_at is None
    with pytest.raises(ValidationError):
        svc.set_state(pid, cid, "HALF")


def test_page_opened_is_in_progress_and_can_be_marked(setup, app: App) -> None:  # type: ignore[no-untyped-def]
    svc, pid, _cid, events = setup
    page = app.service(ContentLibraryService).add_url(pid, "https://www.youtube.com/watch?v=abc")
    assert svc.mark_opened(pid, page.content_id).state == IN_PROGRESS
    assert svc.set_state(pid, page.content_id, DONE).watched_fraction == 1.0
    assert [e.state for e in _of(events, ContentProgressChanged)] == [IN_PROGRESS, DONE]


def test_media_error_flag_is_kept_apart(setup) -> None:  # type: ignore[no-untyped-def]
    svc, pid, cid, events = setup
    svc.save(pid, cid, watched=[(0, 30)], position_s=30, duration_s=100)
    svc.flag_media_error(pid, cid, "The file is missing")
    svc.flag_media_error(pid, cid, "The file is missing")  # no second event
    snap = svc.get(pid, cid)
    assert snap.media_error == "The file is missing" and snap.watched == [(0, 30)]
    svc.flag_media_error(pid, cid, None)
    assert [e.error for e in _of(events, MediaErrorChanged)] == ["The file is missing", None]


def test_other_learners_items_are_refused(setup, app: App) -> None:  # type: ignore[no-untyped-def]
    svc, _pid, cid, _events = setup
    other = app.profiles.create("Other")
    with pytest.raises(NotFoundError):
        svc.save(other.id, cid, watched=[(0, 1)], position_s=1)
    with pytest.raises(NotFoundError):
        svc.get(other.id, 999_999)
