"""Watching counts: the watched share of a tagged video is study evidence, proportional,
idempotent per video, withdrawn on reset (core/player/study.py, docs/skills.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from careerdesk.app import App
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.rules import NOT_STARTED
from careerdesk.core.player.service import VideoProgressService
from careerdesk.core.player.study import study_hours, watched_share
from careerdesk.core.skills.events import SkillEvidenceAdded
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.skills import SkillEvidenceRecord


@pytest.fixture
def setup(app: App, tmp_path: Path):  # type: ignore[no-untyped-def]
    profile = app.profiles.create("Learner")
    clip = tmp_path / "sql and python.mp4"
    clip.write_bytes(b"not parsed here")
    entry = app.service(ContentLibraryService).add_file(profile.id, clip)
    with app.db.session() as s:
        item = s.get(ContentItem, entry.content_id)
        assert item is not None
        item.skills = ["sql", "python"]
        item.est_hours = 2.0  # two skills: one hour each when fully watched
        item.level = "beginner"
    events: list[DomainEvent] = []
    app.bus.subscribe(DomainEvent, events.append)
    return app, app.service(VideoProgressService), profile.id, entry.content_id, events


def _ledger(app: App, pid: int) -> list[tuple[str, str, float, float | None, str]]:
    with app.db.read() as s:
        rows = s.execute(
            select(
                SkillEvidenceRecord.skill_id,
                SkillEvidenceRecord.kind,
                SkillEvidenceRecord.value,
                SkillEvidenceRecord.difficulty,
                SkillEvidenceRecord.ref,
            )
            .where(SkillEvidenceRecord.profile_id == pid)
            .order_by(SkillEvidenceRecord.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_share_counts_in_whole_steps() -> None:
    assert watched_share(0.0) == 0.0
    assert watched_share(0.19) == 0.1
    assert watched_share(0.2) == 0.2
    assert watched_share(0.999) == 0.9
    assert watched_share(1.0) == 1.0
    # 3 h over 2 skills, 40 % watched: 1.5 h × 0.4 = 0.6 h each
    assert study_hours(3.0, 2, 0.4) == 0.6
    assert study_hours(3.0, 0, 0.4) == 0.0


def test_watched_share_becomes_proportional_study(setup) -> None:  # type: ignore[no-untyped-def]
    app, svc, pid, cid, events = setup
    ref = f"content:{cid}"
    svc.save(pid, cid, watched=[(0, 25)], position_s=25, duration_s=100)
    # 25 % watched → 2 steps → 0.2 × (2 h / 2 skills) = 0.2 h per skill, beginner ceiling 40
    assert _ledger(app, pid) == [
        ("sql", "study", 0.2, 40.0, ref),
        ("python", "study", 0.2, 40.0, ref),
    ]
    added = [e for e in events if isinstance(e, SkillEvidenceAdded)]
    assert len(added) == 1 and added[0].skill_ids == ("sql", "python")

    # Re-watching the same part and re-saving the same progress appends nothing.
    events.clear()
    svc.save(pid, cid, watched=[(5, 20)], position_s=20)
    svc.save(pid, cid, watched=[(0, 25)], position_s=25)
    svc.save(pid, cid, watched=[(0, 29)], position_s=29)  # still 2 whole steps
    assert len(_ledger(app, pid)) == 2
    assert not [e for e in events if isinstance(e, SkillEvidenceAdded)]

    # Watching to the end restates the evidence at the full hour.
    svc.save(pid, cid, watched=[(0, 100)], position_s=100)
    assert _ledger(app, pid)[2:] == [
        ("sql", "study", 1.0, 40.0, ref),
        ("python", "study", 1.0, 40.0, ref),
    ]
    svc.save(pid, cid, watched=[(0, 100)], position_s=3)  # a repeat: nothing new
    assert len(_ledger(app, pid)) == 4


def test_the_skill_model_counts_one_video_once(setup) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.skills.service import SkillProfileService

    app, svc, pid, cid, _events = setup
    model = app.service(SkillProfileService)
    svc.save(pid, cid, watched=[(0, 50)], position_s=50, duration_s=100)
    svc.save(pid, cid, watched=[(0, 100)], position_s=100)
    # Study alone starts a belief at 0; only the newest entry of the ref counts: 0 + 1.0 h
    # × 1 point per hour = 1.0 (not 0.5 + 1.0).
    assert model.estimates(pid)["sql"].estimate == 1.0
    assert model.estimates(pid)["python"].estimate == 1.0


def test_reset_withdraws_and_untagged_videos_add_nothing(setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, svc, pid, cid, _events = setup
    svc.save(pid, cid, watched=[(0, 50)], position_s=50, duration_s=100)
    svc.set_state(pid, cid, NOT_STARTED)
    kinds = [(skill, kind) for skill, kind, *_ in _ledger(app, pid)[2:]]
    assert kinds == [("sql", "withdrawn"), ("python", "withdrawn")]
    svc.set_state(pid, cid, NOT_STARTED)  # again: nothing left to withdraw
    assert len(_ledger(app, pid)) == 4

    other = tmp_path / "untagged.mp4"
    other.write_bytes(b"x")
    plain = app.service(ContentLibraryService).add_file(pid, other)
    with app.db.session() as s:
        item = s.get(ContentItem, plain.content_id)
        assert item is not None
        item.skills = []
    svc.save(pid, plain.content_id, watched=[(0, 10)], position_s=10, duration_s=10)
    assert len(_ledger(app, pid)) == 4


def test_video_progress_and_study_evidence_trigger_insights() -> None:
    from careerdesk.core.insights.service import is_trigger
    from careerdesk.core.player.events import VideoProgressed

    assert is_trigger(VideoProgressed(profile_id=1, content_id=2, watched_fraction=0.1))
    assert is_trigger(SkillEvidenceAdded(profile_id=1, skill_ids=("sql",), kinds=("study",)))


def test_watching_part_of_an_item_marked_done_elsewhere_keeps_its_full_credit(setup) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.learning.service import LearningService

    app, svc, pid, cid, _events = setup
    app.service(LearningService).set_state(pid, cid, "DONE")  # the Learning tab's mark
    before = _ledger(app, pid)
    assert [(k, kind, v) for k, kind, v, *_ in before] == [
        ("sql", "study", 1.0),  # 2 h / 2 skills
        ("python", "study", 1.0),
    ]
    svc.save(pid, cid, watched=[(0, 30)], position_s=30, duration_s=100)
    assert _ledger(app, pid) == before  # 30 % watched does not lower 1.0 h to 0.3 h
