"""Bytes of a CSV file -> header and records, each with the physical line it starts on (pure).

Every record keeps the line of the file it starts on, counting blank lines and the extra
lines of quoted multi-line cells, so "line 7" is line 7 in any text editor.

Encodings: a named one (``--encoding``), else a byte-order mark (UTF-8, UTF-16, UTF-32),
else UTF-16 without a mark recognised by its zero bytes, else UTF-8, else Windows-1252.
Quoting is read strictly: a stray quote or a file ending inside a quoted cell is reported
with its line instead of silently swallowing the rest of the file. A cell over
``MAX_CELL`` characters, or one holding a control character (NUL…), makes its *record*
invalid (``CsvRecord.problem``), so ``--skip-invalid`` can still import the rest.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import threading
from dataclasses import dataclass

from careerdesk.core.kernel.errors import ValidationError

MAX_CELL = 131_072  # the csv module's historical limit; longer cells are refused per row
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL"}
# csv.field_size_limit is process-wide: raised only while this module reads.
_LIMIT_LOCK = threading.Lock()


@dataclass
class CsvRecord:
    line: int  # physical line where the record starts (1-based)
    cells: list[str]
    problem: str = ""  # why the record cannot be imported (oversized cell, control character)


@dataclass
class CsvTable:
    header: list[str]
    header_line: int
    records: list[CsvRecord]
    delimiter: str = ","
    encoding: str = "utf-8"


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like UTF-16 text without a BOM."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    # ASCII-heavy text (headers, dates, commas) has a zero in nearly every pair.
    if odd >= 0.4 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name): the named encoding, or detected (see the module docstring)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValidationError(
                f"Unknown encoding {encoding!r} (e.g. utf-8, utf-16, windows-1252, latin-1)."
            ) from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ValidationError(
                f"line {line}: the file is not valid {encoding} (byte {exc.start + 1}); "
                "name the right encoding with --encoding."
            ) from None
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, name in boms:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                break
            return text, "utf-8" if name == "utf-8-sig" else name
    guess = _utf16_without_bom(data)
    if guess:
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _cell_problem(cells: list[str], header: list[str] | None) -> str:
    for i, cell in enumerate(cells):
        name = header[i].strip() if header is not None and i < len(header) else ""
        where = f"column {name!r}" if name else f"column {i + 1}"
        if len(cell) > MAX_CELL:
            return f"{where} has {len(cell):,} characters (at most {MAX_CELL:,} per cell)"
        found = _CONTROL.search(cell)
        if found:
            code = ord(found.group())
            label = _CONTROL_NAMES.get(code, f"U+{code:04X}")
            return f"{where} contains a control character ({label}); remove it and try again"
    return ""


def read_csv_text(text: str, encoding: str = "utf-8") -> CsvTable:
    """Split CSV text into a header and records; ValidationError (with a line) if malformed."""
    text = text.removeprefix("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip(" ,;\t")), None)
    if first is None:
        raise ValidationError("The file is empty: there is no header row.")
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 0
    records: list[CsvRecord] = []
    end = 0  # physical line where the previous record ended
    with _LIMIT_LOCK:
        previous = csv.field_size_limit(max(MAX_CELL, len(text) + 1))
        try:
            for cells in reader:
                start, end = end + 1, reader.line_num
                if not any(c.strip() for c in cells):
                    continue  # a blank line, or one made only of separators
                problem = _cell_problem(cells, header)
                if header is None:
                    if problem:
                        raise ValidationError(f"line {start}: the header row: {problem}.")
                    header, header_line = cells, start
                else:
                    records.append(CsvRecord(start, cells, problem))
        except csv.Error as exc:
            raise ValidationError(
                f"line {reader.line_num}: the CSV is malformed ({exc}); check the quotes "
                "on this line and the one before."
            ) from None
        finally:
            csv.field_size_limit(previous)
    if header is None:
        raise ValidationError("The file is empty: there is no header row.")
    return CsvTable(header, header_line, records, delimiter, encoding)


def read_csv_bytes(data: bytes, encoding: str | None = None) -> CsvTable:
    text, name = decode(data, encoding)
    return read_csv_text(text, name)
