"""Screenshots of pipeline intelligence with demo data (docs/screenshots/intel-*.png):
the Home tab's follow-ups card, Pipeline → Follow-ups, a fit verdict (Pipeline → Fit) and
Pipeline → Analytics.

usage: QT_QPA_PLATFORM=offscreen python tools/intel_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys

import _shots
from _shots import settle

HOME = _shots.throwaway_home("careerdesk-intel-shot-")

from PySide6.QtWidgets import QApplication  # noqa: E402


def main() -> int:
    out = _shots.out_dir()
    QApplication(sys.argv[:1])
    with _shots.built_app(HOME) as app:
        _profile, ctx, window = _shots.demo_window(app, "home")
        window.resize(1280, 800)
        window.show()
        window.show_tab("home")
        settle(ctx, 2)
        window.grab().save(str(out / "intel-home-due.png"))
        tab = window.show_tab("pipeline")
        settle(ctx, 2)
        target = next(r for r in tab.store.all() if r.company == "Monzo")
        tab.open_detail(target.id)
        settle(ctx, 1)
        tab.detail.tabs.setCurrentWidget(tab.detail.fit)
        settle(ctx, 1.5)
        window.grab().save(str(out / "intel-board-verdict.png"))
        tab.detail.close_panel()
        tab.show_view("followups")
        settle(ctx, 1.5)
        window.grab().save(str(out / "intel-followups.png"))
        fit = tab.show_view("fit")
        settle(ctx, 2)
        fit.select(target.id)
        settle(ctx, 1.5)
        window.grab().save(str(out / "intel-fit.png"))
        tab.show_view("analytics")
        settle(ctx, 3)
        window.grab().save(str(out / "intel-analytics.png"))
        for name in (
            "intel-home-due",
            "intel-board-verdict",
            "intel-followups",
            "intel-fit",
            "intel-analytics",
        ):
            print(out / f"{name}.png")
        _shots.close_window(window, ctx)
    return 0


if __name__ == "__main__":
    sys.exit(main())
