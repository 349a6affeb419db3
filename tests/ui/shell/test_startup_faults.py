"""GUI start-up: AI calls never block the GUI thread; a damaged database offers a restore."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.kernel.ports import AIError
from careerdesk.integrations.ai.factory import build_ai_provider
from careerdesk.integrations.secrets import GEMINI_API_KEY, KeyringSecretStore
from careerdesk.ui.shell.tasks import TaskRunner
from tests.fakes.gemini_server import FakeGemini


class Answer(BaseModel):
    text: str


def test_hanging_gemini_does_not_block_the_gui_thread(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with FakeGemini(default_reply={"text": "hi"}) as fake:
        monkeypatch.setenv("CAREERDESK_GEMINI_BASE_URL", fake.base_url)
        store = KeyringSecretStore()
        store.set(GEMINI_API_KEY, "AIza-test-key-not-real-000000000000")
        provider = build_ai_provider(store, model="gemini-2.5-flash", timeout_s=1.0, attempts=2)
        fake.hang(30)
        fake.hang(30)
        runner = TaskRunner()
        ticks = 0

        def tick() -> None:
            nonlocal ticks
            ticks += 1

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(10)
        errors: list[BaseException] = []
        seen: list[int] = []

        def call(_s):  # type: ignore[no-untyped-def]
            seen.append(ticks)
            try:
                return provider.generate("hello", Answer)
            finally:
                seen.append(ticks)

        runner.run(call, on_error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=10000)
        timer.stop()
        requests = fake.request_count
    assert isinstance(errors[0], AIError) and errors[0].kind == "timeout"
    # One budget for the call: the first attempt used it up, so no second request was sent.
    assert requests == 1
    # The GUI thread's timer kept firing while the call hung (ticks counted, no clock).
    assert seen[1] > seen[0]


def _click_when_shown(text: str) -> None:
    """Click the button labelled ``text`` on the next modal message box."""

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for button in box.findChildren(QPushButton):
                if button.text() == text:
                    button.click()
                    return
        QTimer.singleShot(20, attempt)

    QTimer.singleShot(20, attempt)


def test_damaged_database_offers_the_newest_backup(careerdesk_home: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app
    from careerdesk.core.kernel.errors import DatabaseCorruptError
    from careerdesk.ui.shell.app import handle_corrupt

    app = build_app()
    app.profiles.create("Ann")
    app.backup("daily")
    app.close(backup=False)
    paths = AppPaths.resolve()
    for suffix in ("-wal", "-shm"):
        Path(str(paths.db_path) + suffix).unlink(missing_ok=True)
    paths.db_path.write_bytes(b"not a database" * 100)
    try:
        build_app()
    except DatabaseCorruptError as exc:
        error = exc
    else:  # pragma: no cover - the file is garbage
        raise AssertionError("damaged database was opened")
    _click_when_shown("Restore newest backup")
    _click_when_shown("OK")
    assert handle_corrupt(error, paths) is True
    kept = list(paths.data_dir.glob("careerdesk.sqlite3.corrupt-*"))
    assert kept and kept[0].read_bytes() == b"not a database" * 100
    reopened = build_app()
    assert [p.name for p in reopened.profiles.list()] == ["Ann"]
    reopened.close(backup=False)


def test_declining_the_restore_leaves_the_file_alone(careerdesk_home: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.kernel.errors import DatabaseCorruptError
    from careerdesk.ui.shell.app import handle_corrupt

    paths = AppPaths.resolve()
    paths.ensure()
    paths.db_path.write_bytes(b"garbage" * 100)
    _click_when_shown("Quit")
    error = DatabaseCorruptError("damaged", path=str(paths.db_path))
    assert handle_corrupt(error, paths) is False
    assert paths.db_path.read_bytes() == b"garbage" * 100
