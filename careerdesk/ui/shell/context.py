"""What every tab receives: the app's services, the task runner, events, the current learner.

At start-up the context exists before the database is open (the window paints first and the
database opens in the background); ``attach(app)`` completes it and emits ``attached``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QObject, Signal

from careerdesk.ui.shell.bus import QtEventBridge
from careerdesk.ui.shell.errors import show_error
from careerdesk.ui.shell.tasks import TaskRunner

if TYPE_CHECKING:
    from careerdesk.app import App
    from careerdesk.core.kernel.settings import Settings
    from careerdesk.core.profiles.service import ProfileInfo
    from careerdesk.ui.shell.main_window import MainWindow

T = TypeVar("T")


class UiContext(QObject):
    """Shared GUI state. ``profile_changed`` fires when another learner is selected.

    ``session_ending(profile_id)`` fires (kiosk mode) just before a learner's session ends —
    idle timeout or "Finish" — and before the profile changes: tabs save unsaved work then
    (synchronously, or by queuing a write on ``runner``; the kiosk waits for the write lane
    to drain before it shows the picker).
    """

    profile_changed = Signal(int)
    status_message = Signal(str, int)  # text, timeout in ms (0 = until replaced)
    attached = Signal()
    session_ending = Signal(int)
    # A screen (by tab key) has its data on screen: start-up timing and warm-up follow it.
    screen_ready = Signal(str)

    def __init__(
        self,
        app: App | None = None,
        profile_id: int | None = None,
        *,
        kiosk: bool = False,
        early_window_state: tuple[str | None, str | None] = (None, None),
    ) -> None:
        super().__init__()
        # Saved window geometry/state, known before the settings and database are loaded.
        self.early_window_state = early_window_state
        self.kiosk = kiosk
        self.advisor_unlocked = not kiosk
        self._profile_id = profile_id
        self.runner = TaskRunner(default_error=self._report)
        self.window: MainWindow | None = None
        self._app: App | None = None
        self._shared: dict[type, object] = {}
        self.events = QtEventBridge()
        if app is not None:
            self.attach(app)

    @property
    def app(self) -> App:
        if self._app is None:
            raise RuntimeError("the database is not open yet")
        return self._app

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def ready(self) -> bool:
        return self._app is not None

    def attach(self, app: App) -> None:
        """Complete the context once the App (database, services) is available."""
        self._app = app
        self.events.connect_bus(app.bus)
        self.attached.emit()

    @property
    def profile_id(self) -> int | None:
        return self._profile_id

    def profile(self) -> ProfileInfo | None:
        if self._profile_id is None:
            return None
        return self.app.profiles.get(self._profile_id)

    def set_profile(self, profile_id: int | None) -> None:
        if profile_id == self._profile_id:
            return
        self._profile_id = profile_id
        self.app.settings.last_profile_id = profile_id
        self.profile_changed.emit(profile_id if profile_id is not None else -1)

    def shared(self, cls: type[T], build: Callable[[], T]) -> T:
        """The context's one instance of a GUI helper (the follow-up notifier, the insights
        refresher), built by ``build`` on first use."""
        found = self._shared.get(cls)
        if found is None:
            found = build()
            self._shared[cls] = found
        return cast(T, found)  # stored under its own class just above

    def service(self, cls: type[T]) -> T:
        """The app's single instance of a feature service (see careerdesk/wiring.py)."""
        return self.app.service(cls)

    def status(self, text: str, timeout_ms: int = 5000) -> None:
        self.status_message.emit(text, timeout_ms)

    def _report(self, exc: BaseException) -> None:
        show_error(exc, self.window)

    def report(self, exc: BaseException) -> None:
        self._report(exc)

    def shutdown(self) -> None:
        self.runner.shutdown()
        self.events.close()
