"""CareerDesk's override of PyInstaller's ``PySide6.QtGui`` hook (user hooks take precedence).

Same collection as upstream, minus Qt plugins a desktop CareerDesk never loads. Dropping
them here, before PyInstaller's binary dependency analysis, also keeps out what they link:
the virtual keyboard (and its QML), the EGL/KMS device integrations, and the GTK, Cairo and
Pango libraries of the build machine that the GTK3 platform theme would drag in (a bundled
GTK that differs from the user's GTK is worse than none; file dialogs stay native through
the xdg-desktop-portal theme, which is kept).

When upgrading PyInstaller (pinned below 7 in pyproject.toml), compare with its own hook.
"""

from __future__ import annotations

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)

# (plugin folder, file-name stem or "*" for the whole folder)
_UNUSED_PLUGINS = {
    ("egldeviceintegrations", "*"),  # only for the eglfs platform
    ("generic", "*"),  # evdev/tslib/TUIO input for eglfs and linuxfb
    ("platforms", "libqeglfs"),
    ("platforms", "libqlinuxfb"),
    ("platforms", "libqminimalegl"),
    ("platforms", "libqvnc"),
    ("platforms", "libqvkkhrdisplay"),
    ("platforminputcontexts", "libqtvirtualkeyboardplugin"),
    ("platforminputcontexts", "qtvirtualkeyboardplugin"),
    ("platformthemes", "libqgtk3"),
    ("imageformats", "libqtiff"),
    ("imageformats", "qtiff"),
    ("imageformats", "libqtga"),
    ("imageformats", "qtga"),
    ("imageformats", "libqwbmp"),
    ("imageformats", "qwbmp"),
    ("imageformats", "libqwebp"),
    ("imageformats", "qwebp"),
    # PDF pages as images (QtPdf, 4.5 MB): résumés are read with pypdf, never as a QImage.
    ("imageformats", "libqpdf"),
    ("imageformats", "qpdf"),
}


def _wanted(src: str) -> bool:
    path = PurePath(src)
    folder = path.parent.name
    stem = path.name.split(".")[0]
    return (folder, "*") not in _UNUSED_PLUGINS and (folder, stem) not in _UNUSED_PLUGINS


binaries = [entry for entry in binaries if _wanted(entry[0])]
