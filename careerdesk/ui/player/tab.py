"""Player tab: an embedded video player whose watch progress is saved and counts.

The widget lives in :mod:`careerdesk.ui.player.player_widget` and is imported when the tab is
first shown, so QtMultimedia costs nothing at start-up. Other tabs reach it with
``window.show_tab("player").play(content_ids, start)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from careerdesk.ui.shell.tabs import TabSpec

if TYPE_CHECKING:
    from careerdesk.ui.player.player_widget import PlayerTab
    from careerdesk.ui.shell.context import UiContext


def _build(ctx: UiContext) -> QWidget:
    from careerdesk.ui.player.player_widget import PlayerTab

    return PlayerTab(ctx)


def __getattr__(name: str) -> Any:
    # ``from careerdesk.ui.player.tab import PlayerTab`` works, loading the widget lazily.
    if name == "PlayerTab":
        from careerdesk.ui.player.player_widget import PlayerTab

        return PlayerTab
    raise AttributeError(name)


TAB = TabSpec(key="player", title="Player", order=30, factory=_build)

__all__ = ["TAB", "PlayerTab"]
