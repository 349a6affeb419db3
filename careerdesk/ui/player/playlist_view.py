"""The player's playlist: one row per item with its state, share watched and any media error."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from careerdesk.core.player.queries import PlaylistEntry
from careerdesk.core.player.rules import DONE, IN_PROGRESS
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.ui.common import theme

ID_ROLE = Qt.ItemDataRole.UserRole
ICON_SIZE = 22
# Icon fills: solid hues with a white glyph, the same in both themes.
_DONE = QColor(theme.STATUS_HUES["DONE"])
_PROGRESS = QColor(theme.STAGE_HUES["APPLIED"])
_ERROR = QColor(theme.VERDICT_HUES["learn_first"])
_PAGE = QColor(theme.STATUS_HUES["NOT_STARTED"])


def format_time(seconds: float | None) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a duration or position in seconds."""
    if seconds is None or seconds < 0:
        return "–:––"
    total = int(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def state_label(entry: PlaylistEntry) -> str:
    """Short words for the row's second line and for screen readers."""
    if entry.media_error:
        return "Cannot play"
    if entry.state == DONE:
        return "Watched"
    if not entry.playable:
        return "Opened" if entry.state == IN_PROGRESS else "Web page"
    if entry.state == IN_PROGRESS:
        return f"{round(entry.watched_fraction * 100)}% watched"
    return "Not started"


def _round_pen(width: float) -> QPen:
    pen = QPen(QColor(theme.text_on(_DONE.name())), width)  # the glyph on a solid fill
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _icon(entry: PlaylistEntry) -> QIcon:
    """A small pie of the share watched; a tick when DONE; "!" when it cannot play."""
    ratio = 2
    pix = QPixmap(ICON_SIZE * ratio, ICON_SIZE * ratio)
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(2, 2, ICON_SIZE - 4, ICON_SIZE - 4)
    if entry.media_error:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_ERROR)
        p.drawEllipse(box)
        p.setPen(_round_pen(2.4))
        p.drawLine(QPointF(11, 6.5), QPointF(11, 12.5))
        p.drawPoint(QPointF(11, 16))
    elif entry.state == DONE:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_DONE)
        p.drawEllipse(box)
        p.setPen(_round_pen(2.2))
        p.drawPolyline([QPointF(6.5, 11.5), QPointF(9.8, 14.8), QPointF(15.5, 7.8)])
    else:
        colour = _PAGE if not entry.playable else _PROGRESS
        p.setPen(QPen(colour, 1.6))
        # A white face keeps the icon readable on a selected (highlighted) row.
        p.setBrush(QColor(theme.text_on(_PROGRESS.name())))
        p.drawEllipse(box)
        if not entry.playable:
            # A page: a small globe (meridian and equator).
            p.drawEllipse(QRectF(7.5, 2, 7, ICON_SIZE - 4))
            p.drawLine(QPointF(2, 11), QPointF(20, 11))
        elif entry.watched_fraction > 0:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(colour))
            span = -int(360 * 16 * min(1.0, entry.watched_fraction))
            p.drawPie(box.adjusted(2.5, 2.5, -2.5, -2.5), 90 * 16, span)
    p.end()
    return QIcon(pix)


class PlaylistView(QListWidget):
    """Rows of :class:`PlaylistEntry`; ``entry_activated(content_id)`` on double-click/Enter."""

    entry_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setAccessibleName("Playlist")
        self._entries: dict[int, PlaylistEntry] = {}
        self._current: int | None = None
        self.itemActivated.connect(self._on_activated)

    # -- content ---------------------------------------------------------------------------
    def set_entries(self, entries: list[PlaylistEntry], *, headers: bool = False) -> None:
        """Show ``entries`` in order; with ``headers``, a heading row before each course."""
        self.clear()
        self._entries = {e.content_id: e for e in entries}
        last_course: object = object()
        for entry in entries:
            if headers and entry.course_id != last_course:
                last_course = entry.course_id
                self._add_header(entry.course_title or "Single videos and links")
            item = QListWidgetItem()
            item.setData(ID_ROLE, entry.content_id)
            self.addItem(item)
            self._paint_row(item, entry)
        self._mark_current()

    def _add_header(self, text: str) -> None:
        item = QListWidgetItem(text)
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.addItem(item)

    def _paint_row(self, item: QListWidgetItem, entry: PlaylistEntry) -> None:
        details = [state_label(entry)]
        if entry.duration_s:
            details.append(format_time(entry.duration_s))
        if not entry.owned:
            details.append("from the catalogue")
        elif entry.skills:
            details.append("teaches " + ", ".join(skill_names(entry.skills)))
        elif entry.playable:
            details.append("no skills yet (right-click to add)")
        item.setText(f"{entry.title}\n{' · '.join(details)}")
        item.setIcon(_icon(entry))
        tip = [entry.title, entry.location]
        if entry.media_error:
            tip.append(f"⚠ {entry.media_error}")
        elif not entry.playable:
            tip.append("Opens in your web browser; mark it watched here when done.")
        item.setToolTip("\n".join(tip))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}, {state_label(entry)}")

    def update_entry(self, entry: PlaylistEntry) -> None:
        """Repaint one row with fresher progress (no-op when the item is not listed)."""
        if entry.content_id not in self._entries:
            return
        self._entries[entry.content_id] = entry
        item = self._item(entry.content_id)
        if item is not None:
            self._paint_row(item, entry)
            self._mark_current()

    # -- queries ---------------------------------------------------------------------------
    def entries(self) -> list[PlaylistEntry]:
        out = []
        for row in range(self.count()):
            cid = self.item(row).data(ID_ROLE)
            if cid is not None:
                out.append(self._entries[cid])
        return out

    def entry(self, content_id: int) -> PlaylistEntry | None:
        return self._entries.get(content_id)

    def selected_entry(self) -> PlaylistEntry | None:
        item = self.currentItem()
        cid = item.data(ID_ROLE) if item is not None else None
        return self._entries.get(cid) if cid is not None else None

    def neighbour(self, content_id: int | None, step: int) -> PlaylistEntry | None:
        """The entry ``step`` rows after (or before) ``content_id`` in this list."""
        ids = [e.content_id for e in self.entries()]
        if not ids:
            return None
        if content_id not in ids:
            return self._entries[ids[0]] if step > 0 else None
        index = ids.index(content_id) + step
        return self._entries[ids[index]] if 0 <= index < len(ids) else None

    # -- current item ----------------------------------------------------------------------
    def set_current(self, content_id: int | None) -> None:
        self._current = content_id
        self._mark_current()
        item = self._item(content_id) if content_id is not None else None
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def _mark_current(self) -> None:
        for row in range(self.count()):
            item = self.item(row)
            cid = item.data(ID_ROLE)
            if cid is None:
                continue
            font = QFont(self.font())
            font.setBold(cid == self._current)
            item.setFont(font)

    def _item(self, content_id: int | None) -> QListWidgetItem | None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ID_ROLE) == content_id:
                return item
        return None

    def _on_activated(self, item: QListWidgetItem) -> None:
        cid = item.data(ID_ROLE)
        if cid is not None:
            self.entry_activated.emit(int(cid))


def skill_names(skill_ids: list[str]) -> list[str]:
    """The catalogue names of ``skill_ids`` (an unknown id is shown as it is)."""
    skills = load_catalog().skills
    return [skills[k].name if k in skills else k for k in skill_ids]
