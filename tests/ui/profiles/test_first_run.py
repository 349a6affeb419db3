"""The guided first run: from an empty data folder to a first learning path (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from careerdesk.ui.profiles.first_run import NAME, PATH, ROLE, SKILLS, FirstRunWizard, free_name


def _empty_window(sqlite_app, qtbot):
    from careerdesk.ui.shell.app import open_start_profile
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    assert sqlite_app.profiles.list() == []  # an empty data folder
    ctx = UiContext(sqlite_app)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    open_start_profile(sqlite_app, ctx)  # what the start-up does once the data is open
    wizard = window.findChild(FirstRunWizard)
    assert wizard is not None
    qtbot.waitExposed(wizard)
    return ctx, window, wizard


def _visible_texts() -> list[str]:
    labels: dict[int, QLabel] = {}  # a dialog is also its window's child: count each once
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            labels.update({id(w): w for w in top.findChildren(QLabel) if w.isVisible()})
    return [w.text() for w in labels.values()]


def test_first_run_reaches_a_learning_path_in_at_most_six_actions(sqlite_app, qtbot) -> None:
    from careerdesk.core.learning.service import LearningService

    ctx, window, wizard = _empty_window(sqlite_app, qtbot)
    # One welcome, not three (the picker and Home no longer greet as well).
    assert sum("Welcome" in t for t in _visible_texts()) == 1
    assert wizard.current() == NAME
    qtbot.waitUntil(wizard.name_edit.hasFocus, timeout=3000)  # typing can start at once
    actions = 0

    QTest.keyClicks(wizard.name_edit, "Ada")  # 1: type the name
    actions += 1
    QTest.keyClick(wizard.name_edit, Qt.Key.Key_Return)  # 2: Enter = Next
    actions += 1
    qtbot.waitUntil(lambda: wizard.current() == ROLE, timeout=5000)
    qtbot.waitUntil(wizard.search.hasFocus, timeout=3000)

    QTest.keyClicks(wizard.search, "data analyst")  # 3: search the role by its plain title
    actions += 1
    visible = [
        wizard.role_list.item(i).text()
        for i in range(wizard.role_list.count())
        if not wizard.role_list.item(i).isHidden()
    ]
    assert "Data Analyst" in visible and "UX Designer" not in visible
    assert wizard.selected_role() == "data_analyst"  # the title match is picked first
    assert not any(ch.isdigit() for ch in " ".join(visible))  # no occupation codes
    QTest.keyClick(wizard.search, Qt.Key.Key_Return)  # 4: Enter takes the match
    actions += 1
    qtbot.waitUntil(lambda: wizard.current() == SKILLS, timeout=5000)
    assert "Data Analyst" in wizard.skills_heading.text()
    assert 0 < len(wizard.sliders) <= 8  # a quick rating: the role's main skills

    wizard.next_btn.click()  # 5: keep the sliders as they are
    actions += 1
    qtbot.waitUntil(lambda: wizard.current() == PATH and wizard.path is not None, timeout=15000)
    assert wizard.path_list.count() == len(wizard.path.items) > 0
    assert wizard.path_summary.text().startswith(f"{len(wizard.path.items)} items for Data Analyst")

    wizard.next_btn.click()  # 6: Finish
    actions += 1
    assert actions <= 6
    qtbot.waitUntil(lambda: ctx.profile_id is not None, timeout=3000)
    profile = ctx.profile()
    assert profile is not None and profile.name == "Ada"
    assert profile.target_role_ids == ["data_analyst"]
    stored = ctx.service(LearningService).current_path(profile.id)
    assert stored is not None and stored.role_id == "data_analyst"
    assert [i.content_id for i in stored.items] == [i.content_id for i in wizard.path.items]
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Home"
    ctx.runner.wait_idle(10)
    ctx.shutdown()


def test_every_step_can_be_skipped(sqlite_app, qtbot) -> None:
    ctx, _window, wizard = _empty_window(sqlite_app, qtbot)
    wizard.skip_btn.click()  # no name: a profile called "Me"
    qtbot.waitUntil(lambda: wizard.current() == ROLE, timeout=5000)
    wizard.skip_btn.click()  # no role: nothing to rate, no path yet
    assert wizard.current() == PATH
    assert wizard.path is None and wizard.path_list.count() == 0
    assert "Choose the job you are aiming for" in wizard.path_summary.text()
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: ctx.profile_id is not None, timeout=3000)
    profile = ctx.profile()
    assert profile is not None and profile.name == "Me" and profile.target_role_ids == []
    ctx.runner.wait_idle(10)
    ctx.shutdown()


def test_self_ratings_are_saved_and_the_quiz_option_opens_the_quiz(sqlite_app, qtbot) -> None:
    from careerdesk.core.skills.service import SkillProfileService

    ctx, window, wizard = _empty_window(sqlite_app, qtbot)
    wizard.name_edit.setText("Bo")
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: wizard.current() == ROLE, timeout=5000)
    wizard.search.setText("data")
    shown = [
        wizard.role_list.item(i).text()
        for i in range(wizard.role_list.count())
        if not wizard.role_list.item(i).isHidden()
    ]
    # Title matches first (A–Z), then roles that only mention data in their description.
    assert shown[:4] == [
        "Data Analyst",
        "Data Engineer",
        "Data Scientist",
        "Database Administrator",
    ]
    assert "Business Analyst" in shown[4:]
    assert wizard.selected_role() == "data_analyst"
    wizard.search.setText("security")
    assert wizard.selected_role() == "cybersecurity_analyst"
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: wizard.current() == SKILLS, timeout=5000)
    first = next(iter(wizard.sliders))
    wizard.sliders[first].setValue(60)
    assert wizard.chosen_ratings() == {first: 60.0}  # untouched sliders are not ratings
    wizard.quiz_btn.click()
    qtbot.waitUntil(lambda: wizard.path is not None, timeout=15000)
    assert wizard.path_summary.text().endswith("Press Finish to start your quiz.")
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: ctx.profile_id is not None, timeout=3000)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Assessments"
    # The quiz choice skipped the ratings: none saved.
    assert ctx.service(SkillProfileService).self_ratings(ctx.profile_id) == {}
    ctx.runner.wait_idle(10)
    ctx.shutdown()


def test_free_name() -> None:
    assert free_name("Me", set()) == "Me"
    assert free_name("Me", {"me"}) == "Me 2"
    assert free_name("Me", {"Me", "Me 2"}) == "Me 3"


def test_the_guide_and_home_name_every_control_and_work_from_the_keyboard(
    sqlite_app, qtbot
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget, QSlider

    from careerdesk.ui.home.next_steps import NextStepsCard
    from careerdesk.ui.insights.home_card import ReadinessCard
    from careerdesk.ui.learning.home_card import TargetRoleCard

    def unnamed(root) -> list[str]:  # type: ignore[no-untyped-def]
        kinds = (QAbstractButton, QSlider, QLineEdit, QListWidget)
        return [
            f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
            for w in root.findChildren(QWidget)
            if isinstance(w, kinds) and not w.accessibleName()
        ]

    ctx, window, wizard = _empty_window(sqlite_app, qtbot)
    wizard.name_edit.setText("Cy")
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: wizard.current() == ROLE, timeout=5000)
    wizard.search.setText("ux")
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: wizard.current() == SKILLS, timeout=5000)
    assert unnamed(wizard) == []
    # Every step's controls take the keyboard focus (Tab order reaches them).
    assert all(s.focusPolicy() & Qt.FocusPolicy.TabFocus for s in wizard.sliders.values())
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: wizard.path is not None, timeout=15000)
    wizard.next_btn.click()
    qtbot.waitUntil(lambda: ctx.profile_id is not None, timeout=3000)
    home = window.show_tab("home")
    ctx.runner.wait_idle(10)
    for card_type in (NextStepsCard, ReadinessCard, TargetRoleCard):
        card = home.findChild(card_type)
        assert card is not None and unnamed(card) == [], card_type.__name__
    assert unnamed(home.workflow) == [] and home.edit_btn.accessibleName() == "Edit profile"
    ctx.runner.wait_idle(10)
    ctx.shutdown()


def test_about_you_lives_in_the_profile_dialog(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.profiles.details_dialog import ProfileDetailsDialog

    ui_ctx.app.profiles.set_target_roles(ui_ctx.profile_id, ["data_analyst", "ux_designer"])
    dialog = ProfileDetailsDialog(ui_ctx, ui_ctx.profile_id)
    qtbot.addWidget(dialog)
    assert dialog.goal.text() == "Data Analyst (also considering UX Designer)"
    assert dialog.goal_btn.accessibleName() == "Change your goal"
