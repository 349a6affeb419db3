"""CareerDesk's override of PyInstaller's ``PySide6.QtNetwork`` hook (user hooks win).

Same collection as upstream (including the TLS backends), minus the ``networkinformation``
plugins: CareerDesk never asks Qt about network reachability, and the plugins link the
build machine's GLib/NetworkManager/ConnMan client libraries.

When upgrading PyInstaller (pinned below 7 in pyproject.toml), compare with its own hook.
"""

from __future__ import annotations

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies, pyside6_library_info

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries += pyside6_library_info.collect_qtnetwork_files()
binaries = [b for b in binaries if PurePath(b[0]).parent.name != "networkinformation"]
