"""Background work that waits until the first screen is on screen (UiContext docs,
docs/performance.md "The first live screen gets the background threads to itself")."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from careerdesk.ui.shell.context import UiContext


def test_without_a_hold_work_runs_at_once(qtbot: Any) -> None:
    ctx = UiContext()
    done: list[str] = []
    ctx.after_first_screen(lambda: done.append("status"))
    assert done == ["status"]


def test_held_work_runs_once_in_the_order_asked_when_the_first_screen_is_shown(
    qtbot: Any,
) -> None:
    ctx = UiContext()
    ctx.hold_back_until_first_screen()
    done: list[str] = []
    ctx.after_first_screen(lambda: done.append("insights"))
    ctx.after_first_screen(lambda: done.append("status"))
    assert done == []
    ctx.first_screen_shown()
    assert done == ["insights", "status"]
    ctx.first_screen_shown()  # a second release (the fallback timer) repeats nothing
    assert done == ["insights", "status"]
    ctx.after_first_screen(lambda: done.append("later"))  # after it: at once
    assert done == ["insights", "status", "later"]


def test_holding_twice_keeps_what_was_held(qtbot: Any) -> None:
    ctx = UiContext()
    ctx.hold_back_until_first_screen()
    done: list[str] = []
    ctx.after_first_screen(lambda: done.append("insights"))
    ctx.hold_back_until_first_screen()
    ctx.first_screen_shown()
    assert done == ["insights"]


@pytest.fixture
def held_ctx(sqlite_app: Any, qtbot: Any) -> Any:
    ctx = UiContext(sqlite_app)
    ctx.hold_back_until_first_screen()
    yield ctx
    ctx.shutdown()


def test_the_insights_recompute_of_the_learner_waits_for_the_first_screen(
    sqlite_app: Any, held_ctx: UiContext, qtbot: Any
) -> None:
    from careerdesk.ui.insights.refresher import refresher_for

    ann = sqlite_app.profiles.create("Ann")
    refresher = refresher_for(held_ctx)
    held_ctx.set_profile(ann.id, ann)
    assert not refresher.busy  # nothing started while the first screen is being built
    with qtbot.waitSignal(refresher.computed, timeout=20_000) as computed:
        held_ctx.first_screen_shown()
        assert refresher.busy
    assert refresher.last.keys() == {ann.id}  # the document computed is the learner's
    assert computed.args[0].document is refresher.last[ann.id]


def test_a_learner_left_before_the_first_screen_is_not_recomputed(
    sqlite_app: Any, held_ctx: UiContext, qtbot: Any
) -> None:
    from careerdesk.ui.insights.refresher import refresher_for

    ann = sqlite_app.profiles.create("Ann")
    bob = sqlite_app.profiles.create("Bob")
    refresher = refresher_for(held_ctx)
    asked: list[int] = []
    refresher.request = asked.append  # type: ignore[method-assign]
    held_ctx.set_profile(ann.id, ann)
    held_ctx.set_profile(bob.id, bob)
    held_ctx.first_screen_shown()
    assert asked == [bob.id]


def test_the_follow_up_announcement_waits_for_the_first_screen(
    sqlite_app: Any, held_ctx: UiContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careerdesk.ui.pipeline import followup_notify

    checks: list[int | None] = []
    monkeypatch.setattr(
        followup_notify.DueNotifier, "check", lambda self: checks.append(self.ctx.profile_id)
    )
    ann = sqlite_app.profiles.create("Ann")
    held_ctx.set_profile(ann.id, ann)
    followup_notify.install(held_ctx)
    assert checks == []
    held_ctx.first_screen_shown()
    assert checks == [ann.id]


def test_a_second_warm_up_request_does_not_release_held_work_during_the_warm_up(
    sqlite_app: Any, qtbot: Any
) -> None:
    from careerdesk.ui.shell.app import StartupObserver

    ctx = UiContext(sqlite_app)
    observer = StartupObserver(ctx, probe=False)
    done: list[str] = []
    ctx.after_first_screen(lambda: done.append("status"))
    observer.warming = True  # the warm-up runs; the fallback timer asks again
    observer._start_warm_up()
    assert done == []
    observer._warmed()  # the warm-up has imported its modules
    assert done == ["status"]
    ctx.shutdown()


def test_python_s_own_switch_interval_is_back_once_the_held_work_has_run(
    sqlite_app: Any, qtbot: Any
) -> None:
    """The short interval of start-up lasts until the work held for the first screen has
    run, not only until the warm-up's imports (docs/performance.md, "Stalls")."""
    import sys

    from careerdesk.ui.shell import warmup
    from careerdesk.ui.shell.app import StartupObserver

    before = sys.getswitchinterval()
    ctx = UiContext(sqlite_app)
    observer = StartupObserver(ctx, probe=False)
    release = threading.Event()
    ctx.after_first_screen(lambda: ctx.runner.run(lambda _s: release.wait(10), name="held"))
    try:
        warmup.favour_gui_thread()
        observer.warming = True
        warmup.settle_imports()  # what warm_up does before calling back
        observer._warmed()
        assert sys.getswitchinterval() == pytest.approx(0.0002)  # the held read still runs
        release.set()
        qtbot.waitUntil(lambda: sys.getswitchinterval() == pytest.approx(before), timeout=5000)
    finally:
        release.set()
        warmup.stop_favouring_gui_thread()
        sys.setswitchinterval(before)
        ctx.shutdown()
