"""Helpers for build.spec that read the source tree without importing it.

Kept out of the spec so tests can exercise them (``tests/test_packaging_assets.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path


def module_constants(module_file: Path) -> dict[str, object]:
    """Module-level ``NAME = <literal>`` assignments of a Python file."""
    found: dict[str, object] = {}
    for node in ast.parse(module_file.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            try:
                value = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError):
                continue  # not a literal
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = value
    return found


def package_modules(package_dir: Path, skip: tuple[str, ...]) -> list[str]:
    """Dotted names of every module under ``package_dir``, found on disk.

    Walking the files (rather than collect_submodules, which imports the package) always
    describes the tree next to this spec, even when another checkout of careerdesk is the
    one installed in the environment, and it also sees modules in namespace folders.
    """
    names = []
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if not name.startswith(skip):
            names.append(name)
    return names


def tree_datas(folder: Path, root: Path, *, with_python: bool) -> list[tuple[str, str]]:
    """Every file under ``folder`` as (source, destination folder relative to ``root``),
    bytecode caches left out; ``.py`` files only ``with_python``."""
    out = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        if path.suffix == ".py" and not with_python:
            continue
        out.append((str(path), str(path.parent.relative_to(root))))
    return out


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'1.2.3rc1' -> (1, 2, 3, 0): the numeric prefix of each part, padded to four."""
    numbers = []
    for part in version.split(".")[:4]:
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        numbers.append(int(digits or 0))
    return tuple([*numbers, 0, 0, 0, 0][:4])


def windows_version_strings(
    version: str, app_name: str, author: str, exe_name: str
) -> dict[str, str]:
    """The StringFileInfo entries of the Windows version resource."""
    return {
        "CompanyName": author,
        "FileDescription": app_name,
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": f"© {author}",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": app_name,
        "ProductVersion": version,
    }


def write_windows_version_file(target: Path, version: str, strings: dict[str, str]) -> str:
    """Write a PyInstaller version-info file for ``version``; returns its path."""
    from PyInstaller.utils.win32 import versioninfo as vi  # needs pefile: Windows builds only

    nums = version_tuple(version)
    info = vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=nums, prodvers=nums),
        kids=[
            vi.StringFileInfo(
                [vi.StringTable("040904B0", [vi.StringStruct(k, v) for k, v in strings.items()])]
            ),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),  # en-US, Unicode
        ],
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(str(info), encoding="utf-8")
    return str(target)


# The shipped "Desktop app" OAuth client (careerdesk/integrations/google/auth.py reads it).
SHIPPED_CLIENT_NAME = "google_oauth_client.json"
SHIPPED_CLIENT_ENV = "CAREERDESK_GOOGLE_CLIENT_FILE"


def shipped_client_datas(source: str | None, workdir: Path) -> list[tuple[str, str]]:
    """The OAuth client file named by ``CAREERDESK_GOOGLE_CLIENT_FILE`` as a bundle data entry.

    ``source`` empty: nothing (the bundle offers bring-your-own). Otherwise the file must be a
    Google "Desktop app" client JSON (``installed`` with ``client_id`` and ``client_secret``);
    anything else stops the build with a message, so an installer never ships a broken
    button. It is copied under its fixed name into ``workdir`` (the build folder, never the
    source tree) and lands in ``careerdesk/resources`` of the bundle.
    """
    import json

    if not source or not source.strip():
        return []
    path = Path(source.strip()).expanduser()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{SHIPPED_CLIENT_ENV}: cannot read {path} as JSON ({exc})") from exc
    installed = data.get("installed") if isinstance(data, dict) else None
    if not isinstance(installed, dict) or not all(
        isinstance(installed.get(k), str) and installed[k] for k in ("client_id", "client_secret")
    ):
        raise SystemExit(
            f"{SHIPPED_CLIENT_ENV}: {path} is not a Google 'Desktop app' OAuth client JSON "
            "(an 'installed' object with client_id and client_secret)"
        )
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / SHIPPED_CLIENT_NAME
    target.write_text(json.dumps(data), encoding="utf-8")
    return [(str(target), "careerdesk/resources")]
