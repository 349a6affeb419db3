"""Screenshots of the quiz screen (issues 16 and 18): a question with a code block, and an
adaptive quiz that stopped early, at 1440x900 and 1024x700 (docs/screenshots/quiz-*.png).

usage: xvfb-run -a python tools/quiz_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import random
import sys
from functools import partial

import _shots
from _shots import SIZES

_shots.throwaway_home("careerdesk-quiz-shot-", keep_existing=True)

from PySide6.QtWidgets import QApplication  # noqa: E402

from careerdesk.app import build_app  # noqa: E402
from careerdesk.core.assessments import AssessmentService, PreparedQuiz, QuizQuestion, QuizSetup  # noqa: E402
from careerdesk.core.reference.catalog import load_catalog  # noqa: E402
from careerdesk.core.skills.service import SkillProfileService  # noqa: E402
from careerdesk.ui.shell.context import UiContext  # noqa: E402
from careerdesk.ui.shell.main_window import MainWindow  # noqa: E402

CODE_QUESTIONS = ("python-m04", "python-h03", "sql-m02")

settle = partial(_shots.settle, idle=15, pause=0.02)


def main() -> int:
    out = _shots.out_dir()
    qt = QApplication(sys.argv[:1])
    app = build_app()
    pid = app.profiles.create("Sam").id
    skills = app.service(SkillProfileService)
    skills.set_target_roles(pid, ["data_analyst"])
    svc = app.service(AssessmentService)
    bank = load_catalog().questions_by_id
    ctx = UiContext(app, profile_id=pid)
    window = MainWindow(ctx)
    window.show()

    def grab(name: str) -> None:
        _shots.save_window(qt, window, out / name)

    # A fixed quiz whose first questions show code.
    questions = [QuizQuestion.from_bank(bank[q]) for q in CODE_QUESTIONS]
    prepared = PreparedQuiz(
        profile_id=pid,
        setup=QuizSetup(skills=["python", "sql"], length=3),
        role_id="data_analyst",
        questions=questions,
        source="bank",
    )
    code_view = svc.begin(prepared)
    for w, h in SIZES:
        window.resize(w, h)
        tab = window.show_tab("assessments")
        settle(ctx, 1.5)
        tab._show_quiz(svc.session(code_view.id))
        tab.quiz.choose(1)
        settle(ctx, 1.0)
        grab(f"quiz-code-{w}x{h}.png")
        tab.quiz.go(1)
        settle(ctx, 0.5)
        grab(f"quiz-code-long-{w}x{h}.png")
        tab.quiz.pause()
        settle(ctx, 0.5)
    tab.quiz.view = None  # nothing more to save for it
    svc.abandon(code_view.id)

    # An adaptive quiz on a skill the model already knows: it stops after three answers.
    skills.rate_as_advisor(pid, {"sql": 62}, note="Wrote joins and aggregates unaided")
    skills.rate_as_advisor(pid, {"sql": 62})
    view = svc.start(pid, QuizSetup(skills=["sql"], length=10, adaptive=True), rng=random.Random(4))
    while not view.finished:
        q = view.questions[-1]
        svc.answer(view.id, q.position, bank[q.question_id].answer)
        view = svc.advance(view.id, len(view.questions))
    for w, h in SIZES:
        window.resize(w, h)
        tab = window.show_tab("assessments")
        tab._show_quiz(svc.session(view.id))
        settle(ctx, 1.0)
        grab(f"quiz-stopped-early-{w}x{h}.png")
        tab.quiz.pause()
    window.close()
    ctx.shutdown()
    app.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
