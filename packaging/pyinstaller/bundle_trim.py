"""Linux bundle trimming for build.spec: debug info, system-session libraries, ICU data.

Three steps, all Linux-only and all measured by ``benchmarks/bundle.py``:

``strip_binaries``
    Removes debug sections and local symbols (~55 MB; libpython alone carries 17 MB of
    DWARF). PyInstaller's own ``strip=True`` is not used: it corrupts libraries that
    auditwheel/patchelf rewrote (NumPy's OpenBLAS, Qt's FFmpeg: "ELF load command
    address/offset not page-aligned"), silently breaking charts and video. Here each
    stripped copy is checked the way the dynamic loader checks it (segment offsets and
    addresses congruent modulo the page size); a copy that fails keeps the original.

``drop_with_orphans``
    Leaves out given shared libraries *and every library that only they needed*, using the
    ELF ``DT_NEEDED`` graph of the collected binaries (read with ``readelf``). CareerDesk uses
    it for the PulseAudio and D-Bus client libraries: they talk to the user's sound server and
    message bus, must match them, and are present on every Linux desktop (``libpulse0`` is a
    documented requirement of QtMultimedia anyway). Without them the bundle also sheds their
    codec, systemd and gcrypt dependencies (~7 MB).

``slim_icu_data``
    Qt Core links ICU, whose data library (``libicudata.so.NN``) is 32 MB. Qt only uses ICU
    for case mapping, collation (QCollator), time-zone names and legacy text codecs. This
    rebuilds the library without the data Qt never reads: break iterators, unit, currency,
    language and region display names, transliteration, number spell-out, the legacy
    codepage tables (CareerDesk decodes text in Python; Qt keeps UTF-8/16/32 and Latin-1
    built in), stringprep, confusables and character names. Collation, time zones, locale
    and normalisation data stay. Needs ``icupkg`` (icu-devtools) and binutils (``as``,
    ``ld``); without them the full library is kept and a warning is printed.

Both return new TOC lists and never modify the files they were given.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path, PurePath

# A child of PyInstaller's logger, so messages appear in the build output.
log = logging.getLogger("PyInstaller.careerdesk")

# PyInstaller 6 TOC entries: (destination name, source path, typecode).
TocEntry = tuple[str, str, str]

# ICU data items Qt never reads (see module docstring). Trees are prefixes, the rest patterns.
ICU_UNUSED_TREES = ("brkitr/", "curr/", "lang/", "rbnf/", "region/", "translit/", "unit/")
ICU_UNUSED_ITEMS = re.compile(r"\.(spp|cfu)$|^unames\.icu$")
# Codepage tables above this size are the multi-byte CJK and EBCDIC ones (4.6 of 5.1 MB); the
# single-byte Windows/ISO-8859/KOI8/Mac code pages (0.5 MB in all) stay usable from Qt.
ICU_MAX_CODEPAGE_BYTES = 20_000
ICU_DATA_LIB = re.compile(r"^libicudata\.so\.(\d+)")


def _needed(path: str) -> list[str]:
    """Direct DT_NEEDED sonames of an ELF file (empty for anything readelf cannot read)."""
    try:
        out = subprocess.run(
            ["readelf", "-d", "-W", path], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return []
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def drop_with_orphans(binaries: Iterable[TocEntry], drop: Iterable[str]) -> list[TocEntry]:
    """``binaries`` without the libraries named in ``drop`` (file names, e.g. libpulse.so.0)
    and without any library that is needed only by dropped ones. Libraries nobody in the
    bundle needs (extension modules, plugins, libpython) are roots and always stay."""
    entries = list(binaries)
    by_name = {PurePath(dest).name: (dest, src, kind) for dest, src, kind in entries}
    dependents: dict[str, set[str]] = {name: set() for name in by_name}
    for name, (_dest, src, kind) in by_name.items():
        # An alias (symlink entry) needs the file it points to.
        targets = [PurePath(src).name] if kind == "SYMLINK" else _needed(src)
        for target in targets:
            if target in dependents and target != name:
                dependents[target].add(name)

    removed = {name for name in drop if name in by_name}
    changed = True
    while changed:
        changed = False
        for name, users in dependents.items():
            if name not in removed and users and users <= removed:
                removed.add(name)
                changed = True
    if removed:
        log.info(
            "left out (system-session libraries and their own dependencies): %s",
            ", ".join(sorted(removed)),
        )
    return [e for e in entries if PurePath(e[0]).name not in removed]


def _load_segments_aligned(path: str | Path, page: int) -> bool:
    """True if every PT_LOAD segment's file offset and address agree modulo the page size,
    the condition glibc's loader enforces."""
    out = subprocess.run(
        ["readelf", "-l", "-W", str(path)], capture_output=True, text=True, check=False
    ).stdout
    loads = re.findall(r"^\s*LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)", out, re.MULTILINE)
    return bool(loads) and all((int(o, 16) - int(v, 16)) % page == 0 for o, v in loads)


def _is_elf(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def strip_binaries(binaries: Iterable[TocEntry], workdir: Path) -> list[TocEntry]:
    """``binaries`` with debug info and local symbols removed from copies of each ELF file
    (``strip --strip-unneeded``: the dynamic symbol table, which linking needs, stays)."""
    if not shutil.which("strip") or not shutil.which("readelf"):
        log.warning("binutils (strip, readelf) not found: binaries are bundled unstripped")
        return list(binaries)
    page = os.sysconf("SC_PAGESIZE")
    result, saved, refused = [], 0, []
    for dest, src, kind in binaries:
        if kind != "SYMLINK" and _is_elf(src):
            out = workdir / dest
            out.parent.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(
                ["strip", "--strip-unneeded", "-o", str(out), src], capture_output=True, check=False
            )
            if done.returncode == 0 and _load_segments_aligned(out, page):
                saved += Path(src).stat().st_size - out.stat().st_size
                src = str(out)
            else:
                refused.append(dest)
        result.append((dest, src, kind))
    log.info("stripped binaries: %.1f MB saved", saved / 1e6)
    if refused:
        log.warning("kept unstripped (a stripped copy would not load): %s", ", ".join(refused))
    return result


def _elf_symbol_bytes(lib: Path, pattern: str) -> tuple[str, bytes]:
    """Name and contents of the first defined dynamic symbol matching ``pattern``."""
    syms = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    # "   Num:    Value          Size Type    Bind   Vis      Ndx Name"
    for line in syms.splitlines():
        parts = line.split()
        if len(parts) >= 8 and re.fullmatch(pattern, parts[7]) and parts[6].isdigit():
            value, size, index = int(parts[1], 16), int(parts[2], 0), int(parts[6])
            break
    else:
        raise LookupError(f"no symbol matching {pattern} in {lib}")
    # "  [ 5] .rodata  PROGBITS  0000000000001000 00001000 1e8bb80 ..."
    for line in sections.splitlines():
        m = re.match(r"\s*\[\s*(\d+)\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if m and int(m.group(1)) == index:
            offset = value - int(m.group(2), 16) + int(m.group(3), 16)
            with lib.open("rb") as fh:
                fh.seek(offset)
                return parts[7], fh.read(size)
    raise LookupError(f"section {index} of {lib} not found")


def _item_sizes(icupkg: str, package: Path, scratch: Path) -> dict[str, int]:
    """Size of every item of an ICU .dat package (extracted into ``scratch`` to measure)."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    subprocess.run([icupkg, "-x", "*", "-d", str(scratch), str(package)], check=True)
    sizes = {
        p.relative_to(scratch).as_posix(): p.stat().st_size
        for p in scratch.rglob("*")
        if p.is_file()
    }
    shutil.rmtree(scratch, ignore_errors=True)
    return sizes


def _build_slim_icudata(src: Path, workdir: Path, soname: str) -> Path:
    icupkg, assembler, linker = shutil.which("icupkg"), shutil.which("as"), shutil.which("ld")
    if not icupkg or not assembler or not linker or not shutil.which("readelf"):
        raise FileNotFoundError("icupkg (icu-devtools) and binutils (as, ld, readelf) are needed")
    workdir.mkdir(parents=True, exist_ok=True)
    symbol, blob = _elf_symbol_bytes(src, r"icudt\d+_dat")
    package = f"{symbol[: -len('_dat')]}l"  # e.g. icudt73l: little-endian ASCII package
    # icupkg wants the file name to match the package name, hence two folders.
    full, slim = workdir / "full" / f"{package}.dat", workdir / "slim" / f"{package}.dat"
    full.parent.mkdir(exist_ok=True)
    slim.parent.mkdir(exist_ok=True)
    full.write_bytes(blob)
    items = subprocess.run(
        [icupkg, "-l", str(full)], capture_output=True, text=True, check=True
    ).stdout.split()
    sizes = _item_sizes(icupkg, full, workdir / "sizes")
    unused = [
        i
        for i in items
        if i.startswith(ICU_UNUSED_TREES)
        or ICU_UNUSED_ITEMS.search(i)
        or (i.endswith(".cnv") and sizes.get(i, 0) > ICU_MAX_CODEPAGE_BYTES)
    ]
    remove_list = workdir / "icu-remove.txt"
    # icupkg refuses to leave an item whose base item is gone (a small codepage extension
    # over a large removed table): drop such dependants too, until the package is consistent.
    for _attempt in range(5):
        remove_list.write_text("\n".join(unused) + "\n", encoding="ascii")
        slim.unlink(missing_ok=True)
        run = subprocess.run(
            [icupkg, "-r", str(remove_list), str(full), str(slim)],
            capture_output=True,
            text=True,
            check=False,
        )
        orphans = re.findall(r"Item (\S+) depends on missing item", run.stdout + run.stderr)
        if run.returncode == 0 or not orphans:
            break
        unused += orphans
    if run.returncode != 0:
        raise subprocess.CalledProcessError(run.returncode, run.args, run.stdout, run.stderr)
    asm = workdir / "icudata.S"
    asm.write_text(
        '\t.section .note.GNU-stack,"",%progbits\n'
        "\t.section .rodata\n\t.balign 16\n"
        f"\t.globl {symbol}\n\t.type {symbol},%object\n"
        f'{symbol}:\n\t.incbin "{slim}"\n'
        f"\t.size {symbol}, . - {symbol}\n",
        encoding="ascii",
    )
    obj, out = workdir / "icudata.o", workdir / soname
    subprocess.run([assembler, "-o", str(obj), str(asm)], check=True)
    subprocess.run(
        [linker, "-shared", f"-soname={soname}", "-z", "noexecstack", "-o", str(out), str(obj)],
        check=True,
    )
    log.info(
        "ICU data: %d of %d items kept, %.1f MB -> %.1f MB",
        len(items) - len(unused),
        len(items),
        len(blob) / 1e6,
        out.stat().st_size / 1e6,
    )
    return out


def slim_icu_data(binaries: Iterable[TocEntry], workdir: Path) -> list[TocEntry]:
    """``binaries`` with libicudata replaced by a rebuilt copy holding only what Qt uses."""
    result = []
    for dest, src, kind in binaries:
        name = PurePath(dest).name
        if kind != "SYMLINK" and ICU_DATA_LIB.match(name):
            try:
                src = str(_build_slim_icudata(Path(src), workdir, name))
            except (OSError, LookupError, subprocess.CalledProcessError) as exc:
                log.warning("ICU data kept in full (%s): %s", name, exc)
        result.append((dest, src, kind))
    return result
