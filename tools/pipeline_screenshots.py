"""Screenshots of the Pipeline tab with the demo data (docs/screenshots/pipeline-*.png).

Run from the repository root: ``python tools/pipeline_screenshots.py``. Uses a throwaway
CAREERDESK_HOME and Qt offscreen, so the user's data is never touched.
"""

from __future__ import annotations

import os

import _shots

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = _shots.ROOT
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    home = _shots.throwaway_home("careerdesk-shots-")
    from PySide6.QtWidgets import QApplication

    from careerdesk.app import build_app

    qapp = QApplication.instance() or QApplication([])
    app = build_app()
    _profile, ctx, window = _shots.demo_window(app, None, reset=False)
    window.resize(1500, 900)
    window.show()
    tab = window.show_tab("pipeline")

    def settle() -> None:
        from PySide6.QtTest import QTest

        for _ in range(3):
            ctx.runner.wait_idle(10)
            qapp.processEvents()
            QTest.qWait(150)  # list views re-lay out their cards 100 ms after a resize

    def save(name: str) -> None:
        settle()
        path = OUT / f"pipeline-{name}.png"
        window.grab().save(str(path))
        print(path.relative_to(ROOT))

    OUT.mkdir(parents=True, exist_ok=True)
    settle()
    save("board")
    tab.show_view("table")
    save("table")
    tab.show_view("board")
    google = next(r for r in tab.store.all() if r.company == "Google")
    tab.open_detail(google.id)
    settle()
    tab.detail.tabs.setCurrentIndex(1)
    save("detail")
    tab.detail.tabs.setCurrentIndex(3)
    save("detail-offers")
    tab.detail.tabs.setCurrentIndex(0)
    save("detail-fields")
    tab.detail.close_panel()
    # Issue 18: the grouped board and every stage, with and without the detail panel, at the
    # two sizes the screens are checked at.
    for width, height in ((1440, 900), (1024, 700)):
        window.resize(width, height)
        size = f"{width}x{height}"
        for grouped in (True, False):
            tab.board.set_grouped(grouped)
            kind = "grouped" if grouped else "every-stage"
            tab.detail.close_panel()
            save(f"board-{kind}-{size}")
        tab.board.set_grouped(True)
        tab.open_detail(google.id)
        settle()
        tab.board.select(google.id)
        tab.detail.tabs.setCurrentIndex(0)
        save(f"detail-{size}")
    tab.detail.close_panel()
    _shots.close_window(window, ctx)
    _shots.close_app(app, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
