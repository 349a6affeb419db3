"""The Insights tab: event-driven recompute (no click), refresh, age label, dialogs, panels."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from careerdesk.core.assessments.events import AssessmentCompleted
from careerdesk.core.insights.interests import questionnaire
from careerdesk.core.insights.service import InsightsService
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.player.events import VideoProgressed
from careerdesk.ui.shell.context import UiContext
from tests.insights_support import path, record_levels, take_assessment, target, watch

# Data Analyst's skills weigh 27 in all; SQL weighs 5. A measured SQL at target:
# 100 × 5/27 = 18.52 assessment -> readiness 0.7 × 18.52 = 13.0
SQL_ONLY_READINESS = 13.0


@pytest.fixture
def clock(ui_ctx: UiContext) -> FixedClock:
    fixed = FixedClock()
    ui_ctx.app.clock = fixed  # before any service is built
    return fixed


@pytest.fixture
def counted(ui_ctx: UiContext, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count InsightsService.recompute calls."""
    svc = ui_ctx.service(InsightsService)
    calls: list[int] = []
    original = svc.recompute

    def recompute(profile_id: int, **kwargs: Any) -> Any:
        calls.append(profile_id)
        return original(profile_id, **kwargs)

    monkeypatch.setattr(svc, "recompute", recompute)
    return calls


def make_tab(ui_ctx: UiContext, qtbot) -> Any:  # type: ignore[no-untyped-def]
    from careerdesk.ui.insights.insights_widget import InsightsTab

    tab = InsightsTab(ui_ctx)
    qtbot.addWidget(tab)
    tab.resize(1100, 900)
    tab.show()
    qtbot.waitUntil(lambda: tab.document is not None, timeout=5000)
    return tab


def publish_from_worker(ui_ctx: UiContext, make_event: Callable[[], Any]) -> None:
    """Services publish after commit on worker threads; do the same."""
    thread = threading.Thread(target=lambda: ui_ctx.app.bus.publish(make_event()))
    thread.start()
    thread.join()


def test_completed_assessment_updates_readiness_without_a_click(
    ui_ctx: UiContext, qtbot, clock: FixedClock
) -> None:
    pid = ui_ctx.profile_id
    assert pid is not None
    target(ui_ctx.app, pid, "data_analyst")
    tab = make_tab(ui_ctx, qtbot)
    qtbot.waitUntil(lambda: tab.document is not None, timeout=5000)
    # Nothing measured yet: what to do, not a 0 of 100.
    assert tab.gauge.value is None and tab.gauge.isHidden()
    assert not tab.readiness_empty.isHidden() and not tab.quiz_button.isHidden()
    assert "target: Data Analyst" in tab.title.text()

    # The real assessment service, on a worker thread as the quiz screen runs it: answering
    # every SQL question right scores 100 and publishes AssessmentCompleted after its commit.
    scores: list[float] = []
    worker = threading.Thread(
        target=lambda: scores.append(take_assessment(ui_ctx.app, pid, ["sql"]))
    )
    worker.start()
    worker.join()
    assert scores == [100.0]

    qtbot.waitUntil(lambda: tab.gauge.value == SQL_ONLY_READINESS, timeout=5000)
    assert tab.assessment_bar.value == pytest.approx(18.5)
    assert tab.readiness_empty.isHidden() and not tab.gauge.isHidden()
    assert tab.formula.text().startswith(
        # the stored component is 18.5 (one decimal); whole points on screen, half to even
        "Readiness 13 = 70% of your quiz and rated skill levels (18) + 30% of your learning "
        "path done (0)."
    )
    assert tab.how.isHidden()  # the working-out is behind "How is this worked out?"
    tab.how_button.click()
    assert not tab.how.isHidden()
    assert not any(g.skill_id == "sql" for g in tab.document.gaps)
    qtbot.waitUntil(lambda: len(tab.sparkline.values) == 2, timeout=5000)  # history grew
    assert tab.sparkline.values == [0.0, SQL_ONLY_READINESS]


def test_bursts_of_video_progress_coalesce(ui_ctx: UiContext, qtbot, counted: list[int]) -> None:
    pid = ui_ctx.profile_id
    assert pid is not None
    target(ui_ctx.app, pid, "data_analyst")
    items = path(ui_ctx.app, pid)
    video = next(i for i in items if i.kind == "video")
    tab = make_tab(ui_ctx, qtbot)
    ui_ctx.runner.wait_idle(5)
    before = len(counted)
    for step in range(1, 11):
        watch(ui_ctx.app, pid, video.content_id, step / 10)
        ui_ctx.app.bus.publish(
            VideoProgressed(profile_id=pid, content_id=video.content_id, watched_fraction=step / 10)
        )
    qtbot.waitUntil(lambda: not tab.refresher.busy, timeout=5000)
    ui_ctx.runner.wait_idle(5)
    assert 1 <= len(counted) - before <= 3  # ten events, at most a run and a follow-up
    # The last run saw the whole video: 1 of n items' worth of the learning component.
    assert tab.document.readiness.learning_component == pytest.approx(round(100 / len(items), 1))


def test_refresh_button_and_age_label(
    ui_ctx: UiContext, qtbot, clock: FixedClock, counted: list[int]
) -> None:
    tab = make_tab(ui_ctx, qtbot)
    ui_ctx.runner.wait_idle(5)
    runs = len(counted)
    clock.advance(seconds=42)
    qtbot.waitUntil(lambda: tab.updated.text() == "Updated 42 s ago", timeout=3000)
    assert len(counted) == runs  # the 1 s timer only rewrites the label
    tab.refresh_button.click()
    qtbot.waitUntil(lambda: tab.updated.text() == "Updated 0 s ago", timeout=5000)
    assert len(counted) == runs + 1
    clock.advance(minutes=5)
    qtbot.waitUntil(lambda: tab.updated.text() == "Updated 5 min ago", timeout=3000)


def test_new_learner_sees_what_to_do_first(ui_ctx: UiContext, qtbot) -> None:
    tab = make_tab(ui_ctx, qtbot)
    assert tab.hints.isVisible()
    text = tab.hints.text()
    assert "Choose a target role" in text and "first skill assessment" in text
    assert "learning path" in text
    assert tab.roles.empty.isVisible()
    assert "choose your goal" in tab.action_list.item(0).text()
    assert "no target role yet" in tab.title.text()
    # No zeros for a new learner: no 0 of 100 gauge, no column of 0 % company bars.
    assert tab.gauge.value is None and tab.gauge.isHidden()
    assert not tab.readiness_empty.isHidden()
    assert tab.bars.companies == [] and not tab.companies_empty.isHidden()
    assert tab.quiz_button.text() == "Choose your goal…"  # no goal yet: that comes first
    assert tab.gaps_frame.isHidden()  # no empty gap table


def test_editing_companies_updates_the_bars(ui_ctx: UiContext, qtbot) -> None:
    from careerdesk.ui.insights.target_companies import CompaniesDialog

    assert ui_ctx.profile_id is not None
    target(ui_ctx.app, ui_ctx.profile_id, "data_analyst")
    record_levels(ui_ctx.app, ui_ctx.profile_id, {"sql": 75}, ui_ctx.app.clock.now())
    tab = make_tab(ui_ctx, qtbot)
    dialog = CompaniesDialog(ui_ctx, ui_ctx.profile_id, tab)
    qtbot.addWidget(dialog)
    assert len(dialog.rows()) == 6
    dialog._reset()
    # Select through the model: ``selectRow`` follows the keyboard modifiers Qt believes are
    # held, and an earlier test's Ctrl+Shift shortcut can leave them set.
    model = dialog.table.selectionModel()
    flags = model.SelectionFlag.ClearAndSelect | model.SelectionFlag.Rows
    model.select(dialog.table.model().index(0, 0), flags)
    dialog._remove_selected()
    dialog._add_row("Monzo", 0.8)
    dialog._save()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=5000)
    qtbot.waitUntil(lambda: "Monzo" in [c.name for c in tab.bars.companies], timeout=5000)
    assert "Google" not in [c.name for c in tab.bars.companies]
    # The easiest company (factor 0.8) has the best chance: first among the targets.
    assert tab.bars.companies[0].name == "Monzo" and tab.bars.companies[0].difficulty == 0.8


def test_duplicate_company_shows_an_error_and_keeps_the_dialog_open(
    ui_ctx: UiContext, qtbot
) -> None:
    from careerdesk.ui.insights.target_companies import CompaniesDialog

    assert ui_ctx.profile_id is not None
    dialog = CompaniesDialog(ui_ctx, ui_ctx.profile_id)
    qtbot.addWidget(dialog)
    dialog._add_row("google", 1.0)
    dialog._save()
    qtbot.waitUntil(lambda: "twice" in dialog.error.text(), timeout=5000)
    assert dialog.result() != dialog.DialogCode.Accepted


def test_questionnaire_then_offline_recommendations_appear(ui_ctx: UiContext, qtbot) -> None:
    from careerdesk.ui.insights.questionnaire import QuestionnaireDialog

    tab = make_tab(ui_ctx, qtbot)
    panel = tab.recommendations
    assert ui_ctx.profile_id is not None
    dialog = QuestionnaireDialog(ui_ctx, ui_ctx.profile_id, tab)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()
    items = questionnaire().items
    for item in items:
        dialog.set_answer(item.id, {"I": 5, "C": 4}.get(item.dimension, 2))
    assert save.isEnabled() and dialog.progress.value() == 36
    save.click()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=5000)
    assert dialog.saved.code == "ICR"
    # InterestsChanged -> the refresher regenerates in the background -> the panel reloads.
    qtbot.waitUntil(lambda: len(panel.cards) == 5, timeout=10000)
    assert panel.source.text() == "<small>· from your interests, skills and course</small>"
    # ICR in the learner's words, no code: the three areas in order, on the 1–7 scale
    assert "Investigative 7.0, Conventional 5.5, Realistic 2.5" in panel.profile_line.text()
    assert "ICR" not in panel.profile_line.text()
    assert "Data Scientist" in panel.cards[0].text()


def test_ai_generated_recommendations_are_labelled(ui_ctx: UiContext, qtbot) -> None:
    from careerdesk.core.insights.career_rules import CareerPath
    from careerdesk.core.insights.career_service import RecommendationSet
    from careerdesk.ui.insights.career_panel import RecommendationsPanel

    panel = RecommendationsPanel(ui_ctx)
    qtbot.addWidget(panel)
    recs = RecommendationSet(
        profile_id=1,
        source="ai",
        model="gemini-2.5-flash",
        paths=[CareerPath(title="Civic data", why=["Fits."], source="ai", first_steps=["Go"])],
        count=1,
        last_updated=FixedClock().now(),
        last_error=None,
    )
    panel.show_data(recs, None)
    assert "AI-generated (gemini-2.5-flash)" in panel.source.text()
    assert "AI-generated" in panel.cards[0].text()
    assert "questionnaire" in panel.profile_line.text()


def test_window_listens_before_the_tab_is_opened(ui_ctx: UiContext, qtbot, monkeypatch) -> None:
    from careerdesk.ui.insights import refresher as refresher_module
    from careerdesk.ui.shell.main_window import MainWindow

    monkeypatch.setattr(refresher_module, "START_DELAY_MS", 10)
    pid = ui_ctx.profile_id
    assert pid is not None
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    assert "Insights" in window.tab_titles()
    assert any("recommendations" in a.text() for a in window.export_menu.actions())
    refresher = refresher_module.refresher_for(ui_ctx)
    assert refresher._timer.interval() == 6 * 60 * 60 * 1000

    record_levels(ui_ctx.app, pid, {"sql": 60}, ui_ctx.app.clock.now() - timedelta(seconds=1))
    publish_from_worker(
        ui_ctx, lambda: AssessmentCompleted(profile_id=pid, session_id=1, overall_score=60)
    )
    svc = ui_ctx.service(InsightsService)
    qtbot.waitUntil(lambda: len(svc.history(pid)) == 1, timeout=5000)

    from careerdesk.core.insights.career_service import CareerRecommendationService

    recs = ui_ctx.service(CareerRecommendationService)
    # Stale at start (a new profile): regenerated in the background without the tab open.
    qtbot.waitUntil(lambda: recs.get(pid) is not None, timeout=10000)


def test_home_readiness_card_follows_recomputes(ui_ctx: UiContext, qtbot) -> None:
    from careerdesk.ui.insights.home_card import ReadinessCard
    from careerdesk.ui.insights.refresher import refresher_for

    pid = ui_ctx.profile_id
    assert pid is not None
    card = ReadinessCard(ui_ctx)
    qtbot.addWidget(card)
    ui_ctx.runner.wait_idle(5)
    # No zeros for a new learner: what to do instead of a grey 0/100 gauge.
    assert card.gauge.isHidden() and card.gauge.value is None
    assert card.summary.text().startswith("Choose the job you are aiming for")
    assert card.action_btn.text() == "Choose your goal…"
    target(ui_ctx.app, pid, "data_analyst")  # TargetRoleChanged
    refresher_for(ui_ctx).request(pid)
    qtbot.waitUntil(lambda: card.title.text() == "Your readiness for Data Analyst", timeout=5000)
    assert card.gauge.isHidden()  # a goal but nothing measured: still no number
    assert card.summary.text().startswith("Take a short quiz to see where you stand")
    assert card.action_btn.text() == "Take a short quiz"
    record_levels(ui_ctx.app, pid, {"sql": 75}, ui_ctx.app.clock.now())
    refresher_for(ui_ctx).request(pid)
    qtbot.waitUntil(lambda: card.gauge.value == SQL_ONLY_READINESS, timeout=5000)
    assert not card.gauge.isHidden() and card.action_btn.isHidden()
    assert card.title.text() == (
        f"Your readiness for Data Analyst: {SQL_ONLY_READINESS:.0f} of 100"
    )
    assert "Best chance" not in card.summary.text()


def test_a_company_row_opens_its_card_by_click_or_keyboard(ui_ctx: UiContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, Qt

    from careerdesk.ui.companies import open_windows

    assert ui_ctx.profile_id is not None
    target(ui_ctx.app, ui_ctx.profile_id, "data_analyst")
    record_levels(ui_ctx.app, ui_ctx.profile_id, {"sql": 75}, ui_ctx.app.clock.now())
    tab = make_tab(ui_ctx, qtbot)
    bars = tab.bars
    qtbot.waitUntil(lambda: len(bars.companies) >= 2, timeout=5000)
    first, second = bars.companies[0].name, bars.companies[1].name
    qtbot.mouseClick(bars, Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    qtbot.waitUntil(lambda: any(w.name == first for w in open_windows()), timeout=5000)

    bars.setFocus()
    qtbot.keyClick(bars, Qt.Key.Key_Down)
    qtbot.keyClick(bars, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(w.name == second for w in open_windows()), timeout=5000)
    for window in open_windows():
        window.close()


def test_a_self_rating_change_recomputes_the_open_tab(
    ui_ctx: UiContext, qtbot, clock: FixedClock
) -> None:
    """Issue 16: a ratings-only change used to leave the tab as it was."""
    from careerdesk.core.skills.service import SkillProfileService

    pid = ui_ctx.profile_id
    assert pid is not None
    target(ui_ctx.app, pid, "data_analyst")
    tab = make_tab(ui_ctx, qtbot)
    qtbot.waitUntil(lambda: tab.document is not None, timeout=5000)
    assert tab.gauge.value is None  # nothing measured yet: no number shown
    skills = ui_ctx.service(SkillProfileService)
    # the learner rates SQL at the role's 75 (on a worker thread, as the dialog saves):
    # the one estimate is 75 (self-rated), 100 × 5/27 = 18.52 -> readiness 0.7 × 18.52 = 13.0
    worker = threading.Thread(target=lambda: skills.set_self_ratings(pid, {"sql": 75}))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: tab.gauge.value == SQL_ONLY_READINESS, timeout=5000)
    # and rating it lower again moves it back down: 100 × 5 × 30/75 / 27 = 7.41 -> 5.2
    worker = threading.Thread(target=lambda: skills.set_self_ratings(pid, {"sql": 30}))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: tab.gauge.value == 5.2, timeout=5000)
    sql = next(g for g in tab.document.gaps if g.skill_id == "sql")
    assert (sql.current, sql.source) == (30.0, "self")
