"""The theme module: WCAG contrast, palettes meeting AA, applying light/dark, the
Settings → Appearance choice (docs/design.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from careerdesk.ui.common import theme


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [
        # Hand-computed from WCAG 2.1's relative-luminance formula.
        ("#000000", "#ffffff", 21.0),  # (1 + .05) / (0 + .05)
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # L = 0.1812: 1.05 / 0.2312 — the classic AA grey
        ("#777777", "#ffffff", 4.48),  # L = 0.1845: just fails AA
        ("#ff0000", "#ffffff", 4.0),  # L = 0.2126: 1.05 / 0.2626
        ("#0000ff", "#000000", 2.44),  # L = 0.0722: 0.1222 / 0.05
    ],
)
def test_contrast_ratio_matches_wcag(fg: str, bg: str, expected: float) -> None:
    assert theme.contrast_ratio(fg, bg) == pytest.approx(expected, abs=0.01)
    assert theme.contrast_ratio(bg, fg) == pytest.approx(expected, abs=0.01)  # symmetric
    assert theme.contrast_ratio(QColor(fg), QColor(bg)) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_every_text_role_reaches_aa_on_every_surface(palette: theme.Palette) -> None:
    failures = []
    for role in theme.TEXT_ROLES:
        for surface in theme.SURFACES:
            ratio = theme.contrast_ratio(palette.role(role), palette.role(surface))
            if ratio < theme.AA_TEXT:
                failures.append(f"{role} on {surface}: {ratio:.2f}")
    for bg, fg in theme.TINTED.items():
        for text in (fg, "text"):
            ratio = theme.contrast_ratio(palette.role(text), palette.role(bg))
            if ratio < theme.AA_TEXT:
                failures.append(f"{text} on {bg}: {ratio:.2f}")
    for fg, bg in (("on_accent", "accent"), ("on_selection", "selection")):
        ratio = theme.contrast_ratio(palette.role(fg), palette.role(bg))
        if ratio < theme.AA_TEXT:
            failures.append(f"{fg} on {bg}: {ratio:.2f}")
    assert not failures


def test_category_hues_carry_readable_text_and_stand_out() -> None:
    hues = [*theme.STAGE_HUES.values(), *theme.PRIORITY_HUES.values(), *theme.EVENT_HUES.values()]
    for hue in hues:
        assert theme.contrast_ratio(theme.text_on(hue), hue) >= theme.AA_TEXT, hue
        # As marks (dots, bars) they must stand out from the light window (3:1).
        assert theme.contrast_ratio(hue, theme.LIGHT.surface) >= theme.AA_GRAPHIC, hue


def test_text_on_picks_the_readable_side() -> None:
    assert theme.text_on("#ffffff") == theme.LIGHT.text
    assert theme.text_on("#000000") == "#ffffff"


def test_unknown_role_is_an_error() -> None:
    with pytest.raises(KeyError):
        theme.LIGHT.role("purple")
    with pytest.raises(KeyError):
        theme.LIGHT.role("name")


def test_apply_sets_the_palette_and_announces_the_switch(qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    seen: list[str] = []
    theme.changed().connect(lambda p: seen.append(p.name))
    try:
        theme.apply("dark")
        assert app.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.window
        assert app.palette().color(QPalette.ColorRole.WindowText).name() == theme.DARK.text
        assert theme.hex_of("danger") == theme.DARK.danger
        label = QLabel("Problem")
        qtbot.addWidget(label)
        theme.set_tone(label, "danger")
        label.ensurePolished()
        assert label.palette().color(QPalette.ColorRole.WindowText).name() == theme.DARK.danger
        theme.apply("light")
        assert app.palette().color(QPalette.ColorRole.Window).name() == theme.LIGHT.window
        assert theme.hex_of("danger") == theme.LIGHT.danger
        assert seen[-2:] == ["dark", "light"]
    finally:
        theme.apply("light")
        app.setStyleSheet("")


def test_system_mode_follows_the_colour_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    assert theme.resolve("system") is theme.DARK
    assert theme.resolve("light") is theme.LIGHT
    monkeypatch.setattr(theme, "system_is_dark", lambda: False)
    assert theme.resolve("system") is theme.LIGHT
    assert theme.resolve("dark") is theme.DARK


def test_mode_in_settings_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert theme.mode_in_settings(path) == "system"  # no file yet
    path.write_text('{"appearance": {"theme": "dark"}}', encoding="utf-8")
    assert theme.mode_in_settings(path) == "dark"
    path.write_text('{"appearance": {"theme": "purple"}}', encoding="utf-8")
    assert theme.mode_in_settings(path) == "system"
    path.write_text("not json", encoding="utf-8")
    assert theme.mode_in_settings(path) == "system"


def test_settings_page_applies_and_saves_at_once(ui_ctx: Any, qtbot: Any) -> None:
    from careerdesk.core.kernel.settings import load_settings
    from careerdesk.ui.settings.pages.appearance import AppearancePage

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    page = AppearancePage(ui_ctx)
    qtbot.addWidget(page)
    try:
        page.buttons["dark"].click()
        assert app.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.window
        assert load_settings(ui_ctx.app.paths.settings_path).appearance.theme == "dark"
        page.buttons["light"].click()
        assert app.palette().color(QPalette.ColorRole.Window).name() == theme.LIGHT.window
        assert ui_ctx.app.settings.appearance.theme == "light"
    finally:
        theme.apply("light")
        app.setStyleSheet("")


def test_marks_stand_out_in_both_themes(qtbot: Any) -> None:
    # A "●" in a category hue must reach 3:1 against the window, lifted in the dark theme.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for mode, palette in (("light", theme.LIGHT), ("dark", theme.DARK)):
            theme.apply(mode)
            for hue in [*theme.STAGE_HUES.values(), *theme.EVENT_HUES.values()]:
                shown = theme.mark(hue)
                assert theme.contrast_ratio(shown, palette.window) >= theme.AA_GRAPHIC, hue
                if theme.contrast_ratio(hue, palette.window) >= theme.AA_GRAPHIC:
                    assert shown == hue  # only lifted where needed
    finally:
        theme.apply("light")
        app.setStyleSheet("")


def test_ink_makes_hues_readable_as_text(qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for mode, palette in (("light", theme.LIGHT), ("dark", theme.DARK)):
            theme.apply(mode)
            for hue in theme.STAGE_HUES.values():
                shown = theme.ink(hue)
                assert theme.contrast_ratio(shown, palette.surface) >= theme.AA_TEXT, hue
    finally:
        theme.apply("light")
        app.setStyleSheet("")


def test_a_switch_redraws_the_tabs_and_keeps_the_one_in_front(main_window: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        theme.apply("light")
        before = main_window.show_tab("learning")
        theme.apply("dark")
        current = main_window.tabs.currentWidget()
        assert current.header.key == "learning"  # still in front
        assert main_window.tab_widget("learning") is not before  # built again, in dark
        built = main_window.tab_widget("learning")
        theme.apply("dark")  # no switch: nothing rebuilt
        assert main_window.tab_widget("learning") is built
    finally:
        theme.apply("light")
        app.setStyleSheet("")
