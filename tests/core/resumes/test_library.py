"""The résumé library: imports, versions frozen with applications, import errors, readers."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from careerdesk.core.kernel.errors import NotFoundError, UserError, ValidationError
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.resumes.events import ResumeChanged
from careerdesk.core.resumes.reading import read_resume
from careerdesk.core.resumes.service import ResumeService
from careerdesk.render.resume_export import export, write_docx
from tests.core.postings.pdf import write_text_pdf
from tests.core.resumes.conftest import write_resume
from tests.core.resumes.corpus import RESUMES


def _files(app) -> list[Path]:  # type: ignore[no-untyped-def]
    root = app.paths.data_dir / "resumes"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_import_keeps_a_dated_version_and_a_copy_of_the_file(  # type: ignore[no-untyped-def]
    app, resumes: ResumeService, pid: int, tmp_path: Path
) -> None:
    seen: list[ResumeChanged] = []
    app.bus.subscribe(ResumeChanged, seen.append)
    path = write_resume(RESUMES[0], tmp_path)  # a PDF
    v = resumes.import_file(pid, path)
    assert v.label == "priya_data_analyst 2026-03-02"  # file name and the clock's date
    assert v.kind == "pdf" and v.pages == 1 and v.image_only_pages == 0
    assert "Power BI dashboards" in v.text
    copy = app.paths.data_dir / v.file_path
    assert copy.read_bytes() == path.read_bytes()
    again = resumes.import_file(pid, path)  # same file, same day: a second version
    assert again.label == "priya_data_analyst 2026-03-02 (2)"
    assert [x.label for x in resumes.versions(pid)] == [again.label, v.label]
    assert resumes.version(pid, "PRIYA_DATA_ANALYST 2026-03-02").id == v.id
    assert [e.what for e in seen] == ["imported", "imported"]


def test_attached_version_is_frozen(  # type: ignore[no-untyped-def]
    app, resumes: ResumeService, pid: int, tmp_path: Path
) -> None:
    application = app.service(ApplicationService).create(
        pid, {"company": "Monzo", "title": "Data Analyst"}
    )
    v = resumes.import_file(pid, write_resume(RESUMES[0], tmp_path), "Sent CV")
    attached = resumes.attach(pid, application.id, v.id)
    assert attached.label == "Sent CV" and attached.text == v.text
    frozen_file = app.paths.data_dir / attached.file_path
    assert frozen_file.read_bytes() == (app.paths.data_dir / v.file_path).read_bytes()

    resumes.edit_text(pid, v.id, "Completely rewritten résumé")
    assert resumes.version(pid, v.id).text == "Completely rewritten résumé"
    still = resumes.attached(pid, application.id)
    assert still is not None and still.text == v.text and still.label == "Sent CV"

    resumes.delete_version(pid, v.id)
    gone = resumes.attached(pid, application.id)
    assert gone is not None and gone.version_id is None and gone.text == v.text
    assert frozen_file.is_file()  # the copy sent stays with the application
    with pytest.raises(NotFoundError):
        resumes.version(pid, v.id)

    tailored = resumes.save_version(
        pid, "For Monzo", "Tailored text\nSQL", application_id=application.id
    )
    assert tailored.kind == "tailored" and tailored.application_id == application.id
    replaced = resumes.attach(pid, application.id, tailored.id)
    assert replaced.text == "Tailored text\nSQL" and replaced.file_path == ""
    assert not frozen_file.exists()  # the earlier frozen copy is replaced, not leaked


def test_attach_refuses_another_profiles_application(  # type: ignore[no-untyped-def]
    app, resumes: ResumeService, pid: int, tmp_path: Path
) -> None:
    other = app.profiles.create("Bob").id
    application = app.service(ApplicationService).create(other, {"company": "X", "title": "Y"})
    v = resumes.import_file(pid, write_resume(RESUMES[2], tmp_path))
    with pytest.raises(NotFoundError):
        resumes.attach(pid, application.id, v.id)
    assert resumes.attached(other, application.id) is None


def _broken_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document><unclosed>")
    return path


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("cv.odt", lambda p: p.write_text("hello"), "PDF, Word (.docx) or text"),
        ("empty.txt", lambda p: p.write_text("  \n "), "contains no text"),
        ("cv.pdf", lambda p: p.write_bytes(b"%PDF-1.4 not really"), "could not be read as a PDF"),
        ("cv.docx", lambda p: p.write_bytes(b"PK not a zip"), "could not be read as a Word"),
        ("bad.docx", _broken_docx, "damaged Word file"),
        ("missing.txt", None, "does not exist"),
    ],
)
def test_import_errors_store_nothing(  # type: ignore[no-untyped-def]
    app, resumes: ResumeService, pid: int, tmp_path: Path, name: str, make, message: str
) -> None:
    path = tmp_path / name
    if make is not None:
        make(path)
    with pytest.raises(UserError, match=re.escape(message)):
        resumes.import_file(pid, path)
    assert resumes.versions(pid) == []
    assert _files(app) == []


def test_duplicate_label_stores_nothing(  # type: ignore[no-untyped-def]
    app, resumes: ResumeService, pid: int, tmp_path: Path
) -> None:
    path = write_resume(RESUMES[5], tmp_path)
    resumes.import_file(pid, path, "Main")
    with pytest.raises(ValidationError, match="already exists"):
        resumes.import_file(pid, path, "main")
    assert len(resumes.versions(pid)) == 1 and len(_files(app)) == 1


def test_image_only_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(picture)
    pdf = tmp_path / "scan.pdf"
    Image.open(picture).save(pdf)  # a PDF whose only content is a picture
    with pytest.raises(UserError, match="only in pictures"):
        read_resume(pdf)


def test_text_pdf_from_another_writer(tmp_path: Path) -> None:
    pdf = write_text_pdf(tmp_path / "cv.pdf", ["Ann Example", "Skills: Python, SQL"])
    read = read_resume(pdf)
    assert read.kind == "pdf" and "Python, SQL" in read.text and read.pages == 2


def test_docx_reader_handles_headers_tables_split_runs_and_text_boxes(tmp_path: Path) -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    header = (
        f"<w:hdr {w}><w:p><w:r><w:t>ann@example.com</w:t></w:r><w:r><w:tab/></w:r>"
        "<w:r><w:t>07700 900123</w:t></w:r></w:p></w:hdr>"
    )
    body = (
        f"<w:document {w}><w:body>"
        "<w:p><w:r><w:t>Ex</w:t></w:r><w:r><w:t>perience</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>2020 - 2022</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Analyst at Acme</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>Before box</w:t></w:r><w:r><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>Inside box</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>"
        "</w:body></w:document>"
    )
    path = tmp_path / "cv.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/header1.xml", header)
        z.writestr("word/document.xml", body)
    read = read_resume(path)
    lines = read.text.splitlines()
    assert lines[0] == "ann@example.com 07700 900123"  # the tab separates, never glues
    assert "Experience" in lines and "2020 - 2022" in lines and "Analyst at Acme" in lines
    assert "Inside box" in lines and "Before box" in lines
    assert read.images == 1


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_export_reads_back(tmp_path: Path, suffix: str) -> None:
    text = (
        "# Ann Example\nann@example.com · +44 7700 900123\n\n## Experience\n"
        "- Built dashboards in Power BI – 2021–2024\n- Wrote SQL (Postgres)\n\n"
        "Skills\nPython, SQL, café-grade résumé"
    )
    out = export(text, tmp_path / f"cv{suffix}")
    read = read_resume(out)
    lines = [line.strip() for line in read.text.splitlines() if line.strip()]
    assert lines[0] == "Ann Example"
    assert "ann@example.com · +44 7700 900123" in lines
    assert "• Built dashboards in Power BI – 2021–2024" in lines
    assert "Python, SQL, café-grade résumé" in lines
    assert not any("#" in line for line in lines)


def test_export_refuses_other_formats(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export("x", tmp_path / "cv.rtf")
    write_docx("x", tmp_path / "ok.docx")
    assert not list(tmp_path.glob("*.part"))
