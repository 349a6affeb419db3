"""Issue 25: a kiosk that holds. No way out to the desktop (the four launch paths found in
the field), file choosers on rails, nothing carried from one learner to the next, profiles
that belong to someone, an advisor nobody can lock out. Outside kiosk mode the same
launches still work."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from careerdesk.core.kiosk.service import ADVISOR, LEAVE, KioskService
from careerdesk.ui.common import desktop, file_dialogs
from careerdesk.ui.common.kiosk_chooser import KioskChooser
from careerdesk.ui.kiosk.pin_pad import PinDialog
from tests.ui.kiosk.pins import ADVISOR_PIN, on_pin_dialog, type_pin

ROOT = Path(__file__).resolve().parents[3]


def close_dialogs() -> list[str]:
    """Close every visible dialog; return the titles (the refusals are non-blocking)."""
    titles = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (desktop.TakeAwayDialog, QMessageBox)) and widget.isVisible():
            titles.append(widget.windowTitle())
            widget.close()
    return titles


def refusals() -> list[desktop.TakeAwayDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, desktop.TakeAwayDialog) and w.isVisible()
    ]


# -- the four launch paths ----------
def _application_with_document(ctx, path: str):  # type: ignore[no-untyped-def]
    from careerdesk.core.pipeline.service import ApplicationService

    svc = ctx.service(ApplicationService)
    company = f"Company {len(svc.list(ctx.profile_id)) + 1}"  # never a duplicate
    app_row = svc.create(ctx.profile_id, {"company": company, "title": "Data Analyst"})
    svc.add_document(app_row.id, {"kind": "resume", "path": path, "version": "v1"})
    return svc.get(app_row.id)


def attach_and_open(ctx, qtbot, path: str) -> None:  # type: ignore[no-untyped-def]
    """Pipeline → application → People & files → (Attach… with ``path``) → Open."""
    from careerdesk.ui.pipeline.detail_lists import PeopleTab

    people = PeopleTab(ctx, lambda _cmd: None)
    qtbot.addWidget(people)
    people.show_detail(_application_with_document(ctx, path))
    people.documents.tree.setCurrentItem(people.documents.tree.topLevelItem(0))
    open_button = next(
        b
        for b in people.documents.findChildren(type(people.documents.buttons.itemAt(0).widget()))
        if b.text() == "Open"
    )
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)


def learning_open_in_browser(ctx, qtbot) -> str:  # type: ignore[no-untyped-def]
    """Learning → a path item → "Open in browser"."""
    from careerdesk.core.learning.service import LearningService
    from careerdesk.core.skills.service import SkillProfileService
    from careerdesk.ui.learning.tab import LearningTab

    pid = ctx.profile_id
    ctx.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    ctx.service(SkillProfileService).set_self_ratings(pid, {"sql": 20, "statistics": 20})
    path = ctx.service(LearningService).generate_path(pid)
    item = next(i for i in path.items if i.url)
    tab = LearningTab(ctx)
    qtbot.addWidget(tab)
    tab.open_item(item.content_id)
    ctx.runner.wait_idle(10)
    qtbot.wait(50)
    return str(item.url)


def player_open_in_browser(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Player → add a video link → "Open in browser"."""
    from careerdesk.core.player.library import ContentLibraryService
    from careerdesk.ui.player.tab import PlayerTab

    page = ctx.service(ContentLibraryService).add_url(
        ctx.profile_id, "https://www.youtube.com/watch?v=abc", "SQL talk"
    )
    tab = PlayerTab(ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.playlist.entry(page.content_id) is not None, timeout=5000)
    tab.open_item(page.content_id, autoplay=False)
    qtbot.waitUntil(lambda: tab.view.showing_message(), timeout=5000)
    qtbot.mouseClick(tab.view.message.buttons["open_browser"], Qt.MouseButton.LeftButton)


def follow_up_compose(ctx, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    """Follow-ups → "Compose email"."""
    from careerdesk.core.pipeline.intel.followup_service import FollowUpService
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.core.pipeline.states import State
    from careerdesk.ui.pipeline.followup_list import FollowUpList

    svc = ctx.service(ApplicationService)
    ctx.service(FollowUpService)
    a = svc.create(ctx.profile_id, {"company": "Acme", "title": "Analyst"})
    svc.move(a.id, State.APPLIED)
    svc.add_contact(a.id, {"name": "Jo", "email": "jo@acme.example"})
    clock.advance(days=5)
    widget = FollowUpList(ctx, upcoming=False)
    qtbot.addWidget(widget)
    for _ in range(3):
        ctx.runner.wait_idle(10)
        qtbot.wait(30)
    assert widget.tree.topLevelItemCount() == 1
    widget.compose()
    for _ in range(3):
        ctx.runner.wait_idle(10)
        qtbot.wait(30)


def test_kiosk_refuses_all_four_launch_paths(kiosk, qtbot, launches) -> None:  # type: ignore[no-untyped-def]
    session = kiosk.ctl.start_session(kiosk.ana.id, advisor=False)

    attach_and_open(session, qtbot, "/")
    assert [d.windowTitle() for d in refusals()] == ["Not on this kiosk"]
    close_dialogs()

    learning_open_in_browser(session, qtbot)
    shown = refusals()
    assert len(shown) == 1 and shown[0].qr_label is not None  # a QR code to take it away
    assert shown[0].text.toPlainText().startswith("http")
    close_dialogs()

    player_open_in_browser(session, qtbot)
    shown = refusals()
    assert [d.text.toPlainText() for d in shown] == ["https://www.youtube.com/watch?v=abc"]
    close_dialogs()

    kiosk.ctl.timer.stop()  # five days pass below: not an idle sign-out for this test
    follow_up_compose(session, qtbot, kiosk.clock)
    shown = refusals()
    assert len(shown) == 1 and shown[0].text.toPlainText().startswith("To: jo@acme.example")
    close_dialogs()

    # Links Qt would open by itself (a rich-text label) come to the gate as well.
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl("https://example.org/"))
    assert len(refusals()) == 1
    close_dialogs()
    assert launches == []  # nothing reached the desktop


def test_outside_kiosk_mode_the_same_launches_work(ui_ctx, qtbot, launches, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.kernel.clock import FixedClock

    clock = FixedClock()
    ui_ctx.app.clock = clock  # before any service is built: follow-ups fall due by it
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4")
    attach_and_open(ui_ctx, qtbot, str(cv))
    assert launches == [f"file://{cv}"]
    # The safe-documents rule: a folder or a program is shown as text, not opened.
    attach_and_open(ui_ctx, qtbot, "/")
    attach_and_open(ui_ctx, qtbot, "/usr/bin/env")
    attach_and_open(ui_ctx, qtbot, "\\\\host\\share\\cv.pdf")
    assert [d.windowTitle() for d in refusals()] == ["Open document"] * 3
    assert len(launches) == 1
    close_dialogs()

    url = learning_open_in_browser(ui_ctx, qtbot)
    assert launches[-1] == url
    player_open_in_browser(ui_ctx, qtbot)
    qtbot.waitUntil(lambda: launches[-1] == "https://www.youtube.com/watch?v=abc", timeout=5000)
    follow_up_compose(ui_ctx, qtbot, clock)
    assert launches[-1].startswith("mailto:jo@acme.example")
    assert refusals() == []


# -- file choosers on rails ----------
def on_chooser(action) -> None:  # type: ignore[no-untyped-def]
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, KioskChooser) and widget.isVisible():
            action(widget)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_kiosk_file_chooser_stays_in_the_learners_folder(kiosk, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    kiosk.ctl.start_session(kiosk.ana.id, advisor=False)
    paths = kiosk.app.paths
    mine = paths.learner_dir(kiosk.ana.id)
    (mine / "cv").mkdir(parents=True)
    (mine / "cv" / "ana-cv.pdf").write_bytes(b"%PDF")
    (mine / "notes.txt").write_text("mine")
    bens = paths.learner_dir(kiosk.ben.id)
    bens.mkdir(parents=True)
    (bens / "ben-secret.pdf").write_bytes(b"%PDF")
    (mine / "escape").symlink_to(paths.data_dir)  # a link out is not even listed
    seen: dict[str, object] = {}

    def explore(chooser: KioskChooser) -> None:
        seen["names"] = chooser.names()
        seen["context"] = chooser.listing.contextMenuPolicy()
        seen["edit"] = chooser.listing.editTriggers()
        seen["buttons"] = [b.text() for b in chooser.findChildren(type(chooser.up_button))]
        seen["up_at_root"] = chooser.up_button.isEnabled()
        seen["to_data"] = chooser.go_to(paths.data_dir)
        seen["to_ben"] = chooser.go_to(bens)
        seen["to_parent"] = chooser.go_to(mine / "..")
        seen["to_etc"] = chooser.go_to(Path("/etc"))
        seen["still"] = chooser.folder
        chooser.select("cv")
        chooser._activated(chooser.listing.currentItem())
        chooser.select("ana-cv.pdf")
        chooser.confirm()

    on_chooser(explore)
    chosen = file_dialogs.open_file(
        kiosk.window, "Choose the document you sent", purpose="documents"
    )
    assert chosen == (mine / "cv" / "ana-cv.pdf").resolve()
    assert seen["names"] == ["cv", "notes.txt"]
    assert seen["context"] == Qt.ContextMenuPolicy.NoContextMenu
    assert seen["edit"] == QAbstractItemViewNoEdit()
    buttons = " ".join(str(b) for b in seen["buttons"]).lower()  # type: ignore[attr-defined]
    for forbidden in ("delete", "rename", "new folder"):
        assert forbidden not in buttons
    assert seen["up_at_root"] is False
    assert seen["to_data"] is seen["to_ben"] is seen["to_parent"] is seen["to_etc"] is False
    assert seen["still"] == mine.resolve()

    # Saving: a typed path is refused; the file lands in the learner's folder.
    messages: list[str] = []

    def save(chooser: KioskChooser) -> None:
        chooser.name.setText("/etc/evil.png")
        chooser.confirm()
        messages.append(chooser.message.text())
        chooser.name.setText("../../x.png")
        chooser.confirm()
        messages.append(chooser.message.text())
        chooser.name.setText("my chart")
        chooser.confirm()

    on_chooser(save)
    target = file_dialogs.save_file(
        kiosk.window,
        "Export chart",
        purpose="chart-export",
        suggested="a.png",
        filter="PNG image (*.png)",
    )
    assert target == mine.resolve() / "my chart.png"  # each purpose keeps its own last folder
    assert all("cannot contain" in m for m in messages)


def QAbstractItemViewNoEdit():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractItemView

    return QAbstractItemView.EditTrigger.NoEditTriggers


# -- nothing carried over ----------
@pytest.mark.parametrize("how", ["finish", "idle"])
def test_clipboard_and_dialog_history_are_empty_for_the_next_learner(kiosk, qtbot, how) -> None:  # type: ignore[no-untyped-def]
    ctl, paths = kiosk.ctl, kiosk.app.paths
    ctl.start_session(kiosk.ana.id, advisor=False)
    (paths.learner_dir(kiosk.ana.id) / "jobs").mkdir(parents=True)
    QGuiApplication.clipboard().setText("Ana's private notes")

    def into_jobs(chooser: KioskChooser) -> None:
        chooser.go_to(paths.learner_dir(kiosk.ana.id) / "jobs")
        chooser.confirm()

    on_chooser(into_jobs)
    file_dialogs.choose_folder(kiosk.window, "Import folder", purpose="video-folder")
    assert file_dialogs.history(kiosk.app.settings, kiosk.ana.id)
    kiosk.window.show_tab("insights")
    if how == "finish":
        ctl.bar.finish_button.click()
    else:
        kiosk.clock.advance(minutes=6)
        ctl.check_idle()
    qtbot.waitUntil(lambda: ctl.session is None, timeout=5000)

    ctl.start_session(kiosk.ben.id, advisor=False)
    assert QGuiApplication.clipboard().text() == ""
    assert kiosk.window.tabs.currentIndex() == 0  # Home, not where Ana was
    assert file_dialogs.history(kiosk.app.settings, kiosk.ben.id) == []
    seen: dict[str, object] = {}

    def look(chooser: KioskChooser) -> None:
        seen["folder"], seen["recent"] = chooser.folder, chooser.recent
        chooser.reject()

    on_chooser(look)
    file_dialogs.choose_folder(kiosk.window, "Import folder", purpose="video-folder")
    assert seen == {"folder": paths.learner_dir(kiosk.ben.id).resolve(), "recent": []}


# -- profiles that belong to someone ----------
def test_a_pin_less_learner_cannot_be_opened(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctl = kiosk.ctl
    assert not kiosk.app.profiles.get(kiosk.ben.id).has_pin
    asked: list[str] = []
    on_pin_dialog(lambda d: (asked.append(d.windowTitle()), d.reject()))
    ctl.choose_learner(kiosk.ben.id)
    assert asked == ["Advisor needed"] and ctl.session is None
    on_pin_dialog(type_pin("000000"))  # a wrong advisor PIN: still nothing
    ctl.choose_learner(kiosk.ben.id)
    assert ctl.session is None

    # With the advisor present, Ben chooses a PIN and his profile opens.
    def ben_chooses(dialog: PinDialog) -> None:
        for _ in range(2):
            dialog.enter("5555")
            dialog.submit()

    on_pin_dialog(type_pin(ADVISOR_PIN, then=lambda d: None))
    on_pin_dialog(ben_chooses, new_pin=True)
    ctl.choose_learner(kiosk.ben.id)
    qtbot.waitUntil(lambda: ctl.session is not None, timeout=5000)
    assert kiosk.app.service(KioskService).check_learner_pin(kiosk.ben.id, "5555").ok


def test_a_look_alike_name_is_refused(kiosk, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctl = kiosk.ctl
    for look_alike in ("B\u0435n", "B\u200ben", "\uff22\uff25\uff2e"):
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, n=look_alike, **k: (n, True))
        ctl.new_learner()
        assert ctl.session is None
        assert ctl.last_message is not None and "looks the same" in ctl.last_message.text()
        assert ctl.last_message.textFormat() == Qt.TextFormat.PlainText
        ctl.last_message.close()
    assert sorted(p.name for p in kiosk.app.profiles.list()) == ["Ana", "Ben"]


def test_names_are_plain_text_in_the_pin_dialog(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    info = kiosk.app.service(KioskService).create_learner("<i>Max</i>", "4321")
    seen: list[object] = []
    on_pin_dialog(lambda d: (seen.append(d.prompt_label.textFormat()), d.reject()))
    kiosk.ctl.choose_learner(info.id)
    assert seen == [Qt.TextFormat.PlainText]


# -- the advisor cannot be locked out ----------
def test_the_advisor_signs_in_after_any_number_of_wrong_leave_attempts(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctl, service = kiosk.ctl, kiosk.app.service(KioskService)
    for _ in range(12):  # learners at Alt+F4, guessing
        stop_waiting = on_pin_dialog(type_pin("000000"))
        ctl.request_exit()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
        stop_waiting()  # the idle lock may have closed the pad first (the clock jumps)
        if not service.lockout(LEAVE).ok:
            kiosk.clock.advance(hours=2)  # they wait out every pause and go on
    assert kiosk.window.isVisible()
    assert service.lockout(ADVISOR).ok
    on_pin_dialog(type_pin(ADVISOR_PIN))
    ctl.advisor_sign_in()
    assert ctl.session is not None and ctl.session.advisor_unlocked


def test_enter_confirms_the_pin(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    results: list[bool] = []

    def press_enter(dialog: PinDialog) -> None:
        dialog.enter(ADVISOR_PIN)
        QTest.keyClick(dialog.entry, Qt.Key.Key_Return)

    on_pin_dialog(press_enter)
    results.append(kiosk.ctl.ask_advisor_pin("Advisor sign-in", "PIN", subject=ADVISOR))
    assert results == [True]


def test_first_start_shows_no_learner_before_the_advisor_pin(careerdesk_home, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app
    from careerdesk.ui.kiosk.controller import KioskController
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    app = build_app()
    app.profiles.create("Ana")
    root = UiContext(app, kiosk=True)
    window = MainWindow(root)
    seen: list[tuple[bool, bool]] = []
    controller_box: list[KioskController] = []

    def set_pin(dialog: PinDialog) -> None:
        picker = controller_box[0].picker
        seen.append((picker.scroll_area.isVisible(), picker.new_button.isVisible()))
        for _ in range(2):
            dialog.enter("246810")
            dialog.submit()

    on_pin_dialog(set_pin)
    controller = KioskController(root, window)
    controller_box.append(controller)
    controller.show_full_screen()
    qtbot.waitUntil(lambda: app.service(KioskService).advisor_pin_set(), timeout=5000)
    qtbot.waitUntil(lambda: controller.picker.new_button.isVisible(), timeout=5000)
    assert seen == [(False, False)]  # no learner tile, no "I'm new here" behind the set-up
    controller.guard.allow_close = True
    controller.stop()
    root.runner.wait_idle(5)
    window.close()
    window.deleteLater()
    root.shutdown()
    app.close(backup=False)


# -- one gate, one helper ----------
_DIALOG_CALLS = ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory")
ALLOWED = {
    "careerdesk/ui/common/desktop.py": "QDesktopServices",
    "careerdesk/ui/common/file_dialogs.py": "QFileDialog",
}


def offenders_in(root: Path) -> list[str]:
    """Every use of QDesktopServices / QFileDialog (import, name, openUrl or a static file
    dialog call) outside the one gate and the one helper."""
    offenders = []
    for path in sorted((root / "careerdesk").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Attribute) and node.attr in ("openUrl", *_DIALOG_CALLS):
                name = node.attr
            elif isinstance(node, ast.Name) and node.id in ("QFileDialog", "QDesktopServices"):
                name = node.id
            elif isinstance(node, ast.alias) and node.name in ("QFileDialog", "QDesktopServices"):
                name = node.name
            if name is None:
                continue
            owner = "QFileDialog" if "File" in name or "Directory" in name else "QDesktopServices"
            if ALLOWED.get(rel) != owner:
                offenders.append(f"{rel}:{getattr(node, 'lineno', '?')} {name}")
    return offenders


def test_only_the_gate_and_the_helper_reach_the_desktop_and_file_dialogs() -> None:
    assert offenders_in(ROOT) == []


def test_the_static_check_sees_offenders(tmp_path: Path) -> None:
    pkg = tmp_path / "careerdesk" / "ui" / "x"
    pkg.mkdir(parents=True)
    (pkg / "a.py").write_text("from PySide6.QtGui import QDesktopServices\n")
    (pkg / "b.py").write_text("def f(w, d):\n    return d.getSaveFileName(w)\n")
    (pkg / "c.py").write_text("def f(self, u):\n    self.desk.openUrl(u)\n")
    common = tmp_path / "careerdesk" / "ui" / "common"
    common.mkdir(parents=True)
    (common / "desktop.py").write_text("from PySide6.QtGui import QDesktopServices\n")
    (common / "file_dialogs.py").write_text("from x import QDesktopServices\n")  # wrong one
    assert offenders_in(tmp_path) == [
        "careerdesk/ui/common/file_dialogs.py:1 QDesktopServices",
        "careerdesk/ui/x/a.py:1 QDesktopServices",
        "careerdesk/ui/x/b.py:2 getSaveFileName",
        "careerdesk/ui/x/c.py:2 openUrl",
    ]
