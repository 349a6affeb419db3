"""Assessments tab: a quiz answered with the keyboard, closed mid-way, resumed after a
restart, submitted and reviewed; confirmation, countdown, discard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from careerdesk.app import build_app
from careerdesk.core.assessments import AssessmentService
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.service import SkillProfileService

KEYS = {0: Qt.Key.Key_1, 1: Qt.Key.Key_B, 2: Qt.Key.Key_3, 3: Qt.Key.Key_D}


def start_quiz(  # type: ignore[no-untyped-def]
    tab, qtbot, skills: list[str], length: int, minutes: int | None = None, adaptive: bool = False
) -> None:
    page = tab.start_page
    qtbot.waitUntil(lambda: page.skill_list.count() > 0, timeout=20000)
    page.check_only(skills)
    page.length.setValue(length)
    page.adaptive.setChecked(adaptive)
    if minutes:
        page.use_limit.setChecked(True)
        page.limit.setValue(minutes)
    qtbot.mouseClick(page.start_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.stack.currentWidget() is tab.quiz, timeout=20000)


def test_keyboard_quiz_closed_resumed_after_restart_submitted_reviewed(  # type: ignore[no-untyped-def]
    main_window, ui_ctx, qtbot, monkeypatch
) -> None:
    pid = ui_ctx.profile_id
    ui_ctx.app.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    tab = main_window.show_tab("assessments")
    start_quiz(tab, qtbot, ["sql", "git"], 4)
    quiz = tab.quiz
    assert "Question 1 of 4" in quiz.progress_label.text()

    qtbot.keyClick(quiz, Qt.Key.Key_1)  # answer A
    qtbot.keyClick(quiz, Qt.Key.Key_Return)
    qtbot.keyClick(quiz, Qt.Key.Key_B)  # answer B
    qtbot.keyClick(quiz, Qt.Key.Key_F)  # flag it
    qtbot.keyClick(quiz, Qt.Key.Key_Return)
    assert quiz.index == 2 and "2 answered · 1 flagged" in quiz.progress_label.text()
    assert [q.chosen for q in quiz.view.questions] == [0, 1, None, None]
    session_id = quiz.view.id
    question_ids = [q.question_id for q in quiz.view.questions]

    # Close the app mid-quiz: the window goes away, the data folder stays.
    main_window.close()
    ui_ctx.runner.wait_idle(10)
    ui_ctx.shutdown()

    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    app2 = build_app()
    ctx2 = UiContext(app2, profile_id=pid)
    try:
        window2 = MainWindow(ctx2)
        qtbot.addWidget(window2)
        window2.show()
        tab2 = window2.show_tab("assessments")
        page = tab2.start_page
        qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=5000)
        assert "2 of 4 answered" in page.banner_text.text()
        qtbot.mouseClick(page.resume_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab2.stack.currentWidget() is tab2.quiz, timeout=5000)
        quiz2 = tab2.quiz
        assert quiz2.view.id == session_id and quiz2.index == 2
        assert [q.chosen for q in quiz2.view.questions] == [0, 1, None, None]
        assert quiz2.view.questions[1].flagged
        assert [q.question_id for q in quiz2.view.questions] == question_ids

        qtbot.keyClick(quiz2, Qt.Key.Key_3)
        qtbot.keyClick(quiz2, Qt.Key.Key_Enter)
        qtbot.keyClick(quiz2, Qt.Key.Key_D)
        asked: list[str] = []

        def confirm(*args, **kwargs):  # type: ignore[no-untyped-def]
            asked.append(args[2])
            return QMessageBox.StandardButton.Yes

        monkeypatch.setattr(QMessageBox, "question", confirm)
        qtbot.keyClick(quiz2, Qt.Key.Key_Return)  # Enter on the last question submits
        qtbot.waitUntil(lambda: tab2.stack.currentWidget() is tab2.review, timeout=5000)
        assert "flagged" in asked[0] and "unanswered" not in asked[0]

        review = tab2.review.review
        assert review is not None and review.summary.state == "submitted"
        assert [i.chosen for i in review.items] == [0, 1, 2, 3]
        bank = load_catalog().questions_by_id
        expected_right = sum(1 for i, qid in enumerate(question_ids) if bank[qid].answer == i)
        assert sum(1 for i in review.items if i.is_correct) == expected_right
        html = tab2.review.browser.toPlainText()
        first = bank[question_ids[0]]
        assert first.explanation.split("`")[0][:30] in html
        assert "right answer" in html or "your answer" in html
        # Filter to the flagged question only.
        tab2.review.filter.setCurrentIndex(2)
        assert [i.position for i in tab2.review.visible_items()] == [1]

        tab2.review.back_requested.emit()
        qtbot.waitUntil(lambda: page.history.topLevelItemCount() == 1, timeout=5000)
        assert not page.banner.isVisible()
        ctx2.runner.wait_idle(10)
    finally:
        ctx2.shutdown()
        app2.close(backup=False)


def test_submit_with_unanswered_asks_and_no_keeps_the_quiz(
    main_window, ui_ctx, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    tab = main_window.show_tab("assessments")
    start_quiz(tab, qtbot, ["python"], 3)
    qtbot.keyClick(tab.quiz, Qt.Key.Key_2)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.quiz.submit_btn, Qt.MouseButton.LeftButton)
    ui_ctx.runner.wait_idle(5)
    assert tab.stack.currentWidget() is tab.quiz
    assert tab.quiz.index == 1  # taken to the first unanswered question
    svc = ui_ctx.app.service(AssessmentService)
    assert svc.unfinished(ui_ctx.profile_id).answered == 1


def test_time_limit_counts_down_and_submits_when_it_runs_out(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = main_window.show_tab("assessments")
    start_quiz(tab, qtbot, ["linux"], 3, minutes=2)
    quiz = tab.quiz
    assert quiz.countdown.text().startswith("Time left 0")
    quiz._elapsed_base = 119.5 + 1  # the clock has run out
    quiz._on_tick()
    qtbot.waitUntil(lambda: tab.stack.currentWidget() is tab.review, timeout=5000)
    assert tab.review.notice.text().startswith("Time is up")
    assert tab.review.review.summary.answered == 0


def test_discard_and_ai_option_without_key(main_window, ui_ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tab = main_window.show_tab("assessments")
    assert not tab.start_page.use_ai.isEnabled()  # no Gemini key in tests
    start_quiz(tab, qtbot, ["cloud"], 3)
    qtbot.keyClick(tab.quiz, Qt.Key.Key_A)
    qtbot.mouseClick(tab.quiz.leave_btn, Qt.MouseButton.LeftButton)
    page = tab.start_page
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=5000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.discard_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.history.topLevelItemCount() == 1 and not page.banner.isVisible(),
        timeout=5000,
    )
    assert page.history.topLevelItem(0).text(1) == "abandoned"


def test_ai_failure_starts_from_the_bank_with_a_notice(
    main_window, ui_ctx, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.integrations.secrets import GEMINI_API_KEY
    from tests.fakes.gemini_server import FakeGemini

    errors: list[BaseException] = []
    monkeypatch.setattr(
        "careerdesk.ui.shell.context.show_error", lambda exc, parent=None: errors.append(exc)
    )
    with FakeGemini() as fake:
        monkeypatch.setenv("CAREERDESK_GEMINI_BASE_URL", fake.base_url)
        ui_ctx.app.secrets.set(GEMINI_API_KEY, "test-key")
        ui_ctx.app.reset_ai()
        fake.malformed("text")
        tab = main_window.show_tab("assessments")
        tab.refresh()
        qtbot.waitUntil(lambda: tab.start_page.use_ai.isEnabled(), timeout=5000)
        tab.start_page.use_ai.setChecked(True)
        start_quiz(tab, qtbot, ["git"], 3)
        assert fake.request_count == 1
    quiz = tab.quiz
    assert quiz.notice.isVisibleTo(quiz)
    assert "question bank" in quiz.notice.text()
    assert all(q.source == "bank" for q in quiz.view.questions)
    assert errors == []


def test_adaptive_quiz_asks_after_each_answer_and_says_why_it_stopped(  # type: ignore[no-untyped-def]
    main_window, ui_ctx, qtbot, monkeypatch
) -> None:
    # Two advisor ratings make SQL known to ± 9 already: three answers will be enough.
    skills = ui_ctx.app.service(SkillProfileService)
    skills.rate_as_advisor(ui_ctx.profile_id, {"sql": 60})
    skills.rate_as_advisor(ui_ctx.profile_id, {"sql": 60})
    tab = main_window.show_tab("assessments")
    start_quiz(tab, qtbot, ["sql"], 8, adaptive=True)
    quiz = tab.quiz
    assert quiz.view.adaptive and quiz.count == 1
    assert "Question 1 of up to 8" in quiz.progress_label.text()
    for n in (1, 2, 3):
        qtbot.keyClick(quiz, Qt.Key.Key_A)
        qtbot.keyClick(quiz, Qt.Key.Key_Return)  # saves, then asks the service for the next
        qtbot.waitUntil(lambda n=n: not quiz.advancing and quiz.index == min(n, 2), timeout=5000)
    qtbot.waitUntil(lambda: quiz.view.finished, timeout=5000)
    assert quiz.count == 3 and len(quiz.nav_buttons) == 3
    assert quiz.stop_note.isVisibleTo(quiz)
    assert quiz.stop_note.text().startswith("We stopped early: your SQL estimate is ")
    assert "after 3 answers" in quiz.stop_note.text()
    assert not quiz.next_btn.isEnabled() and quiz.submit_btn.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(quiz, Qt.Key.Key_Return)  # Enter at the end = Finish
    qtbot.waitUntil(lambda: tab.stack.currentWidget() is tab.review, timeout=5000)
    assert "We stopped early" in tab.review.notice.text()
    assert tab.review.review.summary.length == 3
