"""The main window: tabs, menus and status bar. No domain logic lives here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk import APP_NAME
from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.profiles.events import ProfileDeleted, ProfileUpdated
from careerdesk.ui.common import plain_text, scope, theme
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.tabs import TabHeader, tab_headers
from careerdesk.ui.shell.turns import Step, in_turns

log = logging.getLogger(__name__)

# The desktop gate and the file-dialog helper import the settings model (pydantic), so they
# are imported where they are used, not before the window's first paint (docs/performance.md).


class _LazyTab(QWidget):
    """Holds a tab's real widget, built (its module imported) the first time it is shown.

    The Home tab of a returning learner starts with a preview of the Home as last shown
    (:mod:`careerdesk.ui.home.preview`): it stays in front of the real Home until that has
    shown its own data (``ctx.screen_ready("home")``), so the learner never sees an empty
    Home in between.
    """

    # If the live Home never reports (an error while loading), it takes over anyway.
    PREVIEW_LIMIT_MS = 15_000

    def __init__(self, header: TabHeader, ctx: UiContext, preview: QWidget | None = None) -> None:
        super().__init__()
        self.header = header
        self.ctx = ctx
        self.content: QWidget | None = None
        self.preview: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        if preview is not None:
            self.preview = preview
            self._layout.addWidget(preview)

    def take_preview(self) -> QWidget | None:
        """Detach the preview (to move it into the rebuilt tab)."""
        preview, self.preview = self.preview, None
        if preview is not None:
            self._layout.removeWidget(preview)
            preview.setParent(None)
        return preview

    def ensure_built(self) -> QWidget:
        if self.content is None:
            self.content = self.header.spec().factory(self.ctx)
            self._layout.addWidget(self.content)
            if self.preview is not None:
                self.content.hide()
                self.ctx.screen_ready.connect(self._ready)
                QTimer.singleShot(self.PREVIEW_LIMIT_MS, self._reveal)
        return self.content

    def _ready(self, key: str) -> None:
        if key == self.header.key:
            self._reveal()

    def _reveal(self) -> None:
        if self.preview is None or self.content is None:
            return
        self.content.show()
        self.preview.hide()
        self.preview.deleteLater()
        self.preview = None


class MainWindow(QMainWindow):
    """Paints at once; tabs appear when the context is attached to the open database."""

    # The tabs, menus and status bar are wired to the open database (after ``attached``).
    populated = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.window = self
        scope.bind(ctx)  # the desktop gate and file dialogs ask it who is at the window
        self.destroyed.connect(lambda *_: scope.unbind(ctx))
        plain_text.install()  # message boxes never render names as rich text
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(760, 520)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._loading = QLabel("Opening your data…")
        self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedWidget()
        self._stack.addWidget(self._loading)
        self._stack.addWidget(self.tabs)
        self.setCentralWidget(self._stack)
        self._headers: list[TabHeader] = []
        self._tab_actions: list[QAction] = []
        self._home_preview: QWidget | None = None
        self._home_shown = False  # the live Home has shown its own data at least once
        # Start-up sets this: the window is then wired to the database one step per
        # event-loop turn, so the GUI thread never stalls on it (docs/performance.md).
        self.populate_in_turns = False
        self._build_menus()
        self._build_status_bar()
        ctx.status_message.connect(self._show_status)
        self._restore_geometry()
        if ctx.ready:
            self._populate()
        else:
            self.file_menu.setEnabled(False)
            ctx.attached.connect(self._attached)

    def _attached(self) -> None:
        if self.populate_in_turns:
            in_turns(self._populate_steps(), on_done=self._populated_in_turns)
        else:
            self._populate()

    def _populated_in_turns(self) -> None:
        self.populate_in_turns = False  # later rebuilds (theme, advisor tools) build at once
        self.populated.emit()

    def _populate(self) -> None:
        """Build the tabs and wire everything that needs the database."""
        for step in self._populate_steps():
            step()
        self.populated.emit()

    def _populate_steps(self) -> list[Step]:
        """What :meth:`_populate` does, as steps that may each run in a turn of their own:
        the tab list, the tab in front (the Home), each tab's menu actions, the rest."""
        ctx = self.ctx
        steps: list[Step] = []
        if not ctx.kiosk:
            # In kiosk mode the kiosk controller builds the tabs per learner session.
            steps += [lambda: self.rebuild_tabs(ctx, build_current=False), self._build_current]
        for header in tab_headers():
            if header.has_actions:
                steps.append(partial(self._install_actions, header))
        steps.append(self._finish_populate)
        return steps

    def _build_current(self) -> list[Step]:
        """Build the tab in front; returns what it left to build in later turns (the Home's
        cards at start-up, ``HomeTab.deferred``), so the window is shown only once that ran."""
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._on_tab_changed(self.tabs.currentIndex())
        lazy = self.tabs.currentWidget()
        content = lazy.content if isinstance(lazy, _LazyTab) else None
        steps: list[Step] = list(getattr(content, "deferred", None) or [])
        if steps and content is not None:
            content.deferred = []  # type: ignore[attr-defined]  # taken: the tab runs none itself
        return steps

    def _install_actions(self, header: TabHeader) -> None:
        install = header.spec().install_actions
        if install is not None:
            install(self, self.ctx)

    def _finish_populate(self) -> None:
        ctx = self.ctx
        for menu in (self.import_menu, self.export_menu):
            menu.menuAction().setVisible(not menu.isEmpty())
        self.file_menu.setEnabled(True)
        if ctx.kiosk:
            self.tabs.currentChanged.connect(self._on_tab_changed)
        ctx.screen_ready.connect(self._note_screen_ready)
        ctx.profile_changed.connect(lambda _pid: self._refresh_profile_label())
        theme.changed().connect(self._theme_changed)
        ctx.events.domain_event.connect(self._on_event)
        if not ctx.kiosk:
            self._stack.setCurrentWidget(self.tabs)
        self._refresh_profile_label()
        # Reading the key detects the keyring's backend (every installed package's metadata,
        # possibly a subprocess): not first-screen information, so after the first screen.
        ctx.after_first_screen(self.refresh_ai_label)

    def show_home_preview(self, preview: QWidget) -> None:
        """Before the database is open: the tabs as they will be, with ``preview`` (the Home
        as last shown) in the Home tab. Nothing is built or clickable into until attach."""
        self._home_preview = preview
        self.tabs.blockSignals(True)
        for header in tab_headers():
            # Advisor tools depend on settings not read yet: they appear at attach if on.
            if not header.advisor_only:
                lazy = _LazyTab(header, self.ctx, preview if header.key == "home" else None)
                self.tabs.addTab(lazy, header.title)
                if header.key == "home":
                    self.tabs.setCurrentWidget(lazy)
        self.tabs.blockSignals(False)
        self._stack.setCurrentWidget(self.tabs)

    def rebuild_tabs(self, tab_ctx: UiContext, *, build_current: bool = True) -> None:
        """(Re)create every tab for ``tab_ctx``; advisor-only tabs only when it is unlocked.

        Kiosk mode calls this with a fresh context per learner session, so nothing a
        learner typed or opened survives into the next session. ``build_current=False``
        leaves building the tab in front to the caller (start-up does it in a turn of its
        own).
        """
        advisor = self.advisor_tools_shown(tab_ctx)
        headers = [h for h in tab_headers() if not h.advisor_only or advisor]
        if not self._adopt_early_tabs(tab_ctx, headers):
            preview = self._take_home_preview()
            self.clear_tabs()
            self.tabs.blockSignals(True)
            for header in headers:
                self.tabs.addTab(
                    _LazyTab(header, tab_ctx, preview if header.key == "home" else None),
                    header.title,
                )
            self.tabs.blockSignals(False)
        self._headers = headers
        for i, header in enumerate(self._headers[:9]):
            action = self._action(
                header.title, lambda _c=False, k=header.key: self.show_tab(k), f"Ctrl+{i + 1}"
            )
            self.view_menu.addAction(action)
            self._tab_actions.append(action)
        if self.ctx.kiosk:
            self.tabs.setCurrentIndex(
                0
            )  # every kiosk session starts at Home, not where the last learner was
        else:
            self._restore_last_tab()
        if build_current:
            self._on_tab_changed(self.tabs.currentIndex())

    def _adopt_early_tabs(self, tab_ctx: UiContext, headers: list[TabHeader]) -> bool:
        """At start-up, keep the tabs laid out around the Home as last shown (adding the
        advisor tools if they are on) rather than building them again: moving the preview
        to a new tab re-parents every widget in it, a stall the learner would feel.
        False when there are no such tabs (every later rebuild starts afresh)."""
        if self._home_preview is None or tab_ctx is not self.ctx:
            return False
        self._home_preview = None  # once: a later rebuild starts without the preview
        early = [self.tabs.widget(i) for i in range(self.tabs.count())]
        keep = {w.header: w for w in early if isinstance(w, _LazyTab)}
        self.tabs.blockSignals(True)
        for index, header in enumerate(headers):
            lazy = keep.pop(header, None)
            if lazy is None:
                self.tabs.insertTab(index, _LazyTab(header, tab_ctx), header.title)
        for lazy in keep.values():  # a tab no longer listed (none today)
            self.tabs.removeTab(self.tabs.indexOf(lazy))
            lazy.deleteLater()
        self.tabs.blockSignals(False)
        return True

    def _take_home_preview(self) -> QWidget | None:
        """The start-up preview, detached from the early Home tab (once: later rebuilds —
        a profile switch, a kiosk session — start without it)."""
        preview, self._home_preview = self._home_preview, None
        if preview is None:
            return None
        for i in range(self.tabs.count()):
            lazy = self.tabs.widget(i)
            if isinstance(lazy, _LazyTab) and lazy.preview is preview:
                return lazy.take_preview()
        return None

    def _note_screen_ready(self, key: str) -> None:
        if key == "home":
            self._home_shown = True

    def home_capture(self) -> dict[str, object] | None:
        """What the live Home shows now (for the next start's preview), or None when the
        Home was not built or has not shown its own data yet."""
        from careerdesk.ui.home.preview import capture

        if not self._home_shown:
            return None
        for i in range(self.tabs.count()):
            lazy = self.tabs.widget(i)
            if (
                isinstance(lazy, _LazyTab)
                and lazy.header.key == "home"
                and lazy.content is not None
                and lazy.preview is None
            ):
                return capture(lazy.content)
        return None

    def advisor_tools_shown(self, tab_ctx: UiContext) -> bool:
        """Advisor-only tabs: in a kiosk once the advisor signs in; elsewhere only when
        turned on in Settings — a lone job seeker never sees a cohort view flagging them."""
        if self.ctx.kiosk:
            return tab_ctx.advisor_unlocked
        return tab_ctx.settings.advisor.show_tools

    def clear_tabs(self) -> None:
        """Remove and delete every tab widget (and the View menu's tab entries)."""
        self.tabs.blockSignals(True)
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self.tabs.blockSignals(False)
        for action in self._tab_actions:
            self.view_menu.removeAction(action)
            action.deleteLater()
        self._tab_actions = []
        self._headers = []

    def add_page(self, page: QWidget) -> None:
        """Add a full-window page (kiosk: the learner picker) next to the tabs."""
        self._stack.addWidget(page)

    def show_page(self, page: QWidget | None = None) -> None:
        """Show ``page`` (added with ``add_page``), or the tabs when None."""
        self._stack.setCurrentWidget(page if page is not None else self.tabs)

    def current_page(self) -> QWidget | None:
        return self._stack.currentWidget()

    # -- tabs ------------------------------------------------------------------------------
    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def tab_widget(self, key: str) -> QWidget:
        """The built widget of tab ``key`` (building it if needed)."""
        for i in range(self.tabs.count()):
            lazy = self.tabs.widget(i)
            if isinstance(lazy, _LazyTab) and lazy.header.key == key:
                return lazy.ensure_built()
        raise KeyError(key)

    def show_tab(self, key: str) -> QWidget:
        for i in range(self.tabs.count()):
            lazy = self.tabs.widget(i)
            if isinstance(lazy, _LazyTab) and lazy.header.key == key:
                self.tabs.setCurrentIndex(i)
                return lazy.ensure_built()
        raise KeyError(key)

    def _theme_changed(self, _palette: object) -> None:
        """Light/dark switched: rebuild the tabs, so text drawn with theme colours (rich
        text, painted cards) is redrawn in the new ones; the same tab stays in front.
        Palette and style-sheet colours have switched already. (A kiosk rebuilds its tabs
        per learner session anyway.)"""
        if self.ctx.kiosk or not self.ctx.ready:
            return
        current = self.tabs.currentWidget()
        key = current.header.key if isinstance(current, _LazyTab) else None
        self.rebuild_tabs(self.ctx)
        if key is not None:
            self.show_tab(key)

    def _on_tab_changed(self, index: int) -> None:
        lazy = self.tabs.widget(index)
        if isinstance(lazy, _LazyTab):
            lazy.ensure_built()
            if not self.ctx.kiosk:  # a kiosk never carries a learner's last tab over
                self.ctx.settings.window.last_tab = lazy.header.key

    # -- menus -----------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu("&File")
        file_menu.addAction(
            self._action("&New profile…", self.new_profile, QKeySequence.StandardKey.New)
        )
        file_menu.addAction(self._action("&Switch profile…", self.switch_profile, "Ctrl+Shift+P"))
        file_menu.addSeparator()
        self.import_menu = QMenu("&Import", self)
        self.export_menu = QMenu("&Export", self)
        file_menu.addMenu(self.import_menu)
        file_menu.addMenu(self.export_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Back up now", self.backup_now, "Ctrl+Shift+B"))
        file_menu.addAction(self._action("&Restore from backup…", self.restore_backup))
        file_menu.addAction(self._action("Open &data folder", self.open_data_folder))
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("Se&ttings…", self.open_settings, QKeySequence.StandardKey.Preferences)
        )
        if not (QKeySequence(QKeySequence.StandardKey.Preferences).toString()):
            file_menu.actions()[-1].setShortcut(QKeySequence("Ctrl+,"))
        file_menu.addSeparator()
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(quit_action)

        self.view_menu = bar.addMenu("&View")

        self.help_menu = help_menu = bar.addMenu("&Help")
        about = self._action(f"&About {APP_NAME}", self.open_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)
        help_menu.addAction(self._action("Open &log folder", self.open_log_folder))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self._profile_label = QLabel()
        self._profile_label.setTextFormat(Qt.TextFormat.PlainText)  # a learner's own name
        self._ai_label = QLabel()
        bar.addPermanentWidget(self._ai_label)
        bar.addPermanentWidget(self._profile_label)

    def refresh_ai_label(self) -> None:
        """Show whether Gemini is set up. Reading the key touches the OS keyring (possibly
        slow, e.g. over D-Bus), so it happens in the background."""
        app = self.ctx.app
        self.ctx.runner.run(
            lambda _s: app.ai.available(), name="ai-status", on_success=self._show_ai
        )

    def _show_ai(self, available: bool) -> None:
        self._ai_label.setText("AI: Gemini" if available else "AI: offline")
        self._ai_label.setToolTip(
            "Gemini is used where it helps; everything also works offline."
            if available
            else "No Gemini key set: CareerDesk uses its offline engines (Settings to add one)."
        )

    def _refresh_profile_label(self) -> None:
        profile = self.ctx.profile()
        name = profile.name if profile else "no profile"
        self._profile_label.setText(f"Profile: {name}")
        self.setWindowTitle(f"{APP_NAME} — {name}" if profile else APP_NAME)

    def _show_status(self, text: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, ProfileUpdated | DataRestored):
            self._refresh_profile_label()
        if isinstance(event, ProfileDeleted) and event.profile_id is not None:
            from careerdesk.ui.common import file_dialogs

            file_dialogs.forget_profile(self.ctx.settings, event.profile_id)  # their folders
        if isinstance(event, ProfileDeleted) and event.profile_id == self.ctx.profile_id:
            self.ctx.set_profile(None)
            self.switch_profile()

    # -- actions ---------------------------------------------------------------------------
    def _learner_locked(self) -> bool:
        """Kiosk with a learner at the keyboard: no profile switching of any kind."""
        return self.ctx.kiosk and not self.ctx.advisor_unlocked

    def new_profile(self) -> None:
        if self._learner_locked():
            return
        from careerdesk.ui.profiles.first_run import start_first_run

        # The same guided set-up as the first start (name, goal, skills, first path); the
        # new profile opens as soon as it closes.
        start_first_run(self.ctx, self, first_start=False)

    def switch_profile(self) -> None:
        if self._learner_locked():
            return
        from careerdesk.ui.profiles.dialog import ProfilesDialog

        dialog = ProfilesDialog(self.ctx, self)
        if dialog.exec() and dialog.selected_id is not None:
            self.ctx.set_profile(dialog.selected_id)

    def backup_now(self) -> None:
        app = self.ctx.app
        self.ctx.status("Backing up…", 0)
        self.ctx.runner.run(
            lambda _s: app.backup("manual"),
            name="backup",
            write=True,
            on_success=lambda path: self.ctx.status(f"Backup saved: {path}", 8000),
        )

    def restore_backup(self) -> None:
        app = self.ctx.app
        from careerdesk.ui.common import file_dialogs

        found = file_dialogs.open_file(
            self,
            "Restore from backup",
            purpose="restore",
            filter="CareerDesk backups (*.sqlite3)",
            start=app.paths.backup_dir,
        )
        if found is None:
            return
        path = str(found)
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Replace all current data with the backup\n{path}?\n\n"
            "Your current data is saved as a backup first, so this can be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run_restore(Path(path), allow_unverified=False)

    def _run_restore(self, path: Path, *, allow_unverified: bool) -> None:
        from careerdesk.core.storage import restore
        from careerdesk.core.storage.backup_verify import UnverifiedBackupError
        from careerdesk.ui.shell.restore_watch import reload_after_restore, restore_watcher

        app = self.ctx.app
        watcher = restore_watcher(self.ctx)
        watcher.pause()
        self.ctx.status("Restoring… (waiting for other CareerDesk windows to finish writing)", 0)

        def work(_s: object) -> tuple[Path, str | None]:
            safety = restore.restore_database(
                app.db, path, app.paths.backup_dir, allow_unverified=allow_unverified
            )
            return safety, restore.restore_generation(app.db)

        def done(result: tuple[Path, str | None]) -> None:
            safety, generation = result
            watcher.resume(generation)
            reload_after_restore(self.ctx)
            self.ctx.status(f"Restored. Previous data saved as {safety.name}", 10000)

        def failed(exc: BaseException) -> None:
            watcher.unpause()
            self.ctx.status("Nothing was restored.", 5000)
            if isinstance(exc, UnverifiedBackupError):
                answer = QMessageBox.question(
                    self,
                    "Restore from backup",
                    f"{exc.message}\n\nRestore it anyway?",
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self._run_restore(path, allow_unverified=True)
                return
            self.ctx.report(exc)

        self.ctx.runner.run(work, name="restore", write=True, on_success=done, on_error=failed)

    def open_data_folder(self) -> None:
        from careerdesk.ui.common import desktop

        desktop.open_folder(self.ctx.app.paths.data_dir, self)

    def open_log_folder(self) -> None:
        from careerdesk.ui.common import desktop

        desktop.open_folder(self.ctx.app.paths.log_dir, self)

    def open_settings(self) -> None:
        from careerdesk.ui.settings.dialog import SettingsDialog

        advisor_before = self.advisor_tools_shown(self.ctx)
        SettingsDialog(self.ctx, self).exec()
        self.refresh_ai_label()
        if not self.ctx.kiosk and self.advisor_tools_shown(self.ctx) != advisor_before:
            self.rebuild_tabs(self.ctx)  # "Show advisor tools" was switched

    def open_about(self) -> None:
        from careerdesk.ui.shell.about import AboutDialog

        AboutDialog(self).exec()

    # -- geometry --------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if self.ctx.ready:
            geometry, state = self.ctx.settings.window.geometry, self.ctx.settings.window.state
        else:
            geometry, state = self.ctx.early_window_state
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        else:
            self.resize(1180, 780)
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode()))

    def _restore_last_tab(self) -> None:
        w = self.ctx.settings.window
        if w.last_tab:
            for i in range(self.tabs.count()):
                lazy = self.tabs.widget(i)
                if isinstance(lazy, _LazyTab) and lazy.header.key == w.last_tab:
                    self.tabs.setCurrentIndex(i)

    def save_geometry(self) -> None:
        if not self.ctx.ready:
            return  # the database never opened: nothing to save into
        w = self.ctx.settings.window
        w.geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        w.state = bytes(self.saveState().toBase64().data()).decode()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ctx.kiosk:  # a full-screen kiosk geometry is no use to a normal start
            self.save_geometry()
        event.accept()
