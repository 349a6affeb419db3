"""Text out of résumé files: PDF (pypdf), DOCX (zipfile + xml.etree) and plain text.

DOCX is read with the standard library rather than python-docx: python-docx needs lxml
(about 12 MB installed) and the bundle is close to its size limit, while reading text from
``word/document.xml`` needs only the paragraphs, runs, tabs and breaks of WordprocessingML.
Python's expat refuses entity-expansion attacks, and the XML parts are size-checked before
they are parsed (a zip bomb cannot inflate them). See docs/resumes.md.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.postings.text import decode_text, tidy
from careerdesk.core.resumes.models import ResumeText

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_XML_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 20
MAX_CHARS = 100_000
TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUFFIXES = (".pdf", ".docx", *sorted(TEXT_SUFFIXES))

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A page "has text" with at least this many letters: page numbers and stray marks do not count.
_PAGE_TEXT_LETTERS = 20


class ResumeReadError(UserError):
    """The file cannot be read as a résumé; nothing was imported."""


def read_resume(path: Path) -> ResumeText:
    """The text of a ``.pdf``, ``.docx``, ``.txt`` or ``.md`` résumé; ResumeReadError otherwise."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ResumeReadError(
            f"{path.name} is not a résumé CareerDesk can read: use a PDF, Word (.docx) or "
            "text (.txt, .md) file."
        )
    if not path.is_file():
        raise ResumeReadError(f"{path} does not exist or is not a file.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ResumeReadError(f"{path.name} is {size / 1e6:.0f} MB; a résumé must be under 20 MB.")
    if suffix == ".pdf":
        result = _pdf(path)
    elif suffix == ".docx":
        result = _docx(path)
    else:
        result = ResumeText(kind="txt", text=tidy(decode_text(path.read_bytes())))
    if len(result.text) > MAX_CHARS:
        result = result.model_copy(update={"text": result.text[:MAX_CHARS]})
    if not re.search(r"[^\W\d_]{3}", result.text):
        if result.kind == "pdf" and result.images:
            raise ResumeReadError(
                f"{path.name} has no text layer: its text is only in pictures (a scan or an "
                "image export). Applicant tracking systems cannot read it either; export the "
                "résumé as a text PDF or a Word file."
            )
        raise ResumeReadError(f"{path.name} contains no text.")
    return result


def _pdf(path: Path) -> ResumeText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ResumeReadError(
                        f"{path.name} is password-protected; save it without one."
                    )
            except (NotImplementedError, PdfReadError):
                raise ResumeReadError(
                    f"{path.name} is encrypted; save it without a password."
                ) from None
        texts: list[str] = []
        images = image_only = 0
        for page in reader.pages[:MAX_PDF_PAGES]:
            text = page.extract_text() or ""
            try:
                n_images = len(page.images)
            except Exception:
                n_images = 0
            images += n_images
            if n_images and len(re.findall(r"[^\W\d_]", text)) < _PAGE_TEXT_LETTERS:
                image_only += 1
            texts.append(text)
    except ResumeReadError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise ResumeReadError(f"{path.name} could not be read as a PDF ({exc}).") from None
    return ResumeText(
        kind="pdf",
        text=tidy("\n\n".join(texts)),
        pages=len(texts),
        image_only_pages=image_only,
        images=images,
    )


def _docx(path: Path) -> ResumeText:
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if "word/document.xml" not in names:
                raise ResumeReadError(f"{path.name} is not a Word document (no document part).")
            headers = sorted(n for n in names if re.fullmatch(r"word/header\d*\.xml", n))
            parts = [_xml_part(z, name, path) for name in [*headers, "word/document.xml"]]
            media = sum(1 for n in names if n.startswith("word/media/"))
    except ResumeReadError:
        raise
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise ResumeReadError(f"{path.name} could not be read as a Word file ({exc}).") from None
    lines: list[str] = []
    drawings = 0
    for root in parts:
        drawings += sum(1 for _ in root.iter(f"{_W}drawing")) + sum(
            1 for _ in root.iter(f"{_W}pict")
        )
        _paragraphs(root, lines)
    return ResumeText(kind="docx", text=tidy("\n".join(lines)), images=max(drawings, media))


def _xml_part(z: zipfile.ZipFile, name: str, path: Path) -> ElementTree.Element:
    if z.getinfo(name).file_size > MAX_XML_BYTES:
        raise ResumeReadError(f"{path.name} is too large to be a résumé.")
    try:
        return ElementTree.fromstring(z.read(name))
    except ElementTree.ParseError as exc:
        raise ResumeReadError(f"{path.name} is a damaged Word file ({exc}).") from None


def _paragraphs(elem: ElementTree.Element, out: list[str]) -> None:
    """Append the text of every paragraph under ``elem`` in document order.

    A paragraph's own runs make its line; paragraphs nested in it (text boxes) are lines of
    their own, so their text is neither lost nor glued to the outer line.
    """
    for child in elem:
        if child.tag == f"{_W}p":
            buf: list[str] = []
            _runs(child, buf, out)
            out.append("".join(buf))
        else:
            _paragraphs(child, out)


def _runs(elem: ElementTree.Element, buf: list[str], out: list[str]) -> None:
    for child in elem:
        tag = child.tag
        if tag == f"{_W}t":
            buf.append(child.text or "")
        elif tag == f"{_W}tab":
            buf.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            buf.append("\n")
        elif tag == f"{_W}p":
            inner: list[str] = []
            _runs(child, inner, out)
            out.append("".join(inner))
        else:
            _runs(child, buf, out)
