"""Export a résumé or cover letter written as plain text / light Markdown to DOCX and PDF.

The text's structure is kept as people write it: ``# Heading`` (or a short line in capitals)
becomes a bold heading, ``- item``/``* item``/``• item`` a bullet, other lines paragraphs.
DOCX is written as a minimal WordprocessingML package with the standard library (no
python-docx: it needs lxml, about 12 MB, and the bundle is near its size limit); PDF with
fpdf2 and the DejaVu Sans face matplotlib already ships (Unicode: "é", "–", "•"). Both keep
the text as text, so an applicant tracking system can read them. See docs/resumes.md.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

BlockKind = Literal["heading", "bullet", "para", "blank"]

_BULLET = re.compile(r"^\s*(?:[-*•·])\s+")


def blocks(text: str) -> list[tuple[BlockKind, str]]:
    """The text as (kind, line) blocks."""
    out: list[tuple[BlockKind, str]] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            out.append(("blank", ""))
        elif line.lstrip().startswith("#"):
            out.append(("heading", line.lstrip().lstrip("#").strip()))
        elif _BULLET.match(line):
            out.append(("bullet", _BULLET.sub("", line).strip()))
        elif len(line.split()) <= 4 and line.strip().isupper():
            out.append(("heading", line.strip()))
        else:
            out.append(("para", line.strip().replace("**", "")))
    return out


# -- DOCX --------------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run(text: str, *, bold: bool = False, size: int | None = None) -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def docx_xml(text: str) -> str:
    """``word/document.xml`` for the text."""
    paras: list[str] = []
    for kind, line in blocks(text):
        if kind == "heading":
            paras.append(
                '<w:p><w:pPr><w:spacing w:before="200" w:after="60"/></w:pPr>'
                f"{_run(line, bold=True, size=26)}</w:p>"
            )
        elif kind == "bullet":
            paras.append(
                '<w:p><w:pPr><w:ind w:left="360" w:hanging="240"/></w:pPr>'
                f"{_run('• ' + line)}</w:p>"
            )
        elif kind == "para":
            paras.append(f"<w:p>{_run(line)}</w:p>")
        else:
            paras.append("<w:p/>")
    body = "".join(paras)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/></w:sectPr>'
        "</w:body></w:document>"
    )


def write_docx(text: str, path: Path) -> Path:
    """Write ``text`` as a Word document at ``path`` (atomically: a partial file never stays)."""
    partial = path.with_name(path.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", docx_xml(text))
    partial.replace(path)
    return path


# -- PDF ---------------------------------------------------------------------------------------


def _font_path() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def write_pdf(text: str, path: Path) -> Path:
    """Write ``text`` as an A4 PDF with a real text layer at ``path`` (atomically)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=18)
    font = str(_font_path())
    pdf.add_font("DejaVu", "", font)
    pdf.add_font("DejaVu", "B", str(Path(font).with_name("DejaVuSans-Bold.ttf")))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, line in blocks(text):
        if kind == "heading":
            pdf.set_font("DejaVu", "B", 12.5)
            pdf.ln(2)
            pdf.multi_cell(width, 6.5, line, new_x="LMARGIN", new_y="NEXT")
        elif kind == "bullet":
            pdf.set_font("DejaVu", "", 10.5)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(width - 4, 5.2, "• " + line, new_x="LMARGIN", new_y="NEXT")
        elif kind == "para":
            pdf.set_font("DejaVu", "", 10.5)
            pdf.multi_cell(width, 5.2, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    partial = path.with_name(path.name + ".part")
    pdf.output(str(partial))
    partial.replace(path)
    return path


def export(text: str, path: Path) -> Path:
    """Write ``text`` as DOCX or PDF by the suffix of ``path``; ValueError for any other."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return write_docx(text, path)
    if suffix == ".pdf":
        return write_pdf(text, path)
    raise ValueError(f"{path.name}: export to .docx or .pdf")
