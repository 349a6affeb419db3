"""Posting text from what the learner pastes or drops: plain text, HTML, PDF (pure, no network).

HTML is reduced to text with the standard library's ``html.parser``: it only tokenises, so
nothing runs and nothing is fetched (no images, no stylesheets, no frames). The contents of
``script``, ``style`` and other non-text elements are dropped; block elements become line
breaks and list items bullets, so the field extractor still sees the posting's lines.
PDFs are read with pypdf (text layer only; a scanned image has none, which is reported).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from careerdesk.core.kernel.errors import UserError

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".pdf")
MAX_TEXT_BYTES = 5_000_000  # a posting is a few kB; anything this big is not one
MAX_PDF_BYTES = 25_000_000
MAX_PDF_PAGES = 40
MAX_POSTING_CHARS = 200_000  # the application's description holds at most this much

# Elements whose content is never text for the reader (or could run / load something).
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "head",
        "select",
        "button",
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "form",
        "fieldset",
        "address",
        "figure",
        "figcaption",
        "title",
        "body",
        "html",
    }
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP and tag not in _VOID:
            self._skip_depth += 1
            return
        if self._skip_depth:
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _BLOCK or tag == "hr":
            self.parts.append("\n\n" if tag.startswith("h") or tag == "p" else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_depth and tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP and tag not in _VOID:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if not self._skip_depth and (tag in _BLOCK or tag == "li"):
            self.parts.append("\n\n" if tag.startswith("h") or tag == "p" else "\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML document; scripts, styles and remote content dropped.

    When the body has no text, the page ``<title>`` is returned (a posting saved as a
    link-only page still names the job).
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = tidy("".join(parser.parts))
    return text or tidy(" ".join(parser._title))


_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_BLANKS = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Unify line ends, collapse runs of spaces, keep at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def looks_like_html(text: str) -> bool:
    """True for pasted markup (a clipboard's text/html, or a saved page's source)."""
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(body|div|p|ul|li|h[1-6]|span|section|article)\b[^>]*>", head)
    )


def decode_text(data: bytes) -> str:
    """Bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def pdf_to_text(path: Path) -> str:
    """The text layer of a PDF (first ``MAX_PDF_PAGES`` pages); UserError when there is none."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UserError(f"{path.name} is password-protected; save it without one.")
            except (NotImplementedError, PdfReadError):
                raise UserError(f"{path.name} is encrypted; save it without a password.") from None
        pages = [(page.extract_text() or "") for page in reader.pages[:MAX_PDF_PAGES]]
    except UserError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise UserError(f"{path.name} could not be read as a PDF ({exc}).") from None
    text = tidy("\n\n".join(pages))
    if not text:
        raise UserError(
            f"{path.name} has no text layer (probably a scanned image). Copy the posting's "
            "text from the web page instead."
        )
    return text


def read_posting_file(path: Path) -> str:
    """The posting text of a ``.txt``/``.md``, ``.html``/``.htm`` or ``.pdf`` file.

    Raises UserError for other kinds, unreadable or oversized files; nothing is fetched from
    the network whatever the file refers to.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UserError(
            f"{path.name}: CareerDesk reads postings from .txt, .html and .pdf files "
            "(save the page or copy its text)."
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(f"{path.name} could not be opened ({exc.strerror or exc}).") from None
    limit = MAX_PDF_BYTES if suffix == ".pdf" else MAX_TEXT_BYTES
    if size > limit:
        raise UserError(f"{path.name} is {size / 1e6:.0f} MB, too big to be a job posting.")
    if suffix == ".pdf":
        return pdf_to_text(path)
    try:
        raw = decode_text(path.read_bytes())
    except OSError as exc:
        raise UserError(f"{path.name} could not be read ({exc.strerror or exc}).") from None
    if suffix in (".html", ".htm") or looks_like_html(raw):
        return html_to_text(raw)
    return tidy(raw)


def clipboard_text(text: str, html: str = "") -> str:
    """What to read from a clipboard that may offer both text and HTML: the richer one."""
    plain = tidy(text)
    if html.strip():
        from_html = html_to_text(html)
        if len(from_html) > len(plain) * 0.8:
            return from_html
    if looks_like_html(plain):
        return html_to_text(plain)
    return plain
