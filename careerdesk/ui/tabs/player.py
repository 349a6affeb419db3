"""Player tab: an embedded video player whose watch progress is saved and counts.

The widget lives in :mod:`careerdesk.ui.widgets.player_tab` and is imported when the tab is
first shown, so QtMultimedia costs nothing at start-up. Other tabs reach it with
``window.show_tab("player").play(content_ids, start)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from careerdesk.ui.tabs import TabSpec

if TYPE_CHECKING:
    from careerdesk.ui.context import UiContext
    from careerdesk.ui.widgets.player_tab import PlayerTab


def _build(ctx: UiContext) -> QWidget:
    from careerdesk.ui.widgets.player_tab import PlayerTab

    return PlayerTab(ctx)


def __getattr__(name: str) -> Any:
    # ``from careerdesk.ui.tabs.player import PlayerTab`` works, loading the widget lazily.
    if name == "PlayerTab":
        from careerdesk.ui.widgets.player_tab import PlayerTab

        return PlayerTab
    raise AttributeError(name)


TAB = TabSpec(key="player", title="Player", order=30, factory=_build)

__all__ = ["TAB", "PlayerTab"]
