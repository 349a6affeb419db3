"""Kiosk mode through the real window: no way out without the advisor PIN, learners see only
their own data, idle timeout, PIN rate limiting (injected clock)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from careerdesk.core.kiosk.service import KioskService
from careerdesk.ui.kiosk.pin_pad import PinDialog
from tests.ui.kiosk.pins import ADVISOR_PIN, ANA_PIN, on_pin_dialog, type_pin


def menu_actions(window: QWidget) -> list:  # type: ignore[type-arg]
    from careerdesk.ui.kiosk.guard import menu_actions as all_actions

    return all_actions(window.menuBar().actions())


def test_starts_full_screen_at_the_picker_without_menus(kiosk) -> None:  # type: ignore[no-untyped-def]
    assert kiosk.window.isFullScreen()
    assert kiosk.window.current_page() is kiosk.ctl.picker
    assert set(kiosk.ctl.picker.tiles) == {kiosk.ana.id, kiosk.ben.id}
    assert "(PIN)" in kiosk.ctl.picker.tiles[kiosk.ana.id].text()
    assert not kiosk.window.menuBar().isVisible()
    assert all(not a.isEnabled() for a in menu_actions(kiosk.window))


def test_a_shared_kiosk_never_syncs_a_google_calendar(kiosk) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.calendar.actions import CalendarAutoSync, install_calendar

    texts = [a.text() for a in kiosk.window.export_menu.actions()]
    assert texts.count("&Calendar (.ics)…") == 1  # learners can still export a file
    assert kiosk.window.findChild(CalendarAutoSync) is None
    assert install_calendar(kiosk.window, kiosk.root) is None


def test_cannot_close_without_the_advisor_pin(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = kiosk.window
    seen: list[str] = []
    on_pin_dialog(lambda d: (seen.append(d.windowTitle()), d.reject()))
    assert window.close() is False
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == ["Leave kiosk mode"]
    assert window.isVisible() and window.isFullScreen()

    # Alt+F4 as a key (no window manager) asks for the PIN too; a wrong PIN keeps it open.
    on_pin_dialog(type_pin("000000"))
    QTest.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
    assert window.isVisible()

    # Esc is swallowed: still full screen, still at the picker.
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible() and window.isFullScreen()

    # Un-fullscreen attempts are undone.
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen, timeout=3000)

    # With the PIN the kiosk really closes.
    on_pin_dialog(type_pin(ADVISOR_PIN))
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_learner_pin_required_and_only_own_data(kiosk, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctl, window = kiosk.ctl, kiosk.window
    on_pin_dialog(type_pin("9999"))
    ctl.choose_learner(kiosk.ana.id)
    assert ctl.session is None  # wrong PIN: nothing opened
    on_pin_dialog(type_pin(ANA_PIN))
    ctl.choose_learner(kiosk.ana.id)
    assert ctl.session is not None and ctl.session.profile_id == kiosk.ana.id
    assert window.current_page() is window.tabs
    assert "Advisor" not in window.tab_titles()
    assert kiosk.ctl.bar.who.text() == "Signed in: Ana"
    # No menus, no switching: the menu bar is hidden and dead, the switch actions refuse.
    assert not window.menuBar().isVisible()
    assert all(not a.isEnabled() for a in menu_actions(window))

    def no_dialog(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("a profile dialog was opened in a learner session")

    monkeypatch.setattr("careerdesk.ui.profiles.dialog.ProfilesDialog", no_dialog)
    monkeypatch.setattr("careerdesk.ui.profiles.dialog.create_profile_interactively", no_dialog)
    window.switch_profile()
    window.new_profile()
    QTest.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    # Nothing on screen names another learner.
    # (some widgets keep a label in an attribute named ``text``: only call real methods)
    texts = " ".join(
        w.text() for w in window.findChildren(QWidget) if callable(getattr(w, "text", None))
    )
    visible_texts = " ".join(
        w.text()
        for w in window.tabs.findChildren(QWidget)
        if callable(getattr(w, "text", None)) and w.isVisible()
    )
    assert "Ben" not in visible_texts
    assert "Ana" in texts
    assert ctl.session.profile_id == kiosk.ana.id


def test_idle_timeout_flushes_and_returns_to_the_picker(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctl, window, clock = kiosk.ctl, kiosk.window, kiosk.clock
    session = ctl.start_session(kiosk.ben.id, advisor=False)
    first_home = window.tab_widget("home")
    flushed: list[int] = []
    session.session_ending.connect(flushed.append)
    changed: list[int] = []
    session.profile_changed.connect(changed.append)
    clock.advance(minutes=4, seconds=35)
    ctl.check_idle()
    assert ctl.session is session
    assert "Signing out in 25 s" in ctl.bar.countdown.text()
    clock.advance(seconds=30)
    ctl.check_idle()
    assert flushed == [kiosk.ben.id]  # tabs were told to save first
    assert changed == [-1]  # then the profile was cleared (the player saves on this)
    assert window.current_page() is ctl.picker  # the next person sees the picker at once
    qtbot.waitUntil(lambda: ctl.session is None, timeout=5000)
    assert window.tabs.count() == 0
    assert kiosk.root.profile_id is None
    # The next learner gets freshly built tabs.
    ctl.start_session(kiosk.ben.id, advisor=False)
    assert window.tab_widget("home") is not first_home


def test_input_resets_the_idle_timer(kiosk) -> None:  # type: ignore[no-untyped-def]
    ctl, clock = kiosk.ctl, kiosk.clock
    ctl.start_session(kiosk.ben.id, advisor=False)
    clock.advance(minutes=4)
    QTest.mouseClick(kiosk.window.tabs, Qt.MouseButton.LeftButton)
    clock.advance(minutes=4)
    ctl.check_idle()
    assert ctl.session is not None
    kiosk.app.settings.kiosk.idle_minutes = 2  # the advisor shortened it
    clock.advance(minutes=1)
    ctl.check_idle()
    assert ctl.ending or ctl.session is None


def test_wrong_pins_are_rate_limited(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctl, clock = kiosk.ctl, kiosk.clock
    dialogs: list[PinDialog] = []

    def five_wrong(dialog: PinDialog) -> None:
        dialogs.append(dialog)

        def attempt(n: int) -> None:
            if n == 5:
                QTimer.singleShot(0, dialog.reject)
                return
            dialog.enter("0000")
            dialog.submit()

            def wait() -> None:
                if dialog._busy:
                    QTimer.singleShot(10, wait)
                else:
                    attempt(n + 1)

            wait()

        attempt(0)

    on_pin_dialog(five_wrong)
    ctl.choose_learner(kiosk.ana.id)
    dialog = dialogs[0]
    assert "Try again in 30 s" in dialog.message.text()
    assert not dialog.keypad.isEnabled()
    # Reopening does not help: the lockout is stored, the keypad stays off.
    states: list[tuple[bool, str]] = []
    on_pin_dialog(lambda d: (states.append((d.keypad.isEnabled(), d.message.text())), d.reject()))
    ctl.choose_learner(kiosk.ana.id)
    assert states[0][0] is False and "Try again in" in states[0][1]
    # Even the right PIN is refused while locked.
    assert not kiosk.app.service(KioskService).check_learner_pin(kiosk.ana.id, ANA_PIN).ok
    clock.advance(seconds=31)
    on_pin_dialog(type_pin(ANA_PIN))
    ctl.choose_learner(kiosk.ana.id)
    assert ctl.session is not None and ctl.session.profile_id == kiosk.ana.id


def test_advisor_unlock_shows_menus_and_locks_again(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctl, window = kiosk.ctl, kiosk.window
    on_pin_dialog(type_pin(ADVISOR_PIN))
    ctl.advisor_sign_in()
    assert ctl.session is not None and ctl.session.advisor_unlocked
    assert window.menuBar().isVisible()
    assert any(a.isEnabled() for a in menu_actions(window))
    assert ctl.bar.finish_button.text() == "Lock"
    # The advisor can switch learners from the menu; the session follows.
    kiosk.root.set_profile(kiosk.ana.id)
    assert ctl.session.profile_id == kiosk.ana.id
    assert "Ana" in ctl.bar.who.text()
    ctl.end_session("locked")
    qtbot.waitUntil(lambda: ctl.session is None, timeout=5000)
    assert not window.menuBar().isVisible()
    assert not kiosk.root.advisor_unlocked


def test_deleting_the_learner_elsewhere_ends_their_session(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctl = kiosk.ctl
    ctl.start_session(kiosk.ben.id, advisor=False)
    kiosk.app.profiles.delete(kiosk.ben.id)  # e.g. by the advisor at another kiosk
    qtbot.waitUntil(lambda: ctl.session is None, timeout=5000)
    assert set(ctl.picker.tiles) == {kiosk.ana.id}


def test_first_start_asks_for_the_advisor_pin(careerdesk_home, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app
    from careerdesk.ui.kiosk.controller import KioskController
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    app = build_app()
    root = UiContext(app, kiosk=True)
    window = MainWindow(root)

    def set_pin(dialog: PinDialog) -> None:
        assert not dialog.cancel_button.isVisible()  # mandatory
        dialog.enter("123")
        dialog.submit()
        assert "6 to 12 digits" in dialog.message.text()
        dialog.enter("246810")
        dialog.submit()
        dialog.enter("246811")
        dialog.submit()
        assert "differ" in dialog.message.text()
        for _ in range(2):
            dialog.enter("246810")
            dialog.submit()

    on_pin_dialog(set_pin)
    controller = KioskController(root, window)
    controller.show_full_screen()
    qtbot.waitUntil(lambda: app.service(KioskService).advisor_pin_set(), timeout=5000)
    assert app.service(KioskService).check_advisor_pin("246810").ok
    controller.guard.allow_close = True
    controller.stop()
    root.runner.wait_idle(5)
    window.close()
    window.deleteLater()
    root.shutdown()
    app.close(backup=False)


def test_idle_timeout_keeps_an_open_quiz_resumable(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.assessments.models import QuizSetup
    from careerdesk.core.assessments.service import AssessmentService

    ctl, clock = kiosk.ctl, kiosk.clock
    session = ctl.start_session(kiosk.ben.id, advisor=False)
    quizzes = session.service(AssessmentService)
    quiz = quizzes.start(kiosk.ben.id, QuizSetup(skills=["sql"], length=5))
    # Answers are saved as they are given (that is what makes a quiz resumable).
    quizzes.answer(quiz.id, 0, 2, current_index=1, elapsed_s=40)
    quizzes.answer(quiz.id, 1, 0, current_index=2, elapsed_s=75)
    clock.advance(minutes=6)
    ctl.check_idle()
    qtbot.waitUntil(lambda: ctl.session is None, timeout=5000)
    # Ben comes back: the quiz is still open where he left it.
    again = ctl.start_session(kiosk.ben.id, advisor=False)
    resumed = again.service(AssessmentService).unfinished(kiosk.ben.id)
    assert resumed is not None and resumed.id == quiz.id
    assert [q.chosen for q in resumed.questions[:3]] == [2, 0, None]
    assert resumed.current_index == 2


def test_advisor_changes_idle_timeout_and_pin_in_settings(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.settings.pages.kiosk import KioskPage

    page = KioskPage(kiosk.root)
    qtbot.addWidget(page)
    page.idle.setValue(2.5)
    assert kiosk.app.settings.kiosk.idle_minutes == 2.5
    page.enabled.setChecked(True)
    assert kiosk.app.settings.kiosk.enabled

    def current(dialog: PinDialog) -> None:
        on_pin_dialog(new_twice, new_pin=True)
        type_pin(ADVISOR_PIN)(dialog)

    def new_twice(dialog: PinDialog) -> None:
        for _ in range(2):
            dialog.enter("135790")
            dialog.submit()

    on_pin_dialog(current)
    page.change_advisor_pin()
    kiosk.root.runner.wait_idle(5)
    service = kiosk.app.service(KioskService)
    assert service.check_advisor_pin("135790").ok
    assert not service.check_advisor_pin(ADVISOR_PIN).ok


def test_new_learner_and_abandoned_pin_pad(kiosk, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    ctl, clock = kiosk.ctl, kiosk.clock
    # A PIN pad left open at the picker closes itself after the idle timeout.
    closed: list[bool] = []

    def walk_away(dialog: PinDialog) -> None:
        clock.advance(minutes=6)
        ctl.check_idle()
        closed.append(not dialog.isVisible())

    on_pin_dialog(walk_away)
    ctl.choose_learner(kiosk.ana.id)
    assert closed == [True] and ctl.session is None
    # "I'm new here" creates the profile with its PIN (required by default) and opens it.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Zoe", True))

    def new_twice(dialog: PinDialog) -> None:
        for _ in range(2):
            dialog.enter("2468")
            dialog.submit()

    on_pin_dialog(new_twice, new_pin=True)
    ctl.new_learner()
    qtbot.waitUntil(lambda: ctl.session is not None, timeout=5000)
    assert kiosk.app.service(KioskService).check_learner_pin(ctl.session.profile_id, "2468").ok
    assert kiosk.app.profiles.get(ctl.session.profile_id).name == "Zoe"
    assert "Advisor" not in kiosk.window.tab_titles()


def test_a_stopped_kiosk_no_longer_watches_or_ticks(kiosk) -> None:  # type: ignore[no-untyped-def]
    # A controller left ticking would, once idle, close every other window in the process.
    ctl, clock = kiosk.ctl, kiosk.clock
    assert ctl.timer.isActive()
    ctl.stop()
    assert not ctl.timer.isActive()
    clock.advance(minutes=30)
    assert ctl.idle is not None and ctl.idle.is_idle()
    QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton)  # no longer seen as activity
    assert ctl.idle.is_idle()
