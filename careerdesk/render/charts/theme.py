"""Chart colours for light and dark palettes (no matplotlib or Qt import here).

The series colours are the Okabe–Ito palette, which stays distinguishable for the common
forms of colour blindness, adjusted so every series colour has at least 3:1 contrast with
its background (WCAG's figure for graphics): on white, yellow and sky blue are dropped and
orange darkened; on dark grey, black is dropped and the darker colours lifted.
"""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito (2008), ordered so the first colours are the most distinct from each other.
LIGHT_CYCLE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#B87D00",  # orange, darkened to reach 3:1 contrast on white
    "#882255",  # wine (Paul Tol) instead of sky blue, which is too pale on white
    "#4D4D4D",  # dark grey instead of black
)
DARK_CYCLE: tuple[str, ...] = (
    "#56B4E9",  # sky blue
    "#E69F00",  # orange
    "#2EC4A0",  # bluish green, lifted for contrast on dark grey
    "#F0E442",  # yellow
    "#E59BC6",  # reddish purple, lifted
    "#FF8A3D",  # vermillion, lifted
    "#D9D9D9",  # light grey instead of black
)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def lightness(hex_colour: str) -> float:
    """HSL lightness (0–1) of a ``#rrggbb`` colour, as QColor.lightnessF() computes it."""
    r, g, b = _rgb(hex_colour)
    return (max(r, g, b) + min(r, g, b)) / 2


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1–21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class ChartTheme:
    """Colours for one palette: :data:`LIGHT`, :data:`DARK` or :meth:`from_palette`."""

    dark: bool
    figure_bg: str
    axes_bg: str
    text: str
    muted: str
    grid: str
    cycle: tuple[str, ...]

    @classmethod
    def from_palette(cls, window: str, base: str, text: str) -> ChartTheme:
        """A theme matching the desktop palette: its window, base (input field) and text
        colours as ``#rrggbb``. Dark when the window colour's lightness is below one half."""
        dark = lightness(window) < 0.5
        reference = DARK if dark else LIGHT
        # Muted text and grid lines sit between the text and the background colours.
        return cls(
            dark=dark,
            figure_bg=window,
            axes_bg=base,
            text=text,
            muted=_mix(text, window, 0.35),
            grid=_mix(text, base, 0.82),
            cycle=reference.cycle,
        )

    def colour(self, index: int) -> str:
        return self.cycle[index % len(self.cycle)]


LIGHT = ChartTheme(
    dark=False,
    figure_bg="#FFFFFF",
    axes_bg="#FFFFFF",
    text="#1F1F1F",
    muted="#5F5F5F",
    grid="#DADADA",
    cycle=LIGHT_CYCLE,
)
DARK = ChartTheme(
    dark=True,
    figure_bg="#262626",
    axes_bg="#2E2E2E",
    text="#EDEDED",
    muted="#B0B0B0",
    grid="#4A4A4A",
    cycle=DARK_CYCLE,
)


def _mix(a: str, b: str, t: float) -> str:
    """``a`` moved towards ``b`` by fraction ``t``."""
    ra, rb = _rgb(a), _rgb(b)
    mixed = (round(255 * (x + (y - x) * t)) for x, y in zip(ra, rb, strict=True))
    return "#" + "".join(f"{v:02X}" for v in mixed)
