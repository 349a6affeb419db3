"""The one gate for everything CareerDesk hands to the desktop: links, documents, folders,
e-mails. No other module calls ``QDesktopServices.openUrl`` (a test checks).

* **Kiosk learner session** (or the picker): nothing leaves. The learner gets a friendly
  explanation and, for a web page or an e-mail, the address as selectable text and a QR code
  to take it away on a phone. This build has no embedded browser (QtWebEngine is not a
  dependency: ~280 MB), so the advisor has no "allowed sites" to choose from — the only
  safe setting is "nothing", and Settings → Kiosk says so.
* **Everywhere else** (a normal start, or the advisor signed in on a kiosk — they hold the
  PIN that closes the kiosk anyway): web and e-mail links open as before; a document opens
  only if it is a regular local file that is not a program (issue 19, "safe documents",
  rules in ``core/kernel/documents.py``); anything else is shown as text.

Tests replace the launcher with :func:`set_launcher` to record launches.
See docs/kiosk.md ("Leaving the app").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.documents import document_verdict, inspect_document
from careerdesk.core.kiosk.rules import TargetKind, classify_target, kiosk_refusal, takeaway_text
from careerdesk.ui.common import scope

log = logging.getLogger(__name__)

Launcher = Callable[[QUrl], bool]


_CATCH_ALL_SCHEMES = ("http", "https", "mailto", "file", "ftp", "smb")


class _CatchAll(QObject):
    """Registered with ``QDesktopServices.setUrlHandler`` in a kiosk: links Qt would open
    by itself (a rich-text label with external links, a text browser) come to the gate too."""

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        open_url(url, QApplication.activeWindow())


_catch_all: _CatchAll | None = None
_installed = False


def install_catch_all() -> None:
    """Route every ``QDesktopServices.openUrl`` of the common schemes through the gate
    (the kiosk controller calls this once)."""
    global _catch_all, _installed
    if _catch_all is None:
        _catch_all = _CatchAll()
    for scheme in _CATCH_ALL_SCHEMES:
        # PySide6 takes the slot name as str despite its stubs (bytes is rejected at run time).
        QDesktopServices.setUrlHandler(scheme, _catch_all, "handle")  # type: ignore[arg-type]
    _installed = True


def uninstall_catch_all() -> None:
    global _installed
    for scheme in _CATCH_ALL_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)
    _installed = False


def _desktop_launch(url: QUrl) -> bool:
    # With the catch-all installed, openUrl would come straight back here: step aside.
    installed = _installed
    if installed:
        uninstall_catch_all()
    try:
        return bool(QDesktopServices.openUrl(url))
    finally:
        if installed:
            install_catch_all()


_launcher: Launcher = _desktop_launch


def set_launcher(launcher: Launcher | None) -> Launcher:
    """Replace what really opens things (tests record launches); ``None`` restores the
    desktop. Returns the previous launcher."""
    global _launcher
    previous = _launcher
    _launcher = launcher or _desktop_launch
    return previous


def _launch(url: QUrl) -> bool:
    log.info("handing a %s link to the desktop", url.scheme() or "file")
    return bool(_launcher(url))


# -- the public gate ---------------------------------------------------------------------------
def open_url(url: str | QUrl, parent: QWidget | None = None) -> bool:
    """Open a web page (or an e-mail link, or a file given as a URL/path). True if handed
    to the desktop."""
    text = url.toString() if isinstance(url, QUrl) else str(url)
    kind = classify_target(text)
    if kind == "file":
        local = QUrl(text).toLocalFile() if text.lower().startswith("file:") else text
        return open_file(local, parent)
    if scope.current().kiosk:
        refuse(kind, text, parent)
        return False
    if kind == "other":
        show_as_text(
            "Open link",
            "CareerDesk opens only web pages (http, https) and e-mail links. The link is:",
            text,
            parent,
        )
        return False
    return _launch(QUrl(text))


def compose_mail(mailto: str, parent: QWidget | None = None) -> bool:
    """Hand a ``mailto:`` link to the mail client (refused in a kiosk)."""
    if classify_target(mailto) != "mail":
        raise ValueError("compose_mail needs a mailto: link")
    return open_url(mailto, parent)


def open_file(path: str | Path, parent: QWidget | None = None) -> bool:
    """Open a document with its desktop program — only a regular local file that is not a
    program; anything else is shown as text. Refused in a kiosk."""
    text = str(path)
    if scope.current().kiosk:
        refuse("file", text, parent)
        return False
    expanded = str(Path(text).expanduser()) if text.startswith("~") else text
    verdict, why = document_verdict(inspect_document(expanded))
    if verdict != "open":
        show_as_text("Open document", f"CareerDesk did not open this. {why} It is:", text, parent)
        return False
    return _launch(QUrl.fromLocalFile(expanded))


def open_folder(folder: str | Path, parent: QWidget | None = None) -> bool:
    """Show one of CareerDesk's own folders (data, logs) in the file manager. Refused in a
    kiosk; only an existing local folder."""
    if scope.current().kiosk:
        refuse("file", str(folder), parent)
        return False
    path = Path(folder)
    if not path.is_dir():
        show_as_text("Open folder", "This folder does not exist:", str(folder), parent)
        return False
    return _launch(QUrl.fromLocalFile(str(path)))


# -- what the user sees instead ----------------------------------------------------------------
class TakeAwayDialog(QDialog):
    """Why the kiosk keeps something inside, and the text (and QR code) to take with you."""

    def __init__(
        self, title: str, message: str, text: str, parent: QWidget | None, *, qr: bool
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.message = QLabel(message)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # user data never as rich text
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.qr_label: QLabel | None = None
        pixmap = qr_pixmap(text) if qr else None
        if pixmap is not None:
            self.qr_label = QLabel()
            self.qr_label.setPixmap(pixmap)
            self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.qr_label.setAccessibleName("QR code of the link")
            layout.addWidget(self.qr_label)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)  # selectable, so it can be read out or noted
        self.text.setMaximumHeight(90)
        self.text.setAccessibleName("Link")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def qr_pixmap(text: str, *, scale: int = 5) -> QPixmap | None:
    """A QR code of ``text`` (segno, pure Python); None if it does not fit in one."""
    try:
        import io

        import segno

        code = segno.make(text, error="m", micro=False)
        buffer = io.BytesIO()
        code.save(buffer, kind="png", scale=scale, border=2)
    except Exception as exc:  # too long for a QR code, or segno missing from a build
        log.info("no QR code for this link: %s", exc)
        return None
    pixmap = QPixmap()
    return pixmap if pixmap.loadFromData(buffer.getvalue(), "PNG") else None


_shown: set[TakeAwayDialog] = set()  # parentless dialogs must outlive the caller's frame


def _show(dialog: TakeAwayDialog) -> TakeAwayDialog:
    _shown.add(dialog)
    dialog.finished.connect(lambda _r, d=dialog: _shown.discard(d))
    dialog.open()
    return dialog


def refuse(kind: TargetKind, target: str, parent: QWidget | None) -> TakeAwayDialog:
    """Tell a kiosk learner why this stays inside (non-blocking; closed with the session)."""
    log.info("kiosk: kept a %s target inside", kind)
    takeaway = kind in ("web", "mail")
    dialog = TakeAwayDialog(
        "Not on this kiosk",
        kiosk_refusal(kind),
        takeaway_text(target) if takeaway else target,
        parent or QApplication.activeWindow(),
        qr=takeaway,
    )
    return _show(dialog)


def show_as_text(title: str, message: str, target: str, parent: QWidget | None) -> TakeAwayDialog:
    """Show a path or link as plain text instead of opening it."""
    dialog = TakeAwayDialog(title, message, target, parent or QApplication.activeWindow(), qr=False)
    return _show(dialog)
