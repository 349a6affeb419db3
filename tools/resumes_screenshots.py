"""Screenshots of the Résumés tab (docs/screenshots/resumes-*.png).

Run from the repository root: ``python tools/resumes_screenshots.py``. Uses a throwaway
CAREERDESK_HOME, the demo profile (its measured skills and captured postings) and Qt
offscreen, so the user's data is never touched. Writes the match report and the tailoring
editor after one accepted suggestion, each at 1440x900 and 1024x700.
"""

from __future__ import annotations

import os
from pathlib import Path

import _shots

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = _shots.ROOT
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    home = _shots.throwaway_home("careerdesk-shots-")
    os.environ.pop("GEMINI_API_KEY", None)
    from PySide6.QtWidgets import QApplication

    from careerdesk.app import build_app
    from careerdesk.core.resumes.service import ResumeService
    from careerdesk.core.skills.service import SkillProfileService
    from careerdesk.demo import build_demo
    from careerdesk.ui.resumes.view import ResumesTab
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow
    from tests.core.resumes.corpus import RESUMES

    qapp = QApplication.instance() or QApplication([])
    app = build_app()
    profile = build_demo(app)
    cv = Path(home) / "priya-shah-cv.txt"
    cv.write_text(RESUMES[0].text, encoding="utf-8")
    app.service(ResumeService).import_file(profile.id, cv, "Data analyst CV")
    # Two assessed skills the CV leaves out, so the tailoring view has suggestions to accept.
    app.service(SkillProfileService).record_measured(
        profile.id, {"cloud": 74, "databases": 68}, kind="assessment_score"
    )
    ctx = UiContext(app, profile_id=profile.id)
    window = MainWindow(ctx)
    window.show()
    ctx.window = window

    def settle() -> None:
        for _ in range(4):
            ctx.runner.wait_idle(10)
            qapp.processEvents()

    settle()
    tab = window.show_tab("resumes")
    assert isinstance(tab, ResumesTab)
    for _ in range(50):
        settle()
        if tab.report is not None:
            break
    monzo = next(i for i in range(tab.app_box.count()) if "Monzo" in tab.app_box.itemText(i))
    tab.app_box.setCurrentIndex(monzo)
    tab.report = None
    for _ in range(50):
        settle()
        if tab.report is not None:
            break

    def save(name: str) -> None:
        for width, height in ((1440, 900), (1024, 700)):
            window.resize(width, height)
            tab.split.setSizes([width // 2, width // 2])
            settle()
            path = OUT / f"resumes-{name}-{width}.png"
            window.grab().save(str(path))
            print(path.relative_to(ROOT))

    OUT.mkdir(parents=True, exist_ok=True)
    save("match")
    tab.suggestion_list.setCurrentRow(0)
    tab.accept_current()
    tab.report = None
    tab._timer.stop()  # the editor's debounce timer would fire later; match now
    tab.rematch()
    for _ in range(50):
        settle()
        if tab.report is not None:
            break
    tab.editor.verticalScrollBar().setValue(tab.editor.verticalScrollBar().maximum())
    save("tailoring")
    _shots.close_window(window, ctx)
    _shots.close_app(app, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
