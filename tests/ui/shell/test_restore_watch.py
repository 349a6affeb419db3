"""A running window notices a restore made by another CareerDesk and reloads (issue 19)."""

from __future__ import annotations

from pathlib import Path

from careerdesk.core.kernel.events import DataRestored
from careerdesk.core.storage import restore
from careerdesk.core.storage.opening import open_database


def test_a_restore_by_another_process_reloads_the_window(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.shell.restore_watch import RestoreWatcher

    app = ui_ctx.app
    backup = app.backup("manual")  # holds the profile "Tester" only
    later = app.profiles.create("Added later")
    ui_ctx.set_profile(later.id)
    seen: list[DataRestored] = []
    app.bus.subscribe(DataRestored, seen.append)
    statuses: list[str] = []
    ui_ctx.status_message.connect(lambda text, _ms: statuses.append(text))
    watcher = RestoreWatcher(ui_ctx, interval_ms=50)
    watcher.start()
    qtbot.wait(300)  # a few polls with nothing restored: no reload
    assert seen == []

    # Another "process": its own Database on the same file, as `careerdesk restore` opens it.
    other = open_database(app.db.url)
    restore.restore_database(other, backup, app.paths.backup_dir)
    other.dispose()

    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    watcher.stop()
    ui_ctx.runner.wait_idle(10)
    assert len(seen) == 1 and seen[0].profile_id is None
    # The selected profile no longer exists in the restored data: the window moves on.
    assert ui_ctx.profile_id == app.profiles.by_name("Tester").id
    assert any("restored from a backup in another CareerDesk" in s for s in statuses)


def test_the_windows_own_restore_is_not_reported_twice(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.shell.restore_watch import restore_watcher

    ctx = main_window.ctx
    app = ctx.app
    backup = app.backup("manual")
    seen: list[DataRestored] = []
    app.bus.subscribe(DataRestored, seen.append)
    watcher = restore_watcher(ctx)
    watcher._timer.setInterval(50)
    watcher.start()
    qtbot.wait(200)
    main_window._run_restore(Path(backup), allow_unverified=False)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    qtbot.wait(500)  # several polls after the restore
    watcher.stop()
    ctx.runner.wait_idle(10)
    assert len(seen) == 1
