"""Fixtures for the Pipeline tab: a profile with a few applications, the tab, drag helpers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State


@pytest.fixture
def svc(ui_ctx) -> ApplicationService:  # type: ignore[no-untyped-def]
    return ui_ctx.service(ApplicationService)


@pytest.fixture
def apps(svc: ApplicationService, ui_ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Three applications: Acme (APPLIED), Globex (SCREENING), Initech (SAVED)."""
    pid = ui_ctx.profile_id
    ids = {
        "acme": svc.create(
            pid,
            {
                "company": "Acme",
                "title": "Data Analyst",
                "state": State.APPLIED,
                "source": "LinkedIn",
                "location": "Leeds",
            },
        ).id,
        "globex": svc.create(
            pid,
            {
                "company": "Globex",
                "title": "Engineer",
                "state": State.APPLIED,
                "remote": "yes",
                "source": "Referral",
            },
        ).id,
        "initech": svc.create(
            pid, {"company": "Initech", "title": "Analyst", "tags": ["python"]}
        ).id,
    }
    svc.move(ids["globex"], State.SCREENING)
    return ids


@pytest.fixture
def tab(ui_ctx, apps, qtbot) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    from careerdesk.ui.pipeline.pipeline_widget import PipelineTab

    widget = PipelineTab(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.store.loaded and len(widget.store.rows) == 3, timeout=5000)
    yield widget
    ui_ctx.runner.wait_idle(10)


def drag_and_drop(source_list: Any, row: int, target: QWidget) -> tuple[bool, bool]:
    """Simulate a user's drag from ``source_list`` row ``row`` onto ``target``.

    The mime data comes from the source model exactly as for a real drag, and the enter/move/
    drop events go through Qt's event delivery to the target's own handlers (for a list view,
    its viewport). Returns (accepted while hovering, accepted on drop).
    """
    mime = source_list.model().mimeData([source_list.model().index(row, 0)])
    receiver = target.viewport() if hasattr(target, "viewport") else target
    pos = receiver.rect().center()
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(receiver, enter)
    move = QDragMoveEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(receiver, move)
    drop = QDropEvent(QPointF(pos), actions, mime, buttons, mods)
    QApplication.sendEvent(receiver, drop)
    return move.isAccepted(), drop.isAccepted()
