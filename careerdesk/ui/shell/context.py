"""What every tab receives: the app's services, the task runner, events, the current learner.

At start-up the context exists before the database is open (the window paints first and the
database opens in the background); ``attach(app)`` completes it and emits ``attached``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QObject, Signal

from careerdesk.core.kernel.events import DomainEvent
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
        # The current learner as last read: screens ask for it on every refresh, and each
        # read on the GUI thread waited for the database (a network round trip on a kiosk's
        # shared PostgreSQL). Forgotten on any event about them or the whole installation,
        # on the bus itself: the publisher's thread forgets it before any screen is told.
        self._profile_info: ProfileInfo | None = None
        self._profile_generation = 0
        self._unsubscribe_profile: Callable[[], None] | None = None
        # Background work that can wait until the first screen is on screen (see
        # ``after_first_screen``); None when nothing is held back.
        self._held_back: list[Callable[[], None]] | None = None
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
        if self._unsubscribe_profile is not None:
            self._unsubscribe_profile()
        self._unsubscribe_profile = app.bus.subscribe(DomainEvent, self._forget_profile_on)
        self.events.connect_bus(app.bus)
        self.attached.emit()

    @property
    def profile_id(self) -> int | None:
        return self._profile_id

    def profile(self) -> ProfileInfo | None:
        """The current learner: as last read, or read now if something about them changed."""
        if self._profile_id is None:
            return None
        kept = self._profile_info
        if kept is None or kept.id != self._profile_id:
            generation = self._profile_generation
            kept = self.app.profiles.get(self._profile_id)
            # A change committed while this read ran may not be in it: keep it only if no
            # event came meanwhile (the event's screens will ask again).
            if generation == self._profile_generation:
                self._profile_info = kept
        return kept

    def set_profile(self, profile_id: int | None, info: ProfileInfo | None = None) -> None:
        """Select a learner. ``info``: their profile as just read (a list the caller holds),
        which saves the GUI thread reading it again."""
        if profile_id == self._profile_id:
            return
        self._profile_info = info if info is not None and info.id == profile_id else None
        self._profile_id = profile_id
        self.app.settings.last_profile_id = profile_id
        self.profile_changed.emit(profile_id if profile_id is not None else -1)

    def _forget_profile_on(self, event: DomainEvent) -> None:
        # Any thread. Every event names the learner it changed, or None for the whole
        # installation (a restore): either may have changed what the kept profile says.
        if event.profile_id is None or event.profile_id == self._profile_id:
            self._profile_generation += 1
            self._profile_info = None

    def hold_back_until_first_screen(self) -> None:
        """From now until ``first_screen_shown``, ``after_first_screen`` queues its work.

        Why: while the GUI thread builds and paints the first live screen, every Python
        callback it makes (events, slots, timers) waits for the interpreter lock, and a
        background thread running Python code for long holds it (each wait up to the switch
        interval). Measured with a stack sampler on the first start without the kept Home:
        the insights recompute (building the O*NET title index) and the keyring's backend
        detection (the Gemini status) ran then, and the GUI thread stalled 150-300 ms with
        16-50 ms of its own work (docs/performance.md)."""
        if self._held_back is None:
            self._held_back = []

    def after_first_screen(self, work: Callable[[], None]) -> None:
        """Run ``work`` (on the GUI thread; it usually starts a background task) now, or once
        the first screen is on screen when start-up holds background work back."""
        if self._held_back is None:
            work()
        else:
            self._held_back.append(work)

    def first_screen_shown(self) -> None:
        """Start what ``after_first_screen`` held back, in the order it was asked for."""
        held, self._held_back = self._held_back, None
        for work in held or ():
            work()

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
        if self._unsubscribe_profile is not None:
            self._unsubscribe_profile()
            self._unsubscribe_profile = None
