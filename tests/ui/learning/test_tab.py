"""Learning tab and Home card: first run (target role + self-rating), building the path,
open / mark done / play, regeneration with a what-changed summary."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt

from careerdesk.core.assessments import AssessmentService, QuizSetup
from careerdesk.core.learning.service import LearningService
from careerdesk.core.profiles.workflow import WorkflowService
from careerdesk.core.skills.service import SkillProfileService


def test_first_run_choose_role_and_rate_yourself(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.skills.target_role_dialog import TargetRoleDialog

    tab = main_window.show_tab("learning")
    qtbot.waitUntil(lambda: tab.first_run.isVisible(), timeout=5000)
    assert not tab.path_panel.build_btn.isEnabled()

    dialog = TargetRoleDialog(ui_ctx, ui_ctx.profile_id, tab)
    qtbot.addWidget(dialog)
    assert not dialog.next_btn.isEnabled()  # nothing chosen yet
    dialog.filter.setText("data")
    dialog.select_role("data_analyst")
    assert "O*NET" not in dialog.details.toPlainText()  # plain titles, no occupation codes
    assert "SQL" in dialog.details.toPlainText()
    qtbot.mouseClick(dialog.next_btn, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    assert "Data Analyst" in dialog.rating_intro.text()
    assert dialog.rows["sql"].slider.isVisibleTo(dialog)
    assert not dialog.rows["javascript"].slider.isVisibleTo(dialog)  # not in the role
    dialog.rows["sql"].slider.setValue(35)
    dialog.rows["communication"].slider.setValue(70)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not tab.first_run.isVisible(), timeout=5000)
    assert "Data Analyst" in tab.role_label.text()
    skills = ui_ctx.app.service(SkillProfileService)
    assert skills.target_role(ui_ctx.profile_id).id == "data_analyst"
    levels = skills.current_levels(ui_ctx.profile_id)
    assert {k: v.level for k, v in levels.items()} == {"sql": 35.0, "communication": 70.0}
    qtbot.waitUntil(lambda: tab.gap_panel.table.topLevelItemCount() == 7, timeout=5000)


def test_build_open_mark_done_play_and_regenerate(
    main_window, ui_ctx, qtbot, monkeypatch, launches
) -> None:  # type: ignore[no-untyped-def]
    pid = ui_ctx.profile_id
    app = ui_ctx.app
    app.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    app.service(SkillProfileService).set_self_ratings(pid, {"sql": 20, "statistics": 20})
    opened = launches  # the desktop gate's test hook

    tab = main_window.show_tab("learning")
    panel = tab.path_panel
    qtbot.waitUntil(
        lambda: panel.build_btn.isVisible() and panel.build_btn.isEnabled(), timeout=5000
    )
    qtbot.mouseClick(panel.build_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.cards) > 3, timeout=5000)
    first = panel.cards[0].item
    assert (
        first.reason.startswith("SQL: you rated yourself 20")
        or first.reason.startswith("Statistics")
        or first.reason.split(":")[0] in {g.skill_name for g in panel.path.gaps}
    )
    assert "0 done" in panel.meta.text()

    # Open in the browser: logged as opened, item becomes "In progress".
    qtbot.mouseClick(panel.cards[0].open_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opened == [first.url], timeout=5000)
    qtbot.waitUntil(
        lambda: bool(panel.cards) and panel.cards[0].item.state == "IN_PROGRESS", timeout=5000
    )

    # Mark done from the card.
    panel.cards[0].done_btn.click()  # the cards were just rebuilt by the refresh
    qtbot.waitUntil(lambda: panel.cards and panel.cards[0].item.state == "DONE", timeout=5000)
    assert "1 done" in panel.meta.text()
    assert app.service(WorkflowService).facts(pid).path_items_done == 1

    # A catalogue "video" is a web page (YouTube): the card says it opens in the browser
    # and offers no Play (docs/learning.md, "Playable first").
    video = next(c for c in panel.cards if c.item.kind == "video")
    assert video.where.text() == "Opens in your browser" and not video.item.playable
    assert video.open_btn.isVisibleTo(video) and not video.play_btn.isVisibleTo(video)
    played: list[list[int]] = []

    class FakePlayer:
        def play(self, ids: list[int], start: int = 0) -> None:
            played.append(ids)

    monkeypatch.setattr(main_window, "show_tab", lambda key: FakePlayer())
    tab.play(video.item.content_id)
    assert played == [[video.item.content_id]]

    # A new assessment makes the path stale; regenerating shows what changed, progress kept.
    svc = app.service(AssessmentService)
    view = svc.start(pid, QuizSetup(skills=["statistics"], length=6), rng=random.Random(3))
    for q in view.questions:
        svc.answer(view.id, q.position, 0)
    svc.submit(view.id)
    qtbot.waitUntil(lambda: panel.stale.isVisible(), timeout=5000)
    panel.regen_btn.click()
    qtbot.waitUntil(
        lambda: panel.changes.isVisible() and "kept" in panel.changes.text(), timeout=5000
    )
    assert panel.changes.text().startswith("<b>What changed:</b>")
    assert not panel.stale.isVisible()
    states = {c.item.content_id: c.item.state for c in panel.cards}
    assert states.get(first.content_id) == "DONE"
    assert app.service(LearningService).current_path(pid).changes.previous_path_id  # type: ignore[union-attr]


def test_home_card_shows_role_and_links_to_tabs(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.learning.home_card import TargetRoleCard

    home = main_window.show_tab("home")
    card = home.findChild(TargetRoleCard)
    assert card is not None
    qtbot.waitUntil(lambda: "Pick the job" in card.text.text(), timeout=5000)
    assert not card.rate_btn.isEnabled()
    ui_ctx.app.service(SkillProfileService).set_target_roles(ui_ctx.profile_id, ["qa_engineer"])
    qtbot.waitUntil(lambda: "QA Engineer" in card.text.text(), timeout=5000)
    assert "No learning path yet" in card.text.text()
    qtbot.mouseClick(card.test_btn, Qt.MouseButton.LeftButton)
    assert main_window.tabs.tabText(main_window.tabs.currentIndex()) == "Assessments"
    qtbot.mouseClick(card.path_btn, Qt.MouseButton.LeftButton)
    assert main_window.tabs.tabText(main_window.tabs.currentIndex()) == "Learning"
