"""Auto-advance: when a video ends, the playlist moves on only if the learner asked for it.

"Play next automatically" is a check box in the Player's controls, remembered per profile in
``settings.player.auto_advance`` and off by default (docs/player.md). Either way the status
line says what happened or what is next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from careerdesk.ui.player.player_widget import PlayerTab


class AutoAdvance:
    """The auto-advance option and the end-of-video behaviour of one PlayerTab."""

    def __init__(self, tab: PlayerTab) -> None:
        self.tab = tab
        self.ctx = tab.ctx
        self.box = tab.view.auto_advance
        self.show()
        self.box.toggled.connect(self._set)

    def enabled(self) -> bool:
        pid = self.ctx.profile_id
        return pid is not None and self.ctx.app.settings.player.auto_advance.get(str(pid), False)

    def show(self) -> None:
        """Show the current profile's choice (at start and when the learner changes)."""
        self.box.blockSignals(True)
        self.box.setChecked(self.enabled())
        self.box.setEnabled(self.ctx.profile_id is not None)
        self.box.blockSignals(False)

    def _set(self, on: bool) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        store = self.ctx.app.settings.player
        # Assign a whole new dict: the settings model validates on assignment.
        store.auto_advance = {**store.auto_advance, str(pid): bool(on)}

    def on_ended(self) -> None:
        tab = self.tab
        done = tab.session.entry
        if done is None:
            return
        nxt = tab.playlist.neighbour(done.content_id, 1)
        if nxt is None:
            self.ctx.status(f"Finished “{done.title}” — the end of this playlist.", 8000)
        elif not self.enabled():
            # Nothing moves by itself unless the learner asked for it; say what is next.
            self.ctx.status(
                f"Finished “{done.title}”. Next: “{nxt.title}” (Shift+N, or turn on "
                "“Play next automatically”).",
                8000,
            )
        elif nxt.playable:
            self.ctx.status(f"Finished “{done.title}” — playing “{nxt.title}” next.", 8000)
            QTimer.singleShot(0, lambda: tab.open_item(nxt.content_id, autoplay=True))
        else:
            # A web page next waits for the learner to open it in the browser.
            self.ctx.status(
                f"Finished “{done.title}” — next is “{nxt.title}”, a web page: open it in "
                "your browser.",
                8000,
            )
            QTimer.singleShot(0, lambda: tab.open_item(nxt.content_id, autoplay=False))
