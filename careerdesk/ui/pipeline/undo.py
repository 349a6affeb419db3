"""Undoable pipeline edits for the detail panel (Ctrl+Z until the panel closes).

Each command calls the service on the database write lane, so commands run strictly in the
order they were pushed and undone. Undo never rewrites history: undoing an edit writes a new
event that puts the old value back, undoing a move writes a ``state_reverted`` event, undoing
an added note hides it with a ``note_removed`` event. Ids created by a redo (a new interview)
are stored by the worker itself, so an undo queued right behind it already sees them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from careerdesk.core.pipeline.history import FIELD_LABELS
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.ui.shell.context import UiContext


class ServiceCommand(QUndoCommand):
    """Runs ``do``/``undo`` on the write lane; failures are shown, not swallowed."""

    def __init__(
        self, ctx: UiContext, text: str, do: Callable[[], Any], undo: Callable[[], Any]
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._do, self._undo = do, undo

    def redo(self) -> None:
        self.ctx.runner.run(lambda _s: self._do(), write=True, name=f"redo {self.text()}")

    def undo(self) -> None:
        self.ctx.runner.run(lambda _s: self._undo(), write=True, name=f"undo {self.text()}")


def edit_fields(
    ctx: UiContext, app_id: int, old: Mapping[str, Any], new: Mapping[str, Any]
) -> ServiceCommand:
    svc = ctx.service(ApplicationService)
    names = ", ".join(FIELD_LABELS.get(k, k) for k in new)
    return ServiceCommand(
        ctx,
        f"Edit {names}",
        lambda: svc.update(app_id, dict(new)),
        lambda: svc.update(app_id, dict(old)),
    )


def move(ctx: UiContext, app_id: int, from_state: State, to_state: State) -> ServiceCommand:
    svc = ctx.service(ApplicationService)
    return ServiceCommand(
        ctx,
        f"Move {from_state.label} → {to_state.label}",
        lambda: svc.move(app_id, to_state),
        lambda: svc.revert_state(app_id),
    )


def add_note(ctx: UiContext, app_id: int, text: str) -> ServiceCommand:
    svc = ctx.service(ApplicationService)
    box: dict[str, int] = {}

    def do() -> None:
        box["id"] = svc.add_note(app_id, text).id

    return ServiceCommand(ctx, "Add note", do, lambda: svc.remove_note(box["id"]))


def remove_note(ctx: UiContext, app_id: int, note_id: int, text: str) -> ServiceCommand:
    svc = ctx.service(ApplicationService)
    box = {"id": note_id}

    def undo() -> None:
        box["id"] = svc.add_note(app_id, text).id

    return ServiceCommand(ctx, "Remove note", lambda: svc.remove_note(box["id"]), undo)


def add_round(ctx: UiContext, offer_id: int, data: Mapping[str, Any]) -> ServiceCommand:
    svc = ctx.service(ApplicationService)
    box: dict[str, int] = {}

    def do() -> None:
        box["id"] = svc.add_round(offer_id, dict(data)).id

    return ServiceCommand(ctx, "Add counter-offer round", do, lambda: svc.remove_round(box["id"]))


# Child records: (add, update, remove) service methods by kind.
def _methods(
    svc: ApplicationService, kind: str
) -> tuple[Callable[..., Any], Callable[..., Any] | None, Callable[..., Any]]:
    return (
        getattr(svc, f"add_{kind}"),
        getattr(svc, f"update_{kind}", None),
        getattr(svc, f"remove_{kind}"),
    )


def add_child(ctx: UiContext, kind: str, app_id: int, data: Mapping[str, Any]) -> ServiceCommand:
    add, _update, remove = _methods(ctx.service(ApplicationService), kind)
    box: dict[str, int] = {}

    def do() -> None:
        box["id"] = add(app_id, dict(data)).id

    return ServiceCommand(ctx, f"Add {kind}", do, lambda: remove(box["id"]))


def update_child(
    ctx: UiContext, kind: str, child_id: int, old: Mapping[str, Any], new: Mapping[str, Any]
) -> ServiceCommand:
    _add, update, _remove = _methods(ctx.service(ApplicationService), kind)
    assert update is not None
    return ServiceCommand(
        ctx,
        f"Edit {kind}",
        lambda: update(child_id, dict(new)),
        lambda: update(child_id, dict(old)),
    )


def remove_child(
    ctx: UiContext, kind: str, app_id: int, child_id: int, data: Mapping[str, Any]
) -> ServiceCommand:
    """Removing a child; undo adds it back (as a new record with the same values)."""
    add, _update, remove = _methods(ctx.service(ApplicationService), kind)
    box = {"id": child_id}

    def undo() -> None:
        box["id"] = add(app_id, dict(data)).id

    return ServiceCommand(ctx, f"Remove {kind}", lambda: remove(box["id"]), undo)
