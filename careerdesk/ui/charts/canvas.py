"""One chart in the Skill charts tab: a matplotlib canvas, hover read-out, export buttons.

Importing this module imports matplotlib's QtAgg backend; only ``ChartsTab`` does, once the
tab is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.charts.queries import ChartsData
from careerdesk.render.charts.export import save_chart
from careerdesk.render.charts.figures import ChartResult, draw_chart, new_figure
from careerdesk.render.charts.hover import HoverController
from careerdesk.render.charts.theme import ChartTheme
from careerdesk.ui.charts.legend import LegendWidget
from careerdesk.ui.common import file_dialogs
from careerdesk.ui.shell.context import UiContext

SOURCES = (
    ("all", "All sources"),
    ("interview", "Interview practice"),
    ("assessment", "Assessments"),
)
FILTERS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)"}
EXPORT_DPI = 150


def trend_summary(data: ChartsData) -> str:
    """Improving and declining skills in words, grouped by direction and source."""
    parts = []
    for direction in ("improving", "declining"):
        groups = []
        for source, plural in (("interview", "interviews"), ("assessment", "assessments")):
            names = [
                data.name(t.skill_id)
                for t in data.trends
                if t.direction == direction and t.source == source
            ]
            if names:
                groups.append(f"{', '.join(names)} ({plural})")
        if groups:
            parts.append(f"{direction.capitalize()}: {'; '.join(groups)}.")
    if not parts:
        return "No clear trend yet: every skill is steady or has fewer than 3 points."
    return "Over the last 5 attempts — " + " ".join(parts)


def gap_summary(data: ChartsData) -> str:
    """The largest gaps to the target role, then the required skills never measured."""
    assert data.radar is not None
    axes = data.radar.axes
    gaps = sorted(
        (a for a in axes if a.current is not None and a.current < a.target),
        key=lambda a: (a.current or 0) - a.target,  # current is set: filtered above
    )
    missing = [a.label for a in axes if a.current is None]
    text = (
        "Biggest gaps: "
        + ", ".join(f"{a.label} ({a.target - (a.current or 0):.0f} to go)" for a in gaps[:3])
        + "."
        if gaps
        else "Every measured skill reaches its target."
    )
    if missing:
        text += f" Not measured yet: {', '.join(missing)}."
    return text


class ChartPanel(QWidget):
    """A chart that redraws from :class:`ChartsData` and the current theme.

    Drawing happens only while the panel is visible; a hidden panel remembers that it is out
    of date and redraws when shown. ``drawn`` fires after each redraw (tests, benchmark).
    """

    drawn = Signal(object)

    def __init__(
        self, key: str, title: str, ctx: UiContext, theme: Callable[[], ChartTheme]
    ) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.ctx = ctx
        self._theme = theme
        self.data: ChartsData | None = None
        self.result: ChartResult | None = None
        self._dirty = False
        self._user_keys: list[str] | None = None  # comparison choice, once the user made one

        self.figure = new_figure(8, 5, dpi=100)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(360, 260)
        self.canvas.setAccessibleName(f"{title} chart")
        self.hover = HoverController(self.figure, theme())
        self.hover.connect()
        # Constrained layout costs more than a redraw's budget, so it runs once per new
        # structure or size and is then frozen (see _after_draw).
        self._relayout = True
        self.canvas.mpl_connect("draw_event", self._after_draw)
        self.canvas.mpl_connect("resize_event", lambda _e: self._layout_again())

        top = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        top.addWidget(self.title_label)
        top.addSpacing(12)
        self.options = QHBoxLayout()
        top.addLayout(self.options)
        top.addStretch(1)
        self.export_png = QPushButton("Export &PNG…")
        self.export_svg = QPushButton("Export &SVG…")
        for fmt, button in (("png", self.export_png), ("svg", self.export_svg)):
            button.setToolTip(f"Save this chart as a {fmt.upper()} file")
            button.clicked.connect(lambda _c=False, f=fmt: self.export(f))
            top.addWidget(button)

        body = QHBoxLayout()
        body.addWidget(self.canvas, 1)
        self.side = QVBoxLayout()
        self.legend = LegendWidget()
        self.side.addWidget(self.legend)
        body.addLayout(self.side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.source_combo: QComboBox | None = None
        self.record_list: QListWidget | None = None
        if key == "progression":
            self.source_combo = QComboBox()
            for value, label in SOURCES:
                self.source_combo.addItem(label, value)
            self.source_combo.setAccessibleName("Series to show")
            self.source_combo.currentIndexChanged.connect(lambda _i: self.redraw())
            self.options.addWidget(QLabel("Show:"))
            self.options.addWidget(self.source_combo)
        elif key == "comparison":
            self.record_list = QListWidget()
            self.record_list.setMaximumWidth(260)
            self.record_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            self.record_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.record_list.setAccessibleName("Interviews and assessments to compare")
            self.record_list.itemChanged.connect(self._choice_changed)
            self.side.addWidget(QLabel("Compare:"))
            self.side.addWidget(self.record_list, 1)

    # -- data and drawing ----------------------------------------------------------------
    def options_now(self) -> dict[str, Any]:
        if self.source_combo is not None:
            return {"source": self.source_combo.currentData()}
        if self.record_list is not None and self.data is not None:
            return {"keys": self.chosen_keys()}
        return {}

    def show_data(self, data: ChartsData | None) -> None:
        if data is not None and self.data is not None and data.profile_id != self.data.profile_id:
            self._user_keys = None  # another learner: their latest interviews, not our ticks
        self.data = data
        if self.record_list is not None:
            self._fill_records()
        self.redraw()

    def redraw(self, *, force: bool = False) -> None:
        """Redraw now if visible (or ``force``), else when next shown."""
        if self.data is None:
            return
        if not (self.isVisible() or force):
            self._dirty = True
            return
        self._dirty = False
        theme = self._theme()
        # Title and legend are widgets here (free to repaint); files get them drawn in.
        self.result = draw_chart(
            self.key, self.figure, self.data, theme, chrome=False, **self.options_now()
        )
        self.title_label.setText(self.result.title)
        self.legend.show_entries(self.result.legend, self.result.legend_title)
        if not self.result.reused:
            self._layout_again()
        self.hover.set_targets(self.result.targets, theme)
        self.summary.setText(self._summary_text())
        self.canvas.draw_idle()
        self.drawn.emit(self.result)

    def _layout_again(self) -> None:
        self.figure.set_layout_engine("constrained")
        self._relayout = True

    def _after_draw(self, _event: Any) -> None:
        if self._relayout:
            self._relayout = False
            self.figure.set_layout_engine("none")  # keeps the positions just computed

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self.redraw()

    def _summary_text(self) -> str:
        data, result = self.data, self.result
        if data is None or result is None or result.empty:
            return ""
        if self.key == "progression":
            return trend_summary(data)
        if self.key == "radar" and data.radar is not None:
            return gap_summary(data)
        return ""

    # -- comparison choice ---------------------------------------------------------------
    def _fill_records(self) -> None:
        assert self.record_list is not None and self.data is not None
        keys = set(self.chosen_keys())
        self.record_list.blockSignals(True)
        self.record_list.clear()
        for record in reversed(self.data.records):  # newest first
            item = QListWidgetItem(record.label)
            item.setToolTip(f"{record.label} ({record.source})")
            item.setData(Qt.ItemDataRole.UserRole, record.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = record.key in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.record_list.addItem(item)
        self.record_list.blockSignals(False)

    def chosen_keys(self) -> list[str]:
        """Chosen records, oldest first: the user's ticks, else the latest three interviews."""
        if self.data is None:
            return []
        wanted = self._user_keys if self._user_keys is not None else self.data.default_comparison()
        return [r.key for r in self.data.records if r.key in set(wanted)]

    def set_chosen(self, keys: list[str]) -> None:
        self._user_keys = list(keys)
        if self.data is not None:
            self._fill_records()
        self.redraw()

    def _choice_changed(self, _item: QListWidgetItem) -> None:
        assert self.record_list is not None
        items = (self.record_list.item(i) for i in range(self.record_list.count()))
        self._user_keys = [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]
        self.redraw()

    # -- export --------------------------------------------------------------------------
    def export(self, fmt: str, path: str | None = None) -> None:
        """Ask for a file name (unless given) and save this chart there in the background."""
        if self.data is None:
            return
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            name = f"{self.data.profile_name}-{self.key}.{fmt}".replace(" ", "_")
            found = file_dialogs.save_file(
                self,
                f"Export {self.title} chart",
                purpose="chart-export",
                suggested=name,
                filter=FILTERS[fmt],
                start=folder,
            )
            if found is None:
                return
            path = str(found)
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        data, theme, options = self.data, self._theme(), self.options_now()
        # The figure's own size in inches (HiDPI-proof), at a print-friendly resolution.
        width, height = self.figure.get_size_inches()
        size = (max(width, 6.4), max(height, 4.0))
        self.ctx.status(f"Saving {target.name}…", 0)
        self.ctx.runner.run(
            lambda _s: save_chart(
                self.key, data, target, theme=theme, options=options, size_in=size, dpi=EXPORT_DPI
            ),
            name=f"export-{self.key}",
            on_success=lambda _r: self.ctx.status(f"Chart saved: {target}", 8000),
        )
