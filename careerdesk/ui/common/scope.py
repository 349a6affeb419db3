"""Who is using the window right now — what the desktop gate and the file-dialog helper
ask before anything leaves the app or a file dialog opens.

The main window binds its root :class:`~careerdesk.ui.shell.context.UiContext` here when it
is built (the kiosk controller keeps that context's ``advisor_unlocked`` and profile in step
with the session), so no call site has to remember to pass "am I a kiosk?". With nothing
bound (a widget tested on its own) the app counts as a normal desktop app.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careerdesk.core.kernel.settings import Settings
    from careerdesk.ui.shell.context import UiContext

_bound: weakref.ref[UiContext] | None = None


def bind(ctx: UiContext) -> None:
    """Make ``ctx`` the context the gate and the file-dialog helper consult."""
    global _bound
    _bound = weakref.ref(ctx)


def unbind(ctx: UiContext) -> None:
    """Forget ``ctx`` if it is the bound one (its window is gone)."""
    global _bound
    if _bound is not None and _bound() is ctx:
        _bound = None


def bound() -> UiContext | None:
    return _bound() if _bound is not None else None


@dataclass(frozen=True)
class Scope:
    """A snapshot of who is at the window."""

    kiosk: bool  # a kiosk learner (or nobody at the picker): no way out to the desktop
    profile_id: int | None
    settings: Settings | None
    learner_root: Path | None  # kiosk: the learner's own folder
    data_dir: Path | None


def current() -> Scope:
    ctx = bound()
    if ctx is None or not ctx.ready:
        kiosk = ctx is not None and ctx.kiosk
        return Scope(kiosk=kiosk, profile_id=None, settings=None, learner_root=None, data_dir=None)
    pid = ctx.profile_id
    paths = ctx.app.paths
    return Scope(
        kiosk=ctx.kiosk and not ctx.advisor_unlocked,
        profile_id=pid,
        settings=ctx.settings,
        learner_root=paths.learner_dir(pid) if pid is not None else None,
        data_dir=paths.data_dir,
    )
