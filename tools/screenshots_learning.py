"""Regenerate the learning/assessment screenshots in docs/screenshots from the demo profile.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_learning.py [OUTPUT_DIR]

Runs in a throwaway CAREERDESK_HOME, so the user's data is never touched.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HOME = tempfile.mkdtemp(prefix="careerdesk-shots-")
os.environ["CAREERDESK_HOME"] = HOME
os.environ.pop("CAREERDESK_DB_URL", None)

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from careerdesk.app import build_app  # noqa: E402
from careerdesk.core.assessments import AssessmentService, QuizSetup  # noqa: E402
from careerdesk.demo import build_demo  # noqa: E402
from careerdesk.ui.shell.context import UiContext  # noqa: E402
from careerdesk.ui.shell.main_window import MainWindow  # noqa: E402

SIZE = (1280, 860)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    qt = QApplication.instance() or QApplication([])
    app = build_app()
    profile = build_demo(app)
    ctx = UiContext(app, profile.id)
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()

    def settle() -> None:
        ctx.runner.wait_idle(10)
        qt.processEvents()

    learning = window.show_tab("learning")
    settle()
    learning.path_panel.scroll.verticalScrollBar().setValue(0)
    window.grab().save(str(out / "learning-path.png"))

    tab = window.show_tab("assessments")
    settle()
    review_id = app.service(AssessmentService).history(profile.id)[0].id
    tab.show_review(review_id)
    settle()
    tab.review.filter.setCurrentIndex(0)
    window.grab().save(str(out / "assessments-review.png"))

    svc = app.service(AssessmentService)
    prepared = svc.prepare(
        profile.id,
        QuizSetup(skills=["sql", "statistics", "data_analysis"], length=12, time_limit_min=20),
        rng=random.Random(7),
    )
    view = svc.begin(prepared)
    tab._show_quiz(view)
    settle()
    for key in (Qt.Key.Key_2, Qt.Key.Key_Return, Qt.Key.Key_B, Qt.Key.Key_Return):
        QTest.keyClick(tab.quiz, key)
    QTest.keyClick(tab.quiz, Qt.Key.Key_F)
    QTest.keyClick(tab.quiz, Qt.Key.Key_Return)
    QTest.keyClick(tab.quiz, Qt.Key.Key_C)
    tab.quiz._elapsed_base = 4 * 60 + 13  # as if a few minutes had passed
    tab.quiz._on_tick()
    settle()
    window.grab().save(str(out / "assessments-quiz.png"))

    from careerdesk.ui.skills.target_role_dialog import TargetRoleDialog

    dialog = TargetRoleDialog(ctx, profile.id, window, page=1)
    dialog.resize(900, 620)
    dialog.show()
    settle()
    dialog.grab().save(str(out / "learning-target-role.png"))
    dialog.close()

    window.close()
    ctx.shutdown()
    app.close(backup=False)
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
