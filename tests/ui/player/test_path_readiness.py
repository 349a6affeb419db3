# ruff: noqa: F811  (the fixtures are shared with test_player.py by import)
"""Issue 17's test: playing a path video to 100 % at rate 8 through QVideoSink raises
readiness by the hand-computed amount, and the open Insights tab shows it without a click."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaPlayer
from sqlalchemy import select

from careerdesk.core.learning.content_sync import ensure_catalog_content
from careerdesk.core.player.rules import DONE
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.learning import LearningPath, LearningPathItem
from tests.insights_support import record_levels, target
from tests.media import make_clip
from tests.ui.player.test_player import RATE, lib, make_tab, progress, rec  # noqa: F401

pytestmark = pytest.mark.timeout(90)
END = QMediaPlayer.MediaStatus.EndOfMedia


def _insert_path(app, pid: int, items: list[tuple[int, str]], now: datetime) -> None:  # type: ignore[no-untyped-def]
    """A stored learning path of these (content id, skill) items, as the generator stores one
    (inserted directly: this test is about watching, not about how paths are chosen)."""
    with app.db.session() as s:
        path = LearningPath(profile_id=pid, role_id="data_analyst", created_at=now)
        s.add(path)
        s.flush()
        for position, (content_id, skill) in enumerate(items):
            s.add(
                LearningPathItem(
                    profile_id=pid,
                    path_id=path.id,
                    content_id=content_id,
                    position=position,
                    skill_id=skill,
                    reason="test",
                    est_hours=1.0,
                )
            )


def test_playing_a_path_video_to_the_end_raises_readiness_by_the_hand_computed_amount(
    ui_ctx, make_tab, lib, progress, rec, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app, pid = ui_ctx.app, ui_ctx.profile_id
    now = app.clock.now()
    target(app, pid, "data_analyst")
    record_levels(app, pid, {"sql": 30.0}, now)  # SQL measured at 30

    # The learner's own video, tagged SQL; it stands for a 2-hour recording (est_hours), so
    # the study credit is big enough to see.
    clip = make_clip(tmp_path / "Videos" / "03 - SQL Joins Explained.mp4", 3.0)
    video = lib.add_file(pid, clip)
    assert video.skills == ["sql"]  # suggested from the name
    ensure_catalog_content(app.db)
    with app.db.session() as s:
        item = s.get(ContentItem, video.content_id)
        item.est_hours = 2.0
        item.level = "beginner"
        other = s.scalars(
            select(ContentItem.id).where(ContentItem.profile_id.is_(None)).order_by(ContentItem.id)
        ).all()
        stats = next(
            cid for cid in other if (s.get(ContentItem, cid).skills or []) == ["statistics"]
        )
    _insert_path(app, pid, [(video.content_id, "sql"), (stats, "statistics")], now)

    from careerdesk.ui.insights.insights_widget import InsightsTab

    insights = InsightsTab(ui_ctx)
    qtbot.addWidget(insights)
    insights.resize(1100, 900)
    insights.show()
    qtbot.waitUntil(lambda: insights.document is not None, timeout=5000)
    before = insights.document.readiness

    # Hand computation (docs/insights.md, docs/skills.md). Data Analyst: importances
    # 5+5+4+4+4+3+2 = 27; SQL importance 5, target 75.
    #   before: assessment = 100 × 5 × (30/75) / 27 = 7.407; learning = 100 × mean(0, 0) = 0
    #           readiness = 0.7 × 7.407 + 0.3 × 0 = 5.19
    #   after:  study credit on SQL = min(4 per item, 2.0 h × 1 point/h × share 1.0,
    #           ceiling 40 − 30, 12 − 0) = 2 → SQL 32
    #           assessment = 100 × 5 × (32/75) / 27 = 7.901
    #           learning = 100 × mean(1 (the video is DONE), 0) = 50
    #           readiness = 0.7 × 7.901 + 0.3 × 50 = 5.531 + 15 = 20.53
    #   rise = 20.53 − 5.19 = 15.35
    expected_before = 0.7 * (100 * 5 * (30 / 75) / 27)
    expected_after = 0.7 * (100 * 5 * (32 / 75) / 27) + 0.3 * 50
    assert before.value == pytest.approx(expected_before, abs=0.051)
    assert before.learning_component == 0.0

    def shows_after(result) -> bool:  # type: ignore[no-untyped-def]
        return result.document.readiness.value == pytest.approx(expected_after, abs=0.051)

    # The Insights tab updates by itself: wait on the refresher's signal for the result.
    with qtbot.waitSignal(insights.refresher.computed, timeout=30000, check_params_cb=shows_after):
        player = make_tab()
        player.play([video.content_id, stats], title="Learning path")
        qtbot.waitUntil(lambda: player.session.entry is not None, timeout=5000)
        player.session.player.setPlaybackRate(RATE)
        qtbot.waitUntil(lambda: player.session.player.mediaStatus() == END, timeout=20000)

    assert rec.frames >= 10, "frames should arrive through the QVideoSink"
    # The 90 % step already stores DONE (and its recompute can match the expected readiness
    # to 0.05); the end of the media is saved by the write lane a moment later: wait for it.
    qtbot.waitUntil(
        lambda: progress.get(pid, video.content_id).watched_fraction == 1.0, timeout=5000
    )
    stored = progress.get(pid, video.content_id)
    assert stored.state == DONE and stored.watched_fraction == 1.0
    qtbot.waitUntil(
        lambda: insights.document.readiness.value == pytest.approx(expected_after, abs=0.051),
        timeout=5000,
    )
    after = insights.document.readiness
    assert after.learning_component == pytest.approx(50.0)
    assert after.assessment_component == pytest.approx(100 * 5 * (32 / 75) / 27, abs=0.051)
    assert after.value - before.value == pytest.approx(expected_after - expected_before, abs=0.1)
    assert insights.gauge.value == pytest.approx(after.value)
    # the player stayed on the finished video: auto-advance is off by default
    assert player.session.entry.content_id == video.content_id
