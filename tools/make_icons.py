"""Render CareerDesk's icons from packaging/icons/careerdesk.svg (and -small.svg for ≤ 24 px).

Writes (and reads back to verify):

- ``packaging/icons/png/careerdesk-<N>.png`` for N in 16 … 1024 (Linux icon theme sizes),
- ``careerdesk/resources/icons/careerdesk.png`` (256 px, the window icon ui/app.py loads),
- ``packaging/icons/careerdesk.ico`` (Windows: PNG-compressed entries 16 … 256),
- ``packaging/icons/careerdesk.icns`` (macOS: PNG-compressed entries 16 … 1024).

Both containers are written here rather than by Qt: Qt's ICO writer stores one image per
file, and Qt has no ICNS writer. Each holds PNG payloads, which Windows (Vista and later)
and macOS (10.7 and later) read natively.

Usage: ``python tools/make_icons.py`` from the repository root (Qt runs offscreen).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "packaging" / "icons" / "careerdesk.svg"
# Heavier-stroked drawing for the tiny sizes, where the full one blurs into a blob.
SMALL_SOURCE = ROOT / "packaging" / "icons" / "careerdesk-small.svg"
SMALL_MAX = 24
PNG_DIR = ROOT / "packaging" / "icons" / "png"
WINDOW_ICON = ROOT / "careerdesk" / "resources" / "icons" / "careerdesk.png"
ICO = ROOT / "packaging" / "icons" / "careerdesk.ico"
ICNS = ROOT / "packaging" / "icons" / "careerdesk.icns"

SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (Apple's "@2x" types reuse the pixels).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn on a transparent ``size`` x ``size`` canvas, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file (ICONDIR + ICONDIRENTRY table + PNG payloads)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + big-endian length, then (type, length, PNG) elements."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def _check_readable(path: Path, expected_sizes: set[int]) -> None:
    """Read every image of ``path`` back with Qt's reader; fail unless all sizes are there."""
    reader = QImageReader(str(path))
    found = set()
    for index in range(max(reader.imageCount(), 1)):
        if index:
            reader.jumpToImage(index)
        image = reader.read()
        if image.isNull():
            raise RuntimeError(f"{path.name}: image {index} unreadable: {reader.errorString()}")
        found.add(image.width())
    if not expected_sizes <= found:
        raise RuntimeError(f"{path.name}: sizes {sorted(found)}, expected {sorted(expected_sizes)}")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer, small = QSvgRenderer(str(SOURCE)), QSvgRenderer(str(SMALL_SOURCE))
    for r, path in ((renderer, SOURCE), (small, SMALL_SOURCE)):
        if not r.isValid():
            print(f"cannot read {path}", file=sys.stderr)
            return 1
    pngs = {size: render_png(small if size <= SMALL_MAX else renderer, size) for size in SIZES}

    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for size, data in pngs.items():
        (PNG_DIR / f"careerdesk-{size}.png").write_bytes(data)
    WINDOW_ICON.parent.mkdir(parents=True, exist_ok=True)
    WINDOW_ICON.write_bytes(pngs[256])
    ICO.write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    ICNS.write_bytes(icns_bytes(pngs))

    _check_readable(ICO, set(ICO_SIZES))
    if "icns" in {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}:
        _check_readable(ICNS, {16, 32, 64, 128, 256, 512, 1024})
    for path in (WINDOW_ICON, ICO, ICNS):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    print(f"wrote {len(pngs)} PNGs to {PNG_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
