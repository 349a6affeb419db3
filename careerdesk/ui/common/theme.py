"""The design system: colours as named roles, a type scale, spacing, one application style
sheet, light and dark (docs/design.md).

Widgets never name a colour. They ask for a role — ``theme.colour("danger")`` for painting,
``theme.hex_of("muted")`` inside rich text, or better ``theme.set_tone(label, "danger")``, which
sets a property that the application style sheet colours, so the widget follows a theme
switch without redrawing itself.

Light or dark follows the system's colour scheme (``QStyleHints.colorScheme()``) unless the
user chose one in Settings → Appearance. Every role pair used for text reaches WCAG AA
(4.5:1); ``tests/ui/test_theme.py`` checks it against hand-computed ratios.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QGroupBox, QWidget

from careerdesk.render.charts.theme import contrast_ratio as _hex_contrast

log = logging.getLogger(__name__)

MODES = ("system", "light", "dark")
# A widget that shortens its text on purpose ("…") sets this property to True, so the
# fit check (tests/ui/test_screens_fit.py) leaves it alone.
ELIDES = "elides"
# A scroll area meant to scroll sideways (the pipeline board's columns) sets this to True.
SCROLLS_SIDEWAYS = "scrolls_sideways"
AA_TEXT = 4.5  # WCAG 2.x minimum contrast for normal-size text
AA_GRAPHIC = 3.0  # WCAG 2.1 minimum for meaningful graphics (badges, bars, dots)
# The role that draws the keyboard focus ring; it must stand out 3:1 (WCAG 2.4.11 / 1.4.11)
# on every surface a focusable widget sits on (tests/ui/test_keyboard.py).
FOCUS_ROLE = "accent"
FOCUS_WIDTH = 2  # px


# -- spacing and type --------------------------------------------------------------------
class Space:
    """Spacing steps in pixels; layouts use these instead of ad-hoc numbers."""

    XS = 2
    S = 4
    M = 8
    L = 12
    XL = 16
    XXL = 24


# Point-size multipliers of the application font (which follows the desktop's setting).
TYPE_SCALE: dict[str, float] = {
    "caption": 0.9,
    "body": 1.0,
    "subtitle": 1.15,
    "title": 1.35,
    "display": 1.8,
}


def scaled_font_css(step: str) -> str:
    """A ``font-size`` declaration for a type-scale step, relative to the application font."""
    app = QGuiApplication.instance()
    base = QGuiApplication.font().pointSizeF() if app is not None else 10.0
    return f"font-size:{base * TYPE_SCALE[step]:.1f}pt"


def set_type(widget: QWidget, step: str, *, bold: bool = False) -> None:
    """Give a widget a type-scale step (and weight) without a style sheet."""
    font = widget.font()
    font.setPointSizeF(QGuiApplication.font().pointSizeF() * TYPE_SCALE[step])
    font.setBold(bold)
    widget.setFont(font)


# -- colour roles --------------------------------------------------------------------------
@dataclass(frozen=True)
class Palette:
    """Colour roles (``#rrggbb``). ``*_bg`` roles are tinted surfaces for notices and
    badges; text on them uses the matching foreground role."""

    name: str
    window: str  # the window behind everything
    surface: str  # cards, inputs, lists
    surface_alt: str  # alternate rows, code, chips
    text: str
    muted: str  # secondary text; still AA on every surface
    border: str
    accent: str  # links, focus, the primary action, current step
    on_accent: str  # text on an accent fill
    success: str
    warning: str
    danger: str
    info_bg: str
    success_bg: str
    warning_bg: str
    danger_bg: str
    selection: str
    on_selection: str

    def role(self, name: str) -> str:
        value = getattr(self, name, None)
        if not isinstance(value, str) or name == "name":
            raise KeyError(f"unknown colour role: {name}")
        return value


LIGHT = Palette(
    name="light",
    window="#f4f5f7",
    surface="#ffffff",
    surface_alt="#eceff3",
    text="#1c2430",
    muted="#4f5966",
    border="#c3c9d1",
    accent="#1a5fc8",
    on_accent="#ffffff",
    success="#1d7237",
    warning="#8a4b00",
    danger="#b3261e",
    info_bg="#e6effd",
    success_bg="#e5f3e9",
    warning_bg="#fdf1df",
    danger_bg="#fce9e7",
    selection="#1a5fc8",
    on_selection="#ffffff",
)

DARK = Palette(
    name="dark",
    window="#1c1e22",
    surface="#25282d",
    surface_alt="#2f3339",
    text="#e7e9ec",
    muted="#aeb5bf",
    border="#4b515a",
    accent="#82b1ff",
    on_accent="#0b1730",
    success="#74d08f",
    warning="#f2bd63",
    danger="#ff8c82",
    info_bg="#1d2c45",
    success_bg="#17311f",
    warning_bg="#3a2a10",
    danger_bg="#43201d",
    selection="#3d6fc0",
    on_selection="#ffffff",
)

PALETTES = {"light": LIGHT, "dark": DARK}

# Text roles and the backgrounds each may sit on: the pairs the contrast test checks.
TEXT_ROLES = ("text", "muted", "accent", "success", "warning", "danger")
SURFACES = ("window", "surface", "surface_alt")
TINTED = {
    "info_bg": "text",
    "success_bg": "success",
    "warning_bg": "warning",
    "danger_bg": "danger",
}

# Graphic hues for categories (pipeline stages, priorities, learning states). They are
# fills behind text chosen by :func:`text_on`, and marks that need 3:1 only.
STAGE_HUES: dict[str, str] = {
    "SAVED": "#6b7588",
    "APPLYING": "#5668c4",
    "APPLIED": "#2f6fd6",
    "SCREENING": "#0a77a8",
    "PHONE_INTERVIEW": "#0f8577",
    "TECHNICAL_INTERVIEW": "#0c7f5a",
    "ONSITE_INTERVIEW": "#1b7f45",
    "FINAL_INTERVIEW": "#4d7c0f",
    "OFFER_RECEIVED": "#b45f06",
    "NEGOTIATING": "#c2410c",
    "ACCEPTED": "#15803d",
    "REJECTED": "#c62828",
    "WITHDRAWN": "#5f6672",
    "GHOSTED": "#6e7683",
}
PRIORITY_HUES = {1: "#6e7683", 2: "#2f6fd6", 3: "#c81e4a"}
# Event kinds on a timeline (pipeline history); any other kind uses "other".
EVENT_HUES = {
    "created": "#5f6672",
    "state": "#2f6fd6",
    "reverted": "#8b3fd1",
    "note": "#8a5a00",
    "other": "#0f766e",
}

# Fit verdicts, learning states and advisor flags: solid fills with :func:`text_on` text.
VERDICT_HUES = {
    "apply_now": "#1d7237",
    "learn_first": "#8a4b00",
    "reconsider": "#b3261e",
    "unknown": "#5f6672",
}
STATUS_HUES = {"NOT_STARTED": "#5f6672", "IN_PROGRESS": "#8a4b00", "DONE": "#1d7237"}
FLAG_HUES = {"needs_support": "#b3261e", "stalled": "#6d4c41", "improving_fast": "#1d7237"}


class RoleMap(Mapping[str, QColor]):
    """Keys mapped to colour roles, read in the theme in force at each lookup (so a module
    level table still follows a theme switch)."""

    def __init__(self, roles: dict[str, str]) -> None:
        self._roles = roles

    def __getitem__(self, key: str) -> QColor:
        return colour(self._roles[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._roles)

    def __len__(self) -> int:
        return len(self._roles)


def contrast_ratio(foreground: str | QColor, background: str | QColor) -> float:
    """WCAG 2.x contrast ratio (1–21) of two colours given as ``#rrggbb`` or QColor."""
    fg = foreground.name() if isinstance(foreground, QColor) else foreground
    bg = background.name() if isinstance(background, QColor) else background
    return _hex_contrast(fg, bg)


def mark(hue: str, *, minimum: float = AA_GRAPHIC, on: str = "window") -> str:
    """A category hue as a mark ("●") on the current theme's ``on`` role: the hue itself
    where it stands out ``minimum``:1 (3:1, WCAG's figure for graphics), else moved towards
    the text colour until it does (dark theme: the dark hues are lifted)."""
    p = current()
    background = p.role(on)
    colour = hue
    for step in range(1, 11):
        if contrast_ratio(colour, background) >= minimum:
            return colour
        colour = _mix(hue, p.text, step / 10)
    return colour


def ink(hue: str, on: str = "surface") -> str:
    """A category hue for text on ``on``: the hue where it reaches 4.5:1, else lifted."""
    return mark(hue, minimum=AA_TEXT, on=on)


def text_on(fill: str) -> str:
    """Black-ish or white text, whichever reads better on ``fill``."""
    dark, light = LIGHT.text, "#ffffff"
    return dark if contrast_ratio(dark, fill) >= contrast_ratio(light, fill) else light


# -- the current theme -------------------------------------------------------------------
class _ThemeState(QObject):
    """Which palette is in force; ``changed`` fires after a switch (charts, rich text)."""

    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.mode = "system"
        self.palette: Palette = LIGHT
        self.hooked = False


_state: _ThemeState | None = None


def _current_state() -> _ThemeState:
    global _state
    if _state is None:
        _state = _ThemeState()
    return _state


def current() -> Palette:
    return _current_state().palette if _state is not None else LIGHT


def changed() -> SignalInstance:
    """The signal fired (with the new :class:`Palette`) after the theme switches."""
    return _current_state().changed


def hex_of(role: str) -> str:
    """A role's colour as ``#rrggbb`` for rich text, in the theme now in force."""
    return current().role(role)


def colour(role: str) -> QColor:
    return QColor(current().role(role))


def stage_colour(state: str) -> QColor:
    return QColor(STAGE_HUES.get(state, STAGE_HUES["SAVED"]))


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve(mode: str) -> Palette:
    """The palette for a Settings choice: "light", "dark" or "system"."""
    if mode == "dark" or (mode == "system" and system_is_dark()):
        return DARK
    return LIGHT


def qpalette(p: Palette) -> QPalette:
    """A QPalette with every role the widgets read, from the theme's roles."""
    pal = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: p.window,
        role.WindowText: p.text,
        role.Base: p.surface,
        role.AlternateBase: p.surface_alt,
        role.Text: p.text,
        role.Button: p.surface_alt,
        role.ButtonText: p.text,
        role.BrightText: p.on_accent,
        role.ToolTipBase: p.surface,
        role.ToolTipText: p.text,
        role.PlaceholderText: p.muted,
        role.Highlight: p.selection,
        role.HighlightedText: p.on_selection,
        role.Link: p.accent,
        role.LinkVisited: p.accent,
        role.Light: p.surface,
        role.Midlight: p.surface_alt,
        role.Mid: p.border,
        role.Dark: p.border,
        role.Shadow: p.border,
        role.Accent: p.accent,
    }
    for r, value in pairs.items():
        pal.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        # Disabled text is exempt from WCAG's contrast rule; it only has to look inactive.
        pal.setColor(disabled, r, QColor(_mix(p.text, p.window, 0.45)))
    return pal


def _mix(a: str, b: str, t: float) -> str:
    ca, cb = QColor(a), QColor(b)
    return QColor(
        round(ca.red() + (cb.red() - ca.red()) * t),
        round(ca.green() + (cb.green() - ca.green()) * t),
        round(ca.blue() + (cb.blue() - ca.blue()) * t),
    ).name()


def style_sheet(p: Palette) -> str:
    """The one application style sheet, built from the roles.

    Kept small: each rule costs style-sheet matching on every polish. Tones are properties
    (``tone="danger"``) so a switch recolours them without the widget's help.
    """
    tones = "\n".join(
        f'QLabel[tone="{name}"] {{ color: {p.role(name)}; }}'
        for name in ("muted", "accent", "success", "warning", "danger")
    )
    notices = "\n".join(
        f'QLabel[notice="{kind}"], QFrame[notice="{kind}"] {{ background: {p.role(kind + "_bg")};'
        f" color: {p.role(TINTED[kind + '_bg'])}; border: 1px solid {p.border};"
        f" border-radius: 6px; padding: {Space.M}px; }}"
        for kind in ("info", "success", "warning", "danger")
    )
    return f"""
QToolTip {{ color: {p.text}; background: {p.surface}; border: 1px solid {p.border}; }}
{focus_rules(p)}
QGroupBox {{ border: 1px solid {p.border}; border-radius: 6px; margin-top: 1.2em;
    padding-top: {Space.S}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {Space.M}px; padding: 0 {Space.S}px; }}
QGroupBox[section="true"] {{ border: none; border-radius: 0; margin-top: 1.5em;
    padding-top: {Space.S}px; font-weight: 600; }}
QGroupBox[section="true"]::title {{ subcontrol-origin: margin; left: 0; padding: 0; }}
*[card="true"] {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 8px; }}
{tones}
{notices}
QLabel[chip="true"] {{ background: {p.surface_alt}; color: {p.text}; border-radius: 9px;
    padding: 2px 10px; }}
"""


def focus_rules(p: Palette) -> str:
    """A visible keyboard focus ring: a {FOCUS_WIDTH}px border in the focus role.

    Each widget kind keeps a transparent (or its usual) border of the same width when not
    focused, so taking focus never moves its content. Buttons and fields are drawn by the
    style sheet (one look in both themes). Combo and spin boxes keep Fusion's frame, which
    turns the palette's highlight colour on focus: styling their border would drop the
    drop-down arrows. Lists, tables and text views get the ring only while focused, so their
    own frames (or none, the board's columns) stay as they are.
    """
    ring = p.role(FOCUS_ROLE)
    w = FOCUS_WIDTH
    hover = _mix(p.surface_alt, p.accent, 0.10)
    pressed = _mix(p.surface_alt, p.accent, 0.22)
    disabled = _mix(p.text, p.window, 0.45)
    return f"""
QPushButton {{ background: {p.surface_alt}; color: {p.text}; border: 1px solid {p.border};
    border-radius: 6px; padding: {Space.S}px {Space.L}px; min-height: 1.3em; }}
QPushButton:hover {{ background: {hover}; }}
QPushButton:pressed, QPushButton:checked {{ background: {pressed}; }}
QPushButton:disabled {{ color: {disabled}; }}
QPushButton:focus {{ border: {w}px solid {ring}; padding: {Space.S - 1}px {Space.L - 1}px; }}
QToolButton {{ border: {w}px solid transparent; border-radius: 4px; padding: 1px; }}
QToolButton:hover {{ background: {hover}; }}
QToolButton:focus {{ border-color: {ring}; }}
QCheckBox, QRadioButton {{ border: {w}px solid transparent; border-radius: 4px; padding: 1px; }}
QCheckBox:focus, QRadioButton:focus {{ border-color: {ring}; }}
QLineEdit, QPlainTextEdit {{ border: 1px solid {p.border}; border-radius: 4px;
    background: {p.surface}; }}
QLineEdit {{ padding: 2px {Space.S}px; min-height: 1.3em; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractItemView:focus {{
    border: {w}px solid {ring}; }}
QLineEdit:focus {{ padding: 1px {Space.S - 1}px; }}
QComboBox QLineEdit, QComboBox QLineEdit:focus, QAbstractSpinBox QLineEdit,
QAbstractSpinBox QLineEdit:focus {{ border: none; padding: 0; background: transparent;
    min-height: 0; }}
QComboBox, QAbstractSpinBox {{ border: 1px solid {p.border}; border-radius: 4px;
    background: {p.surface}; color: {p.text}; padding: 2px {Space.S}px; min-height: 1.3em; }}
QComboBox:focus, QAbstractSpinBox:focus {{ border: {w}px solid {ring};
    padding: 1px {Space.S - 1}px; }}
QComboBox:disabled, QAbstractSpinBox:disabled {{ color: {disabled}; }}
QComboBox::drop-down, QDateTimeEdit::drop-down {{ subcontrol-origin: padding;
    subcontrol-position: center right; width: 18px; border: none; }}
QComboBox::down-arrow, QDateTimeEdit::down-arrow, QAbstractSpinBox::down-arrow {{
    image: url({_arrow("down", p.text)}); width: 10px; height: 10px; }}
QAbstractSpinBox::up-arrow {{ image: url({_arrow("up", p.text)}); width: 8px; height: 8px; }}
QAbstractSpinBox::down-arrow {{ width: 8px; height: 8px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ border: none; width: 16px;
    subcontrol-origin: border; }}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QComboBox QAbstractItemView {{ border: 1px solid {p.border}; }}
QTabBar::tab {{ background: {p.surface_alt}; color: {p.text}; border: 1px solid {p.border};
    border-bottom: none; border-top-left-radius: 6px; border-top-right-radius: 6px;
    padding: {Space.S}px {Space.L}px; margin-right: 2px; }}
QTabBar::tab:selected {{ background: {p.surface}; }}
QTabBar::tab:hover {{ background: {hover}; }}
QTabBar::tab:focus {{ background: {p.info_bg}; border-color: {ring}; }}
QTabWidget::pane {{ border: 1px solid {p.border}; top: -1px; }}
QScrollArea:focus {{ border: {w}px solid {ring}; }}
QSlider:focus {{ border: 1px solid {ring}; border-radius: 4px; }}
"""


def _arrow(direction: str, colour: str) -> str:
    """A small arrow for combo and spin boxes in ``colour``, as a file the style sheet can
    name: styling a combo box's frame drops the style's own arrow, and Qt style sheets read
    images from files or resources only. Written once per colour to the temp folder."""
    folder = Path(tempfile.gettempdir()) / "careerdesk-theme"
    path = folder / f"{direction}-{colour.lstrip('#')}.svg"
    if not path.exists():
        points = "1,3 5,7 9,3" if direction == "down" else "1,7 5,3 9,7"
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.6" '
            'stroke-linecap="round" stroke-linejoin="round"/></svg>'
        )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
        except OSError:
            log.warning("cannot write the theme's arrow to %s", path)
    return path.as_posix()


def apply(mode: str = "system", app: QApplication | None = None) -> Palette:
    """Put ``mode``'s palette and style sheet on the application; follows the system's
    scheme while ``mode`` is "system". Returns the palette now in force."""
    if mode not in MODES:
        log.warning("unknown theme mode %r; following the system", mode)
        mode = "system"
    qt = app or QApplication.instance()
    state = _current_state()
    state.mode = mode
    if not isinstance(qt, QApplication):
        return state.palette
    if not state.hooked:
        state.hooked = True
        QGuiApplication.styleHints().colorSchemeChanged.connect(_system_scheme_changed)
    palette = resolve(mode)
    if qt.style().name().lower() != "fusion":
        # The native styles draw some controls with their own colours whatever the palette
        # says (Windows 11, macOS); Fusion draws everything from it, in both themes.
        qt.setStyle("Fusion")
    qt.setPalette(qpalette(palette))
    qt.setStyleSheet(style_sheet(palette))
    switched = palette is not state.palette
    state.palette = palette
    if switched:
        state.changed.emit(palette)
    return palette


def _system_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    state = _current_state()
    if state.mode == "system":
        apply("system")


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Colour a label's text by role ("muted", "success", "warning", "danger", "accent"),
    or back to normal text with None. Follows theme switches."""
    widget.setProperty("tone", tone or "")
    _repolish(widget)


def set_notice(widget: QWidget, kind: str | None) -> None:
    """Show a label or frame as a tinted notice: "info", "success", "warning" or "danger"."""
    widget.setProperty("notice", kind or "")
    _repolish(widget)


def section_box(title: str, parent: QWidget | None = None) -> QGroupBox:
    """A titled section of a screen: a bold heading and space above, no frame (docs/design.md,
    "Sections"). A group box underneath, so a layout is installed on it as on any box."""
    box = QGroupBox(title, parent)
    box.setProperty("section", True)
    box.setFlat(True)
    return box


def mark_elided(widget: QWidget) -> None:
    """Say that ``widget`` (and what it contains) elides long text on purpose."""
    widget.setProperty(ELIDES, True)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def role_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Palette) if f.name != "name")


def mode_in_settings(settings_path: Path) -> str:
    """The theme chosen in the settings file, read with plain ``json`` before the app is
    built (like kiosk mode), so the first paint is already in the right theme."""
    try:
        data = json.loads(settings_path.read_text(encoding="utf-8"))
        mode = data.get("appearance", {}).get("theme", "system")
    except (OSError, ValueError, AttributeError):
        return "system"
    return mode if mode in MODES else "system"
