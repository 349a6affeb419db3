"""The Pipeline tab for posting capture and company-card tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def tab(ui_ctx, qtbot) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    from careerdesk.ui.pipeline.pipeline_widget import PipelineTab

    widget = PipelineTab(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.store.loaded, timeout=5000)
    yield widget
    ui_ctx.runner.wait_idle(10)
