"""The Résumés tab: match report beside the tailoring editor, suggestions accepted one by
one, the tailored copy saved as a version linked to the application, export read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerdesk.core.postings.service import PostingService
from careerdesk.core.resumes.reading import read_resume
from careerdesk.core.resumes.service import ResumeService
from careerdesk.core.skills.service import SkillProfileService
from tests.core.resumes.corpus import POSTINGS, RESUMES

PRIYA = next(r for r in RESUMES if r.key == "priya_data_analyst")
MONZO = next(p for p in POSTINGS if p.key == "monzo_analyst")


@pytest.fixture
def tab(ui_ctx, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from careerdesk.ui.resumes.view import ResumesTab

    app, pid = ui_ctx.app, ui_ctx.profile_id
    cv = tmp_path / "priya.txt"
    cv.write_text(PRIYA.text, encoding="utf-8")
    app.service(ResumeService).import_file(pid, cv, "Data CV")
    app.service(SkillProfileService).record_measured(
        pid, {"databases": 72, "machine_learning": 70}, kind="assessment_score"
    )
    postings = app.service(PostingService)
    postings.save(pid, postings.propose(MONZO.text, use_ai=False))
    widget = ResumesTab(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.report is not None, timeout=15000)
    return widget


def test_empty_state(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.resumes.view import ResumesTab

    widget = ResumesTab(ui_ctx)
    qtbot.addWidget(widget)
    ui_ctx.runner.wait_idle(10)
    qtbot.waitUntil(lambda: not widget.empty.isHidden())
    assert "No résumé yet" in widget.empty.text() and widget.split.isHidden()


def test_accept_suggestions_one_by_one_then_save_and_export(  # type: ignore[no-untyped-def]
    tab, ui_ctx, qtbot, monkeypatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from careerdesk.ui.common import file_dialogs

    assert tab.report.score == 75  # docs/resumes.md: (2 × 4 + 1) / (2 × 5 + 2)
    assert "Match 75" in tab.report_view.toHtml()
    first = tab.suggestion_list.item(0).text()
    assert first.startswith("Add Database Design & Administration")
    notes = [tab.suggestion_list.item(i).text() for i in range(tab.suggestion_list.count())]
    assert any(n.startswith("Learn first: BigQuery") for n in notes)

    tab.suggestion_list.setCurrentRow(0)
    assert tab.accept_btn.isEnabled()
    tab.accept_btn.click()
    assert "stakeholder management, Database Design & Administration" in tab.editor.toPlainText()
    # The report follows the editor: databases is now found (preferred): (8 + 2) / 12 = 83.
    qtbot.waitUntil(lambda: tab.report.score == 83, timeout=15000)
    assert tab.suggestion_list.item(0).text().startswith("Add Machine Learning")

    # A note cannot be accepted.
    note_row = next(
        i
        for i in range(tab.suggestion_list.count())
        if tab.suggestion_list.item(i).text().startswith("Learn first")
    )
    tab.suggestion_list.setCurrentRow(note_row)
    assert not tab.accept_btn.isEnabled()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Data CV for Monzo", True))
    tab.save_btn.click()
    svc = ui_ctx.app.service(ResumeService)
    qtbot.waitUntil(lambda: len(svc.versions(ui_ctx.profile_id)) == 2, timeout=15000)
    tailored = svc.version(ui_ctx.profile_id, "Data CV for Monzo")
    original = svc.version(ui_ctx.profile_id, "Data CV")
    assert tailored.kind == "tailored" and tailored.parent_id == original.id
    assert tailored.application_id == tab.app_box.currentData()
    assert "Database Design & Administration" in tailored.text
    assert "Database Design" not in original.text

    for suffix in (".docx", ".pdf"):
        out = tmp_path / f"tailored{suffix}"
        monkeypatch.setattr(file_dialogs, "save_file", lambda *a, o=out, **k: o)
        tab.export(suffix)
        qtbot.waitUntil(out.exists, timeout=15000)
        words = " ".join(read_resume(out).text.split())  # the PDF wraps long lines
        assert "stakeholder management, Database Design & Administration" in words


def test_claim_without_evidence_starts_a_quiz_in_one_click(  # type: ignore[no-untyped-def]
    main_window, ui_ctx, qtbot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QUrl

    cv = tmp_path / "priya.txt"
    cv.write_text(PRIYA.text, encoding="utf-8")
    ui_ctx.app.service(ResumeService).import_file(ui_ctx.profile_id, cv, "Data CV")
    postings = ui_ctx.app.service(PostingService)
    postings.save(ui_ctx.profile_id, postings.propose(MONZO.text, use_ai=False))
    tab = main_window.show_tab("resumes")
    tab.refresh()
    qtbot.waitUntil(lambda: tab.report is not None, timeout=15000)
    html = report_html_of(tab)
    assert 'href="assess:git"' in html
    # The answer in words first (tests/core/resumes/test_match.py counts this pair by hand:
    # 4 of 5 required, 1 of 2 preferred); the formula only under "How is this worked out?".
    assert "Your résumé shows 4 of 5 required skills and 1 of 2 preferred skills." in html
    assert html.index("How is this worked out?") < html.index("round(100")
    tab.report_view.anchorClicked.emit(QUrl("assess:git"))
    quiz = main_window.show_tab("assessments")
    assert main_window.tabs.tabText(main_window.tabs.currentIndex()) == "Assessments"
    qtbot.waitUntil(lambda: quiz.stack.currentWidget() is not quiz.start_page, timeout=15000)


def report_html_of(tab) -> str:  # type: ignore[no-untyped-def]
    from careerdesk.ui.resumes.view import report_html

    return report_html(tab.report)


def test_mark_as_sent_and_cover_letter_dialog(  # type: ignore[no-untyped-def]
    tab, ui_ctx, qtbot, monkeypatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from careerdesk.ui.common import file_dialogs

    svc = ui_ctx.app.service(ResumeService)
    app_id = tab.app_box.currentData()
    tab.attach_btn.click()
    qtbot.waitUntil(lambda: svc.attached(ui_ctx.profile_id, app_id) is not None, timeout=15000)
    assert svc.attached(ui_ctx.profile_id, app_id).label == "Data CV"

    tab.letter_btn.click()
    dialog = tab.letter_dialog
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=15000)
    assert dialog.draft.by == "template"  # no Gemini key in tests
    assert dialog.editor.toPlainText().startswith("Dear Hiring Team at Monzo,")
    assert not dialog.editor.isReadOnly()
    dialog.editor.appendPlainText("P.S. I can start in April.")
    asked: list[str] = []

    def no(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    dialog.close()
    assert asked and dialog.isVisible()  # unsaved edits: asked, and kept open

    out = tmp_path / "letter.docx"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: out)
    dialog.export_btn.click()
    qtbot.waitUntil(out.exists, timeout=15000)
    assert "P.S. I can start in April." in read_resume(out).text
    ui_ctx.runner.wait_idle(10)
    qtbot.wait(50)
    dialog.close()
    assert not dialog.isVisible()
