"""The Pipeline tab: empty state, new application with the duplicate warning, delete with
confirmation, shortcuts, File → Import/Export with preview, mapping and progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from careerdesk.core.pipeline.states import State
from careerdesk.ui.pipeline import transfer as transfer_ui
from careerdesk.ui.pipeline.new_dialog import NewApplicationDialog
from tests.core.pipeline.test_transfer import BAD_LINES, MESSY


def test_empty_state_tells_what_to_do(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.pipeline.pipeline_widget import PipelineTab

    tab = PipelineTab(ui_ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.store.loaded)
    assert tab.pages.currentWidget() is tab.empty
    assert "No applications yet" in tab.empty.text() and "Import" in tab.empty.text()


def test_new_application_dialog_warns_about_duplicates(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = NewApplicationDialog(svc, ui_ctx.profile_id, tab)
    qtbot.addWidget(dialog)
    dialog.company.setText("ACME")
    dialog.title_edit.setText("data analyst")
    dialog._check_duplicates()
    assert dialog.warning.isVisibleTo(dialog)
    assert "Acme — Data Analyst: already applied on" in dialog.warning.text()
    assert dialog.ok_button.text() == "Save anyway" and dialog.allow_duplicate
    dialog.title_edit.setText("Data Engineer")
    dialog._check_duplicates()
    assert not dialog.warning.isVisibleTo(dialog) and dialog.ok_button.text() == "Save"


def test_saving_a_duplicate_deliberately(tab, svc, apps, ui_ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def fake_exec(self) -> bool:  # type: ignore[no-untyped-def]
        self.company.setText("Acme")
        self.title_edit.setText("Data Analyst")
        self.widgets["salary_min"].setText("40k")
        self.accept()
        return True

    monkeypatch.setattr(NewApplicationDialog, "exec", fake_exec)
    tab.new_application()
    ui_ctx.runner.wait_idle(5)
    rows = [r for r in svc.list(ui_ctx.profile_id) if r.company == "Acme"]
    assert len(rows) == 2 and {r.salary_min for r in rows} == {None, 40_000}
    qtbot.waitUntil(lambda: tab.detail.isVisible())


def test_delete_asks_first(tab, svc, apps, ui_ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def fake_warning(parent, title, text, *a, **k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    tab.show_view("table")
    tab.table.select(apps["initech"])
    tab.delete_current()
    ui_ctx.runner.wait_idle(5)
    assert len(svc.list(ui_ctx.profile_id)) == 3
    tab.delete_current()
    ui_ctx.runner.wait_idle(5)
    assert len(svc.list(ui_ctx.profile_id)) == 2
    assert "Initech — Analyst" in asked[0] and "cannot be undone" in asked[0]
    qtbot.waitUntil(lambda: tab.model.total == 2)


def test_keyboard_shortcuts(tab, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shortcuts = {a.shortcut().toString() for a in tab.actions() + tab.views.actions()}
    assert {"Ctrl+F", "Ctrl+Shift+N", "Del"} <= shortcuts
    tab.activateWindow()
    qtbot.waitActive(tab)
    tab.board.column_for(State.SAVED).list.setFocus()
    qtbot.keyClick(
        tab.board.column_for(State.SAVED).list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: tab.search.hasFocus())
    opened: list[bool] = []
    monkeypatch.setattr(NewApplicationDialog, "exec", lambda self: opened.append(True) or False)
    qtbot.keyClick(
        tab.search,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert opened


def test_import_with_preview_all_or_nothing_then_skip_invalid(
    tab, svc, ui_ctx, qtbot, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "messy.csv"
    path.write_bytes(MESSY.encode("utf-8"))
    reports: list[tuple[str, str]] = []
    skip = {"value": False}
    previews: list[transfer_ui.ImportDialog] = []

    def fake_exec(self) -> bool:  # type: ignore[no-untyped-def]
        previews.append(self)
        self.skip_invalid.setChecked(skip["value"])
        self.check_rows()
        return True

    monkeypatch.setattr(transfer_ui.ImportDialog, "exec", fake_exec)
    monkeypatch.setattr(
        transfer_ui.ReportDialog,
        "exec",
        lambda self: reports.append((self.windowTitle(), self.text.toPlainText())),
    )
    tab.import_applications(path)
    qtbot.waitUntil(lambda: bool(reports), timeout=5000)
    preview = previews[0]
    assert preview.mapping() == {
        0: "company",
        1: "title",
        2: "applied_on",
        3: "state",
        4: "salary",
        5: "location",
        6: "posting_url",
        7: "notes",
    }
    assert preview.grid.verticalHeaderItem(0).text() == "line 2"
    qtbot.waitUntil(lambda: "valid row(s)" in preview.problems.toPlainText(), timeout=5000)
    checked = preview.problems.toPlainText()
    assert "6 valid row(s), 4 invalid" in checked
    assert "status 'Pending review' (line(s) 7)" in checked and "under Statuses" in checked
    title, text = reports[0]
    assert title == "Nothing was imported"
    for line in BAD_LINES:
        assert f"line {line}:" in text
    assert len(svc.list(ui_ctx.profile_id)) == 3
    skip["value"] = True
    tab.import_applications(path)
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=5000)
    assert reports[1][0] == "Import finished" and "Imported 6 of 11" in reports[1][1]
    qtbot.waitUntil(lambda: tab.model.total == 9, timeout=5000)


def test_import_mapping_can_be_changed(
    tab, svc, ui_ctx, qtbot, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.csv"
    path.write_text("Employer name,Job,Where\nHooli,PM,Palo Alto\n", encoding="utf-8")

    def fake_exec(self) -> bool:  # type: ignore[no-untyped-def]
        combo = self.combos[0]
        combo.setCurrentIndex(combo.findData("company"))
        self._dedupe_mapping(0)
        return True

    monkeypatch.setattr(transfer_ui.ImportDialog, "exec", fake_exec)
    tab.import_applications(path)
    ui_ctx.runner.wait_idle(5)
    qtbot.waitUntil(
        lambda: any(r.company == "Hooli" for r in svc.list(ui_ctx.profile_id)), timeout=5000
    )


def test_export_from_the_menu(main_window, ui_ctx, apps, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    imports = [a.text() for a in main_window.import_menu.actions()]
    exports = [a.text() for a in main_window.export_menu.actions()]
    assert "&Applications (spreadsheet or CareerDesk file)…" in imports
    assert "Applications as a CareerDesk &file (everything)…" in exports
    assert "Applications as a &spreadsheet (CSV)…" in exports
    tab = main_window.show_tab("pipeline")
    out = tmp_path / "apps.json"
    tab.export_applications("json", out)
    ui_ctx.runner.wait_idle(5)
    qtbot.waitUntil(out.exists)
    assert '"count": 3' in out.read_text(encoding="utf-8")


def test_a_big_pipeline_paints_its_newest_page_first(ui_ctx, apps, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.pipeline import store as store_module
    from careerdesk.ui.pipeline.pipeline_widget import PipelineTab

    monkeypatch.setattr(store_module, "FIRST_PAGE", 2)
    pages: list[tuple[int, bool]] = []
    original = store_module.PipelineStore.set_rows

    def spy(self, rows):  # type: ignore[no-untyped-def]
        pages.append((len(rows), self.complete))
        original(self, rows)

    monkeypatch.setattr(store_module.PipelineStore, "set_rows", spy)
    tab = PipelineTab(ui_ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.store.complete and tab.model.total == 3, timeout=5000)
    assert pages == [(2, False), (3, True)]
    assert "3 applications" in tab.table.count_label.text()
