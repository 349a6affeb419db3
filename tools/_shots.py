"""What the screenshot scripts in tools/ share: a throwaway data folder, the output folder
from the command line, the demo profile in a main window, letting the window settle, and
grabbing what is on screen.

A script imports it as ``import _shots`` (its own folder is first on ``sys.path``) and calls
``throwaway_home`` before it imports CareerDesk, so nothing it builds can touch the user's
data; CareerDesk itself is imported here only inside the functions. Importing this module
also puts the checkout the script belongs to first on ``sys.path``, so a script run from a
checkout shows that checkout's code.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from careerdesk.app import App
    from careerdesk.core.profiles.service import ProfileInfo
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

#: The two window sizes the screenshots in docs/screenshots/ are taken at.
SIZES = ((1440, 900), (1024, 700))


def throwaway_home(prefix: str, *, keep_existing: bool = False) -> str:
    """A fresh temporary folder as ``CAREERDESK_HOME`` (returned, for removing afterwards).

    With ``keep_existing`` a ``CAREERDESK_HOME`` already set wins (a demo profile made by an
    earlier run is then reused by the scripts that look for one).
    """
    home = tempfile.mkdtemp(prefix=prefix)
    if keep_existing:
        os.environ.setdefault("CAREERDESK_HOME", home)
    else:
        os.environ["CAREERDESK_HOME"] = home
    return os.environ["CAREERDESK_HOME"]


def out_dir(default: str | Path = "docs/screenshots") -> Path:
    """The output folder: the first command-line argument that is not an ``--option``."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else default)
    out.mkdir(parents=True, exist_ok=True)
    return out


def settle(ctx: UiContext, seconds: float = 1.0, *, idle: float = 30, pause: float = 0.0) -> None:
    """Process events for ``seconds`` (lazy tabs load, timers fire), wait up to ``idle``
    seconds for the background tasks, then let the results paint (``pause`` between the
    last ten rounds of events, for views that lay out again after a delay)."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    ctx.runner.wait_idle(idle)
    for _ in range(10):
        QCoreApplication.processEvents()
        if pause:
            time.sleep(pause)


def pump(qt: QApplication, seconds: float, until: Callable[[], bool] | None = None) -> None:
    """Process events for up to ``seconds``, stopping early once ``until()`` is true."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (until and until()):
        qt.processEvents()
        time.sleep(0.01)


@contextmanager
def built_app(home: str | None = None) -> Iterator[App]:
    """The app on ``CAREERDESK_HOME``; afterwards closed without a backup and ``home`` (the
    throwaway folder, if given) removed."""
    from careerdesk.app import build_app

    app = build_app()
    try:
        yield app
    finally:
        close_app(app, home)


def close_app(app: App, home: str | None = None) -> None:
    """Close ``app`` without a backup and remove the throwaway ``home`` (if given)."""
    app.close(backup=False)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)


def demo_window(
    app: App, tab: str | None, *, reset: bool = True
) -> tuple[ProfileInfo, UiContext, MainWindow]:
    """The demo profile (built afresh with ``reset``) in a main window opening on ``tab``
    (``None``: where it opens anyway); not shown yet, so the caller can size it first."""
    from careerdesk.demo import build_demo
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    profile = build_demo(app, reset=reset)
    if tab is not None:
        app.settings.window.last_tab = tab
    ctx = UiContext(app, profile_id=profile.id)
    return profile, ctx, MainWindow(ctx)


def close_window(window: QWidget, ctx: UiContext) -> None:
    """Close the window, then its context (its runner finishes what is running)."""
    window.close()
    ctx.shutdown()


def save_window(qt: QApplication, window: QWidget, path: Path) -> None:
    """Save ``window`` as the screen shows it when there is a display (Xvfb: with its
    native frame and fonts), else as Qt paints it offscreen; print the path."""
    screen = qt.primaryScreen()
    shot = screen.grabWindow(window.winId()) if os.environ.get("DISPLAY") else None
    (shot or window.grab()).save(str(path))
    print(path)


def save_frame(window: QWidget, path: Path) -> None:
    """Save the screen area of ``window`` with its frame (under Xvfb: a real video frame,
    which ``QWidget.grab`` cannot read back); print the path and the size."""
    geo = window.frameGeometry()
    image = window.screen().grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(path))
    print(f"saved {path} ({image.width()}x{image.height()})")


def start_player_shot() -> tuple[str, QApplication]:
    """For the Player's screenshots: a throwaway ``CAREERDESK_HOME`` (returned), Qt
    Multimedia's log quiet, and the ``QApplication``."""
    home = throwaway_home("careerdesk-shot-")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    from PySide6.QtWidgets import QApplication

    return home, QApplication([])
