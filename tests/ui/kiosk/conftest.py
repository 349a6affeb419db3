"""The kiosk fixture: a real window in kiosk mode on a fresh database with two learners
(Ana with a PIN, Ben without), an injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kiosk.service import KioskService
from tests.ui.kiosk.pins import ADVISOR_PIN, ANA_PIN, stop_all


@pytest.fixture(autouse=True)
def _no_pin_pad_outlives_its_test(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A waiter left by one test must never type into the next test's PIN pad."""
    yield
    stop_all()


@pytest.fixture
def kiosk(careerdesk_home, qtbot) -> Iterator[SimpleNamespace]:  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app
    from careerdesk.ui.kiosk.controller import KioskController
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    clock = FixedClock()
    app = build_app(clock=clock)
    service = app.service(KioskService)
    service.set_advisor_pin(ADVISOR_PIN)
    ana = app.profiles.create("Ana")
    service.set_learner_pin(ana.id, ANA_PIN)
    ben = app.profiles.create("Ben")
    root = UiContext(app, kiosk=True)
    window = MainWindow(root)  # closed below, after the kiosk allows it
    controller = KioskController(root, window, clock=clock)
    controller.show_full_screen()
    qtbot.waitExposed(window)
    ns = SimpleNamespace(
        app=app, clock=clock, root=root, window=window, ctl=controller, ana=ana, ben=ben
    )
    yield ns
    controller.guard.allow_close = True
    if controller.session is not None:
        controller.end_session("test over")
        qtbot.waitUntil(lambda: controller.session is None, timeout=5000)
    controller.stop()
    root.runner.wait_idle(5)
    window.close()
    window.deleteLater()
    root.shutdown()
    app.close(backup=False)
