"""Packaging inputs that need no bundle: icons, installer recipes, spec helpers, trimming."""

from __future__ import annotations

import configparser
import importlib
import importlib.util
import plistlib
import shutil
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from careerdesk import APP_AUTHOR, APP_ID, APP_NAME
from careerdesk.selftest.checks.packaging import LAZY_IMPORTS

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
PNG = b"\x89PNG\r\n\x1a\n"

sys.path.insert(0, str(PACKAGING / "pyinstaller"))
import bundle_trim  # noqa: E402
import spec_support  # noqa: E402


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    return struct.unpack(">II", data[16:24])


# --- icons -------------------------------------------------------------------------------
def test_icon_sources_are_svg() -> None:
    for name in ("careerdesk.svg", "careerdesk-small.svg"):
        root = ET.parse(PACKAGING / "icons" / name).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("viewBox") == "0 0 256 256"


def test_window_icon_is_the_256_px_rendering() -> None:
    data = (ROOT / "careerdesk" / "resources" / "icons" / "careerdesk.png").read_bytes()
    assert png_size(data) == (256, 256)
    assert data == (PACKAGING / "icons" / "png" / "careerdesk-256.png").read_bytes()


def test_ico_holds_png_entries_16_to_256() -> None:
    data = (PACKAGING / "icons" / "careerdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _colors, _res, planes, bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        payload = data[offset : offset + length]
        assert len(payload) == length and (planes, bpp) == (1, 32)
        assert png_size(payload) == (w or 256, h or 256)
        sizes.append(w or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_png_entries_16_to_1024() -> None:
    data = (PACKAGING / "icons" / "careerdesk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    pos, found = 8, {}
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        found[kind] = png_size(data[pos + 8 : pos + length])[0]
        pos += length
    assert pos == len(data)
    assert found[b"icp4"] == 16 and found[b"ic07"] == 128 and found[b"ic10"] == 1024
    assert set(found.values()) == {16, 32, 64, 128, 256, 512, 1024}


def test_icon_writers_round_trip() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    make_icons = importlib.import_module("make_icons")
    pngs = {16: (PACKAGING / "icons" / "png" / "careerdesk-16.png").read_bytes()}
    ico = make_icons.ico_bytes(pngs)
    assert ico[6:8] == bytes([16, 16]) and ico.endswith(pngs[16])


# --- installer recipes ---------------------------------------------------------------------
def test_desktop_file_names_the_app_id() -> None:
    path = PACKAGING / "linux" / f"{APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == APP_NAME
    assert desktop["Exec"] == "careerdesk" and desktop["Icon"] == APP_ID
    assert desktop["Categories"].endswith(";")


def test_macos_entitlements_leave_out_camera_and_microphone() -> None:
    with (PACKAGING / "macos" / "entitlements.plist").open("rb") as fh:
        entitlements = plistlib.load(fh)
    assert not any(k.startswith("com.apple.security.device.") for k in entitlements)
    assert "com.apple.security.app-sandbox" not in entitlements


def test_windows_installer_is_per_user_and_asks_before_deleting_data() -> None:
    iss = (PACKAGING / "windows" / "careerdesk.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert 'Name: "{autoprograms}\\{#AppName}"' in iss  # Start-menu entry
    # platformdirs keeps everything under %LOCALAPPDATA%\<author> on Windows.
    assert f'#define DataDir "{{localappdata}}\\{APP_AUTHOR}"' in iss
    code = iss.split("[Code]", 1)[1]
    assert code.index("UninstallSilent") < code.index("MsgBox(") < code.index("DelTree(")
    assert "MB_DEFBUTTON2" in code  # "No" (keep the data) is the default answer


def test_ci_workflow_runs_the_same_linux_build_as_ci_run() -> None:
    workflow = (ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8")
    assert "debian:12" in workflow and ".ci/run" in workflow
    for os_name in ("windows-latest", "macos-latest"):
        assert os_name in workflow


# --- spec helpers ------------------------------------------------------------------------
def test_package_modules_walks_files_including_namespace_folders(tmp_path: Path) -> None:
    pkg = tmp_path / "app"
    for rel in ("__init__.py", "a.py", "sub/__init__.py", "sub/b.py", "data/ns/c.py", "m/env.py"):
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text("")
    (pkg / "sub" / "__pycache__").mkdir()
    (pkg / "sub" / "__pycache__" / "b.cpython-311.py").write_text("")
    names = spec_support.package_modules(pkg, skip=("app.m.env",))
    assert names == ["app", "app.a", "app.data.ns.c", "app.sub", "app.sub.b"]


def test_package_modules_lists_this_checkout() -> None:
    names = spec_support.package_modules(ROOT / "careerdesk", skip=())
    assert "careerdesk.selftest.checks.packaging" in names
    assert "careerdesk.resources.icons" in names


def test_tree_datas_keeps_data_and_optionally_python(tmp_path: Path) -> None:
    tree = tmp_path / "pkg" / "res"
    (tree / "media" / "__pycache__").mkdir(parents=True)
    for rel in ("clip.mp4", "media/x.json", "media/__pycache__/y.pyc", "media/__init__.py"):
        (tree / rel).write_text("")
    got = spec_support.tree_datas(tree, tmp_path, with_python=False)
    assert sorted((Path(s).name, d) for s, d in got) == [
        ("clip.mp4", "pkg/res"),
        ("x.json", "pkg/res/media"),
    ]
    assert len(spec_support.tree_datas(tree, tmp_path, with_python=True)) == 3


def test_module_constants_and_version_tuple() -> None:
    meta = spec_support.module_constants(ROOT / "careerdesk" / "__init__.py")
    assert (meta["APP_ID"], meta["APP_NAME"]) == (APP_ID, APP_NAME)
    checks = spec_support.module_constants(
        ROOT / "careerdesk" / "selftest" / "checks" / "packaging.py"
    )
    assert tuple(checks["LAZY_IMPORTS"]) == LAZY_IMPORTS
    assert spec_support.version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert spec_support.version_tuple("2") == (2, 0, 0, 0)


@pytest.mark.parametrize("name", LAZY_IMPORTS)
def test_lazy_imports_exist(name: str) -> None:
    assert importlib.util.find_spec(name) is not None


# --- Linux trimming ------------------------------------------------------------------------
def test_drop_with_orphans_removes_only_what_nothing_else_needs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph = {
        "/s/QtGui.so": ["libQt6DBus.so.6", "libFLAC.so.12"],
        "/s/libQt6DBus.so.6": ["libdbus-1.so.3"],
        "/s/libdbus-1.so.3": ["libsystemd.so.0"],
        "/s/libpulse.so.0": ["libsystemd.so.0", "libsndfile.so.1"],
        "/s/libsndfile.so.1": ["libFLAC.so.12", "libogg.so.0"],
        "/s/libsystemd.so.0": [],
        "/s/libFLAC.so.12": ["libogg.so.0"],
        "/s/libogg.so.0": [],
        "/s/libMultimedia.so.6": ["libpulse.so.0"],
    }
    monkeypatch.setattr(bundle_trim, "_needed", lambda src: graph[src])
    toc = [(Path(src).name, src, "BINARY") for src in graph]
    kept = bundle_trim.drop_with_orphans(toc, ["libpulse.so.0", "libdbus-1.so.3"])
    assert sorted(dest for dest, _, _ in kept) == [
        "QtGui.so",
        "libFLAC.so.12",  # QtGui still needs it
        "libMultimedia.so.6",
        "libQt6DBus.so.6",
        "libogg.so.0",  # needed by the kept libFLAC
    ]


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("readelf") is None,
    reason="needs Linux with readelf (binutils) on PATH",
)
def test_load_segment_check_accepts_a_real_library() -> None:
    import ssl

    lib = Path(importlib.import_module("_ssl").__file__)  # an ELF extension module
    assert ssl and bundle_trim._load_segments_aligned(lib, 4096)
    assert not bundle_trim._load_segments_aligned(Path(__file__), 4096)  # not ELF at all
