"""Company cards in the GUI. ``open_card(ctx, company_name)`` is the one entry point.

The Pipeline board, table and detail panel call it; other features (the insights' company
list) call it the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from careerdesk.core.pipeline.keys import company_key

if TYPE_CHECKING:
    from careerdesk.ui.companies.card import CompanyCardWindow
    from careerdesk.ui.shell.context import UiContext

_open: dict[tuple[int, str], CompanyCardWindow] = {}


def open_windows() -> list[CompanyCardWindow]:
    """The card windows on screen (e.g. to close them when the profile changes)."""
    return [w for w in _open.values() if shiboken6.isValid(w)]


def open_card(
    ctx: UiContext,
    company_name: str,
    parent: QWidget | None = None,
    *,
    allow_new: bool = False,
) -> CompanyCardWindow | None:
    """Show the card of ``company_name`` for the current learner (raised if already open).

    ``allow_new`` opens an empty card for a company with no application or card yet (one the
    learner targets in Insights); saving it creates it. Returns the window, or None when no
    profile is open or the name is empty.
    """
    from careerdesk.ui.companies.card import CompanyCardWindow

    pid = ctx.profile_id
    key = company_key(company_name or "")
    if pid is None or not key:
        return None
    existing = _open.get((pid, key))
    if existing is not None and not shiboken6.isValid(existing):
        existing = _open.pop((pid, key), None) and None  # deleted without telling us
    if existing is not None:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    window = CompanyCardWindow(
        ctx, pid, company_name.strip(), parent or ctx.window, allow_new=allow_new
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open[(pid, key)] = window
    window.destroyed.connect(lambda _o=None, k=(pid, key): _open.pop(k, None))
    window.show()
    return window
