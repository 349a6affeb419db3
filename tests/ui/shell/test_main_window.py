"""Main window: tabs, menus, profile switching, geometry and last tab remembered, settings."""

from __future__ import annotations

from careerdesk.integrations.secrets import GEMINI_API_KEY


def test_window_shows_home_with_milestones(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert main_window.tab_titles()[0] == "Home"
    home = main_window.tab_widget("home")
    qtbot.waitUntil(lambda: bool(home.workflow.step_labels), timeout=3000)
    assert home.greeting.text() == "Hello, Tester"
    assert home.workflow.next_label.text() == "Next: Choose the job you are aiming for."
    assert "Tester" in main_window.windowTitle()
    # The system's own steps are gone: the learner's milestones instead, none reached yet.
    assert [label.text() for label in home.workflow.step_labels] == [
        "○  Chose a goal",
        "○  First quiz",
        "○  First path item done",
        "○  First application",
        "○  Gaps closed",
    ]


def test_milestones_follow_the_learner(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    home = main_window.tab_widget("home")
    ui_ctx.app.profiles.set_target_roles(ui_ctx.profile_id, ["data_analyst"])
    # The Home builds its cards one per event-loop turn: until the milestones card exists
    # there are no labels yet (a bare list would be an invalid waitUntil answer).
    qtbot.waitUntil(
        lambda: (
            bool(home.workflow.step_labels) and home.workflow.step_labels[0].text().startswith("✔")
        ),
        timeout=10000,
    )
    assert home.workflow.title.text() == "Your milestones · 1 of 5 reached"
    assert home.workflow.next_label.text() == "Next: Take a short quiz to see where you stand."
    # Profile facts moved to the profile dialog: Home has no "About you" any more.
    assert not hasattr(home, "detail_labels")


def test_menus_exist(main_window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in main_window.file_menu.actions()]
    for wanted in (
        "&New profile…",
        "&Switch profile…",
        "&Back up now",
        "&Restore from backup…",
        "Open &data folder",
        "&Quit",
    ):
        assert wanted in texts
    assert main_window.help_menu.actions()[0].text().startswith("&About")


def test_new_profile_starts_the_guide_and_opens_the_profile(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.profiles.first_run import FirstRunWizard

    main_window.new_profile()
    wizard = main_window.findChild(FirstRunWizard)
    assert wizard is not None and wizard.isVisible()
    assert not wizard.demo_btn.isVisible()  # the demo is offered at the very first start only
    wizard.name_edit.setText("Second")
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: wizard.profile_id is not None, timeout=5000)
    wizard.reject()  # close the guide after the first step: the profile is kept and opened
    qtbot.waitUntil(lambda: ui_ctx.profile().name == "Second", timeout=3000)
    assert "Second" in main_window.windowTitle()


def test_backup_now_runs_in_background(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.storage.backup import list_backups

    main_window.backup_now()
    qtbot.waitUntil(lambda: bool(list_backups(ui_ctx.app.paths.backup_dir)), timeout=5000)
    assert list_backups(ui_ctx.app.paths.backup_dir)[0].kind == "manual"


def test_geometry_and_last_tab_remembered(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.shell.main_window import MainWindow

    first = MainWindow(ui_ctx)
    qtbot.addWidget(first)
    first.resize(790, 560)
    first.show()
    qtbot.waitExposed(first)
    first.tabs.setCurrentIndex(first.tabs.count() - 1)
    saved_width = first.width()
    first.close()
    settings = ui_ctx.app.settings
    assert settings.window.geometry
    second = MainWindow(ui_ctx)
    qtbot.addWidget(second)
    assert second.width() == saved_width
    assert second.tabs.currentIndex() == second.tabs.count() - 1


def test_settings_dialog_stores_key_in_keyring(ui_ctx, memory_keyring, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(ui_ctx)
    qtbot.addWidget(dialog)
    page = dialog.pages.widget(0)
    page.key_edit.setText("AIzaTESTKEY-not-real-1234567890")
    page.save_key.click()
    assert ui_ctx.app.secrets.get(GEMINI_API_KEY) == "AIzaTESTKEY-not-real-1234567890"
    assert page.key_status.text() == "Saved"
    settings_file = ui_ctx.app.paths.settings_path
    dialog.done(0)
    assert "AIzaTESTKEY" not in settings_file.read_text()
    page.remove_key.click()
    assert ui_ctx.app.secrets.get(GEMINI_API_KEY) is None


def test_about_carries_onet_credit(qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.shell.about import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "O*NET" in dialog.credit_label.text() and "CC BY 4.0" in dialog.credit_label.text()


def test_settings_test_connection_reports_in_background(ui_ctx, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.settings.dialog import SettingsDialog
    from tests.fakes.gemini_server import FakeGemini

    with FakeGemini() as fake:
        monkeypatch.setenv("CAREERDESK_GEMINI_BASE_URL", fake.base_url)
        fake.fail(403, times=5)
        dialog = SettingsDialog(ui_ctx)
        qtbot.addWidget(dialog)
        page = dialog.pages.widget(0)
        page.key_edit.setText("AIza-wrong-key-000000000000000000000")
        page.save_key.click()
        assert page.test_btn.isEnabled()
        page.test_btn.click()
        assert page.test_result.text() == "Testing…"  # returned at once; the call runs elsewhere
        qtbot.waitUntil(lambda: page.test_result.text().startswith("✗"), timeout=10000)
        assert "key" in page.test_result.text().lower()
        assert "AIza-wrong-key" not in page.test_result.text()
