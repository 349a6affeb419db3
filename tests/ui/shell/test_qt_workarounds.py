"""The PySide6 6.12.0 None-reference defect: detected, and guarded so playback cannot crash."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel

from careerdesk.ui.shell import qt_workarounds as qw


def test_guard_keeps_none_far_from_zero(qapp) -> None:  # type: ignore[no-untyped-def]
    active = qw.install_none_refcount_guard()
    assert active == qw.bindings_leak_none() or qw.guard_active()
    if not active:
        pytest.skip("these bindings do not leak references to None")
    assert sys.getrefcount(None) >= qw._FLOOR
    label = QLabel()
    for i in range(50_000):  # far more void calls than None had references at start-up
        label.setText(str(i % 7))
    qw._top_up()
    assert sys.getrefcount(None) >= qw._FLOOR


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_detection_matches_the_installed_version(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6 import __version__

    assert qw.bindings_leak_none() == (__version__ == "6.12.0")
