"""Screenshots of Pipeline → Follow-ups and Pipeline → Offers (the offer comparison) with demo
data, at 1440x900 and 1024x700 (docs/screenshots/followups-*.png, offers-compare-*.png).

usage: QT_QPA_PLATFORM=offscreen python tools/followups_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from typing import Any

import _shots
from _shots import SIZES, settle

HOME = _shots.throwaway_home("careerdesk-followups-shot-")

from PySide6.QtWidgets import QApplication  # noqa: E402


def main() -> int:
    out = _shots.out_dir()
    QApplication(sys.argv[:1])
    with _shots.built_app(HOME) as app:
        _profile, ctx, window = _shots.demo_window(app, "pipeline")
        window.show()
        tab: Any = window.show_tab("pipeline")
        settle(ctx, 2)
        for w, h in SIZES:
            window.resize(w, h)
            tab.show_view("followups")
            settle(ctx, 1.5)
            path = out / f"followups-{w}x{h}.png"
            window.grab().save(str(path))
            print(path)
            tab.show_view("offers")
            settle(ctx, 1.5)
            path = out / f"offers-compare-{w}x{h}.png"
            window.grab().save(str(path))
            print(path)
        _shots.close_window(window, ctx)
    return 0


if __name__ == "__main__":
    sys.exit(main())
