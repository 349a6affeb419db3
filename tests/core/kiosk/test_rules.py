"""The pure rules behind the desktop gate, the kiosk chooser and safe documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careerdesk.core.kernel.documents import DocumentFacts, document_verdict, inspect_document
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.kiosk.rules import (
    classify_target,
    clean_file_name,
    is_inside,
    is_removable_mount,
    takeaway_text,
)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://example.org/a", "web"),
        ("HTTP://example.org", "web"),
        ("mailto:hr@example.org?subject=Hi", "mail"),
        ("file:///etc/passwd", "file"),
        ("/", "file"),
        ("C:\\Windows\\notepad.exe", "file"),
        ("\\\\host\\share\\x", "file"),
        ("javascript:alert(1)", "other"),
        ("", "other"),
    ],
)
def test_classify(url: str, kind: str) -> None:
    assert classify_target(url) == kind


def test_takeaway_text_of_an_email_is_readable() -> None:
    text = takeaway_text("mailto:hr%40acme.example?subject=Thank%20you&body=Dear%20Ana")
    assert text == "To: hr@acme.example\nSubject: Thank you\n\nDear Ana"


def test_safe_documents() -> None:
    doc = DocumentFacts(path="/home/a/cv.pdf", exists=True, regular_file=True)
    assert document_verdict(doc) == ("open", "")
    # A PDF on a FAT stick has the x bit: still a document.
    assert document_verdict(DocumentFacts("/media/a/cv.pdf", True, True, True))[0] == "open"
    for facts in (
        DocumentFacts("\\\\host\\share\\x", True, True),
        DocumentFacts("//host/share/x", True, True),
        DocumentFacts("/", True, False),
        DocumentFacts("/usr/bin/xterm", True, True, True),
        DocumentFacts("C:\\setup.exe", True, True),
        DocumentFacts("/home/a/run.desktop", True, True),
        DocumentFacts("/home/a/gone.pdf"),
    ):
        assert document_verdict(facts)[0] == "text", facts


def test_inspect_document(tmp_path: Path) -> None:
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF")
    assert document_verdict(inspect_document(str(cv)))[0] == "open"
    assert document_verdict(inspect_document(str(tmp_path)))[0] == "text"
    assert inspect_document("\\\\host\\share\\x") == DocumentFacts("\\\\host\\share\\x")
    if os.name != "nt":
        tool = tmp_path / "tool"
        tool.write_text("#!/bin/sh\n")
        tool.chmod(0o755)
        assert document_verdict(inspect_document(str(tool)))[0] == "text"


def test_is_inside(tmp_path: Path) -> None:
    root = tmp_path / "learners" / "1"
    (root / "cv").mkdir(parents=True)
    assert is_inside(root / "cv", root)
    assert is_inside(root, root)
    assert not is_inside(root / ".." / "2", root)
    assert not is_inside(Path("/etc"), root)
    link = root / "out"
    link.symlink_to(tmp_path)
    assert not is_inside(link, root)  # a link leading out is judged where it leads


@pytest.mark.parametrize("bad", ["", "../x.png", "/etc/x", "a/b", "C:x", ".hidden", "con.png"])
def test_clean_file_name_refuses_paths(bad: str) -> None:
    with pytest.raises(ValidationError):
        clean_file_name(bad)


def test_clean_file_name_adds_the_suffix() -> None:
    assert clean_file_name("chart", suffix=".png") == "chart.png"
    assert clean_file_name("chart.PNG", suffix=".png") == "chart.PNG"


def test_removable_mounts() -> None:
    assert is_removable_mount("/media/kiosk/STICK", "linux")
    assert is_removable_mount("/run/media/kiosk/STICK", "linux")
    assert not is_removable_mount("/", "linux")
    assert not is_removable_mount("/home", "linux")
    assert is_removable_mount("/Volumes/STICK", "darwin")
    assert not is_removable_mount("/", "darwin")
    assert is_removable_mount("E:/", "win32", drive_removable=True)
    assert not is_removable_mount("C:/", "win32", drive_removable=False)
