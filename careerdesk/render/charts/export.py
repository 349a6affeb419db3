"""Save charts as PNG or SVG files with matplotlib's non-interactive renderers (no Qt).

Every save draws into a fresh ``Figure``, so an export can run on a worker thread while the
Qt tab keeps drawing its own figures on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from careerdesk.core.charts.queries import ChartsData
from careerdesk.core.kernel.errors import UserError
from careerdesk.render.charts.figures import CHART_KEYS, ChartResult, draw_chart, new_figure
from careerdesk.render.charts.theme import LIGHT, ChartTheme

FORMATS = ("png", "svg")
EXPORT_SIZE_IN = (9.0, 5.5)
EXPORT_DPI = 120


def save_chart(
    key: str,
    data: ChartsData,
    path: Path,
    *,
    theme: ChartTheme = LIGHT,
    options: Mapping[str, Any] | None = None,
    size_in: tuple[float, float] = EXPORT_SIZE_IN,
    dpi: float = EXPORT_DPI,
) -> ChartResult:
    """Draw chart ``key`` and write it to ``path``; the format comes from the suffix.

    Raises UserError for an unsupported suffix or a folder that cannot be written.
    """
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError(f"Charts can be saved as {' or '.join(FORMATS).upper()}, not {path.name}.")
    fig = new_figure(*size_in, dpi=dpi)
    result = draw_chart(key, fig, data, theme, **dict(options or {}))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format=fmt, facecolor=theme.figure_bg, dpi=dpi)
    except OSError as exc:
        raise UserError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    return result


def chart_paths(out_dir: Path, fmt: str = "png", keys: Iterable[str] = CHART_KEYS) -> list[Path]:
    """Where :func:`save_all` writes: ``<dir>/<chart>.<fmt>`` per chart."""
    return [out_dir / f"{key}.{fmt}" for key in keys]


def save_all(
    data: ChartsData,
    out_dir: Path,
    *,
    fmt: str = "png",
    theme: ChartTheme = LIGHT,
    overwrite: bool = False,
) -> list[tuple[Path, ChartResult]]:
    """Write every chart into ``out_dir``; refuses to replace files unless ``overwrite``."""
    paths = chart_paths(out_dir, fmt)
    existing = [p.name for p in paths if p.exists()]
    if existing and not overwrite:
        raise UserError(
            f"{out_dir} already holds {', '.join(existing)}; nothing was written. "
            "Choose another folder or pass --overwrite."
        )
    return [
        (path, save_chart(key, data, path, theme=theme))
        for key, path in zip(CHART_KEYS, paths, strict=True)
    ]
