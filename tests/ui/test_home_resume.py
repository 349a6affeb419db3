"""Home's "Continue learning" resumes the item the learner touched last (issue 18)."""

from __future__ import annotations

from datetime import UTC, datetime

from careerdesk.core.learning.models import PathItemView
from careerdesk.core.profiles.workflow import WorkflowService
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress
from careerdesk.ui.home.next_steps import pick_resume_item


def item(cid: int, state: str) -> PathItemView:
    return PathItemView(
        content_id=cid,
        catalog_key=None,
        title=f"Item {cid}",
        kind="video",
        url=None,
        skills=[],
        level="beginner",
        est_hours=1.0,
        state=state,
        watched_fraction=0.0,
        reason="",
        position=cid,
    )


def test_pick_resume_item() -> None:
    path = [item(1, "DONE"), item(2, "IN_PROGRESS"), item(3, "IN_PROGRESS"), item(4, "NOT_STARTED")]
    assert pick_resume_item(path).content_id == 2  # nothing known: path order
    assert pick_resume_item(path, [9, 3, 2]).content_id == 3  # 9 is not on the path
    assert pick_resume_item([item(1, "DONE"), item(4, "NOT_STARTED")], [1]).content_id == 4
    assert pick_resume_item([item(1, "DONE")]) is None


def test_recent_in_progress_orders_by_last_touch(sqlite_app) -> None:  # type: ignore[no-untyped-def]
    pid = sqlite_app.profiles.create("Ada").id
    with sqlite_app.db.session() as s:
        ids = []
        for n in range(3):
            row = ContentItem(profile_id=pid, kind="video", title=f"Clip {n}")
            s.add(row)
            s.flush()
            ids.append(row.id)
        touched = {ids[0]: 5, ids[1]: 9, ids[2]: 7}  # hour of the last touch
        for cid, hour in touched.items():
            s.add(
                ContentProgress(
                    profile_id=pid,
                    content_id=cid,
                    state="IN_PROGRESS" if cid != ids[2] else "DONE",
                    updated_at=datetime(2026, 11, 2, hour, tzinfo=UTC),
                )
            )
    recent = sqlite_app.service(WorkflowService).recent_in_progress(pid)
    assert recent == [ids[1], ids[0]]  # 09:00 before 05:00; the finished one is left out


def test_only_what_the_player_can_play_says_play(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A YouTube page is a "video" the embedded player cannot play: it opens in the browser,
    # so Home must not offer to play it (docs/packs.md, "plays_in").
    from careerdesk.ui.home.next_steps import NextFacts, NextStepsCard

    card = NextStepsCard(ui_ctx)
    qtbot.addWidget(card)
    pid = ui_ctx.profile_id
    web = item(5, "IN_PROGRESS").model_copy(update={"plays_in": "browser", "playable": False})
    clip = item(6, "NOT_STARTED").model_copy(update={"plays_in": "player", "playable": True})
    for resume, label in ((web, "Resume"), (clip, "Play")):
        facts = NextFacts(has_role=True, role_title="Data Analyst", has_path=True, resume=resume)
        card._show(pid, card._seq, facts)  # as the latest load would
        assert card.learn_btn.text() == label
