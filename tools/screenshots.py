"""Regenerate docs/screenshots/screens/: every tab and the main dialogs, with the demo
profile, at 1440×900 and 1024×700, in the light and the dark theme (docs/design.md).

usage: QT_QPA_PLATFORM=offscreen python tools/screenshots.py [OUT_DIR] [--only KEY,KEY]
       [--sizes 1440x900,1024x700] [--themes light,dark]

Files are named ``<screen>-<theme>-<width>x<height>.png``. A throwaway data folder is used
unless CAREERDESK_HOME is set. The feature-specific tools (tools/*screenshot*.py) still make
their close-ups (a chart with a hover read-out, a dialog mid-flow); this one is the overview.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import _shots

os.environ.setdefault("CAREERDESK_HOME", tempfile.mkdtemp(prefix="careerdesk-screens-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from careerdesk.app import build_app
from careerdesk.demo import build_demo
from careerdesk.ui.common import theme
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.main_window import MainWindow

SIZES = ((1440, 900), (1024, 700))
THEMES = ("light", "dark")


def settle(ctx: UiContext, seconds: float = 0.6) -> None:
    """Let lazy tabs load and background reads finish, then paint."""
    _shots.settle(ctx, seconds, idle=15)


def dialogs(window: MainWindow) -> Iterator[tuple[str, Callable[[], QDialog]]]:
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.ui.pipeline.new_dialog import NewApplicationDialog
    from careerdesk.ui.profiles.details_dialog import ProfileDetailsDialog
    from careerdesk.ui.profiles.dialog import ProfilesDialog
    from careerdesk.ui.settings.dialog import SettingsDialog
    from careerdesk.ui.shell.about import AboutDialog

    ctx = window.ctx
    pid = ctx.profile_id
    assert pid is not None
    yield "dialog-settings", lambda: SettingsDialog(ctx, window)
    yield "dialog-profiles", lambda: ProfilesDialog(ctx, window)
    yield "dialog-profile-details", lambda: ProfileDetailsDialog(ctx, pid, window)
    yield (
        "dialog-new-application",
        lambda: NewApplicationDialog(ctx.service(ApplicationService), pid, window),
    )
    yield "dialog-about", lambda: AboutDialog(window)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="docs/screenshots/screens")
    parser.add_argument("--only", default="", help="comma-separated screen keys")
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--themes", default=",".join(THEMES))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {k for k in args.only.split(",") if k}
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]

    qt = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt, QApplication)
    app = build_app()
    profile = app.profiles.by_name("Demo") if app.profiles.exists("Demo") else build_demo(app)
    app.settings.window.last_tab = "home"
    ctx = UiContext(app, profile_id=profile.id)
    window = MainWindow(ctx)
    window.show()
    try:
        for mode in args.themes.split(","):
            theme.apply(mode, qt)
            # Fresh tabs, so rich text built with theme colours is in this theme too.
            window.rebuild_tabs(ctx)
            for width, height in sizes:
                window.resize(width, height)
                settle(ctx)
                for header in list(window._headers):
                    if only and header.key not in only:
                        continue
                    window.show_tab(header.key)
                    settle(ctx)
                    save(window, out / f"{header.key}-{mode}-{width}x{height}.png")
                for name, make in dialogs(window):
                    if only and name not in only:
                        continue
                    dialog = make()
                    hint = dialog.sizeHint()
                    dialog.resize(min(hint.width(), width), min(hint.height(), height))
                    dialog.show()
                    settle(ctx, 0.3)
                    save(dialog, out / f"{name}-{mode}-{width}x{height}.png")
                    dialog.hide()
                    dialog.deleteLater()
    finally:
        window.close()
        ctx.shutdown()
        app.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
