"""The quiz screen: code in monospace blocks, buttons that never move, one way to submit,
and an adaptive quiz asking for its next question after each answer."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QPushButton

from careerdesk.core.assessments import QuestionView, SessionView
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.ui.assessments.quiz_page import QuizPage

BANK = load_catalog().questions_by_id


def view_of(*ids: str) -> SessionView:
    qs = [
        QuestionView(
            position=i,
            question_id=qid,
            skill_id=BANK[qid].skill,
            skill_name=BANK[qid].skill,
            difficulty=BANK[qid].difficulty,
            source="bank",
            prompt=BANK[qid].prompt,
            options=list(BANK[qid].options),
            chosen=None,
            flagged=False,
        )
        for i, qid in enumerate(ids)
    ]
    return SessionView(
        id=1,
        profile_id=1,
        state="started",
        role_id=None,
        skills=sorted({q.skill_id for q in qs}),
        length=len(qs),
        time_limit_s=None,
        elapsed_s=0.0,
        source="bank",
        notice="",
        current_index=0,
        started_at=datetime(2026, 3, 2, tzinfo=UTC),
        questions=qs,
    )


def shown_page(ui_ctx, qtbot, view: SessionView, width: int, height: int) -> QuizPage:  # type: ignore[no-untyped-def]
    page = QuizPage(ui_ctx)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    page.load(view)
    page._stop_timers()  # no autosave writes for this hand-made session
    return page


def test_code_is_a_monospace_block_with_its_line_breaks(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = shown_page(ui_ctx, qtbot, view_of("python-m04"), 1024, 700)
    blocks = page.prompt.code_blocks()
    assert len(blocks) == 1
    assert blocks[0].text() == (
        'words = ["pear", "fig", "banana", "kiwi"]\nprint(sorted(words, key=len))'
    )
    assert blocks[0].textFormat() == Qt.TextFormat.PlainText
    assert QFontInfo(blocks[0].font()).fixedPitch()
    # The question itself stays prose, and no fence or backtick reaches the screen.
    prose = [p.text() for p in page.prompt.parts if p not in blocks]
    assert prose == ["What does this print?"]
    # Options that are program output are inline code (fixed pitch in rich text).
    assert "<code" in page.options[3].text.text()
    assert "`" not in page.options[3].text.text()


def places(page: QuizPage) -> list[QRect]:
    buttons = (page.prev_btn, page.flag_btn, page.leave_btn, page.next_btn, page.submit_btn)
    return [QRect(b.mapTo(page, QPoint(0, 0)), b.size()) for b in buttons]


def test_buttons_stay_put_between_short_and_long_questions(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A one-line question, then one with a seven-line code block and long options.
    short, long = "git-e01", "python-h03"
    assert "\n" not in BANK[short].prompt and BANK[long].prompt.count("\n") >= 7
    for width, height in ((1024, 700), (1440, 900)):
        page = shown_page(ui_ctx, qtbot, view_of(short, long, "sql-e01"), width, height)

        first = places(page)
        page.go(1, save=False)
        qtbot.wait(20)
        assert page.prompt.code_blocks()
        assert places(page) == first
        page.go(2, save=False)
        qtbot.wait(20)
        assert places(page) == first


def test_one_way_to_submit(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = shown_page(ui_ctx, qtbot, view_of("git-e01", "sql-e01"), 1024, 700)

    def submit_buttons() -> list[QPushButton]:
        return [
            b
            for b in page.findChildren(QPushButton)
            if b.isVisible() and any(w in b.text().lower() for w in ("finish", "submit"))
        ]

    assert submit_buttons() == [page.submit_btn]
    page.go(1, save=False)
    # On the last question "Next" keeps its label and place but has nowhere to go.
    assert submit_buttons() == [page.submit_btn]
    assert page.next_btn.text() == "Next →" and not page.next_btn.isEnabled()
    asked: list[tuple[int, float, bool]] = []
    page.submit_requested.connect(lambda *a: asked.append(a))
    page.view.questions[0].chosen = 0  # type: ignore[union-attr]
    page.view.questions[1].chosen = 1  # type: ignore[union-attr]
    qtbot.keyClick(page, Qt.Key.Key_Return)  # Enter on the last question = Finish
    assert len(asked) == 1 and asked[0][0] == 1
