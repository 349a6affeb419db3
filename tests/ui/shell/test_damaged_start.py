"""The GUI offers the restore for every kind of damage the driver reports (issue 19): a
flipped byte in the schema text makes sqlite3 raise UnicodeDecodeError, and start-up must
still end in the "Restore newest backup" dialog, not a generic error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from careerdesk.core.kernel.paths import AppPaths
from tests.ui.shell.test_startup_faults import _click_when_shown


def test_schema_byte_damage_at_start_offers_and_performs_the_restore(
    careerdesk_home: Path, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app
    from careerdesk.ui.shell import app as shell_app
    from careerdesk.ui.shell.context import UiContext

    app = build_app()
    app.profiles.create("Ann")
    app.backup("daily")
    app.close(backup=False)
    paths = AppPaths.resolve()
    conn = sqlite3.connect(paths.db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(paths.db_path.read_bytes())
    data[data.find(b"REFERENCES") + 3] = 0xFF
    paths.db_path.write_bytes(bytes(data))

    shown: list[str] = []
    real_exec = QMessageBox.exec

    def recording_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return real_exec(box)

    monkeypatch.setattr(QMessageBox, "exec", recording_exec)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    ctx = UiContext(kiosk=True)  # kiosk: no profile picker after opening
    startup = shell_app.Startup(ctx, paths)
    _click_when_shown("Restore newest backup")
    startup.start()
    qtbot.waitUntil(lambda: ctx.ready, timeout=20_000)
    try:
        assert shown and "damaged" in shown[0] and "REF" in shown[0]
        assert startup.exit_code == 0
        assert [p.name for p in ctx.app.profiles.list()] == ["Ann"]
        kept = list(paths.data_dir.glob("careerdesk.sqlite3.corrupt-*[0-9]"))
        assert len(kept) == 1 and kept[0].read_bytes() == bytes(data)
    finally:
        ctx.runner.wait_idle(10)
        opened = ctx.app
        ctx.shutdown()
        opened.close(backup=False)
        QApplication.processEvents()
