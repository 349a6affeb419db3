"""File → Import → Content pack… and playable items in the Learning tab's path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from careerdesk.core.packs.service import PackService
from careerdesk.core.skills.service import SkillProfileService
from tests.core.packs.support import sql_manifest, write_pack


class Boxes:
    """Stands in for QMessageBox: records (kind, title, text) instead of blocking."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []

    def information(self, _parent: Any, title: str, text: str) -> None:
        self.shown.append(("information", title, text))

    def warning(self, _parent: Any, title: str, text: str) -> None:
        self.shown.append(("warning", title, text))


def test_import_menu_installs_a_pack_and_reports_failures(
    main_window, ui_ctx, qtbot, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.learning import packs

    texts = [a.text() for a in main_window.import_menu.actions()]
    assert "Content &pack (videos for every profile)…" in texts
    boxes = Boxes()
    monkeypatch.setattr(packs, "QMessageBox", boxes)

    bad = sql_manifest()
    bad["items"][0]["skills"] = ["excel"]
    packs.import_pack(ui_ctx, main_window, write_pack(tmp_path / "bad", bad))
    qtbot.waitUntil(lambda: len(boxes.shown) == 1, timeout=10_000)
    kind, title, text = boxes.shown[0]
    assert (kind, title) == ("warning", "Nothing was imported")
    assert "Item 1 (“Group by and aggregates”): unknown skill id 'excel'" in text
    assert ui_ctx.app.service(PackService).list_packs() == []

    packs.import_pack(ui_ctx, main_window, write_pack(tmp_path / "good"))
    qtbot.waitUntil(lambda: len(boxes.shown) == 2, timeout=10_000)
    kind, title, text = boxes.shown[1]
    assert (kind, title) == ("information", "Content pack")
    assert text.startswith("Installed “SQL in short clips” by Career Centre North: 4 item(s)")
    assert "copied into CareerDesk's data folder" in text
    assert [p.title for p in ui_ctx.app.service(PackService).list_packs()] == ["SQL in short clips"]


def test_path_cards_say_where_items_play_and_play_opens_the_player(
    main_window, ui_ctx, qtbot, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app, pid = ui_ctx.app, ui_ctx.profile_id
    skills = app.service(SkillProfileService)
    skills.set_target_roles(pid, ["data_analyst"])
    skills.set_self_ratings(pid, {"sql": 20, "data_analysis": 85})
    app.service(PackService).import_pack(write_pack(tmp_path / "pack"))

    tab = main_window.show_tab("learning")
    panel = tab.path_panel
    qtbot.waitUntil(lambda: panel.build_btn.isEnabled(), timeout=5000)
    qtbot.mouseClick(panel.build_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.cards) > 3, timeout=10_000)
    cards = {c.item.title: c for c in panel.cards}
    joins, group_by = cards["Joins explained"], cards["Group by and aggregates"]
    for card in (joins, group_by):
        assert card.where.text() == "Plays here"
        assert card.play_btn.isVisibleTo(card) and not card.open_btn.isVisibleTo(card)
    web = next(c for c in panel.cards if c.item.skill == "sql" and not c.item.playable)
    assert web.where.text() == "Opens in your browser" and web.open_btn.isVisibleTo(web)
    # The path's playable items come first within the SQL gap.
    sql = [c.item.title for c in panel.cards if c.item.skill == "sql"]
    assert sql[:2] == ["Joins explained", "Group by and aggregates"]

    # Play opens the Player with the path's playable items, starting at the one clicked.
    played: list[tuple[list[int], int]] = []

    class FakePlayer:
        def play(self, ids: list[int], start: int = 0) -> None:
            played.append((ids, start))

    monkeypatch.setattr(main_window, "show_tab", lambda key: FakePlayer())
    group_by.play_btn.click()
    playable = [c.item.content_id for c in panel.cards if c.item.playable]
    assert played == [(playable, playable.index(group_by.item.content_id))]
    assert joins.item.content_id in playable


def test_no_pack_import_in_a_kiosk(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu, QWidget

    from careerdesk.ui.learning.packs import install_pack_import

    class Window(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.import_menu = QMenu("Import", self)

    window = Window()
    qtbot.addWidget(window)
    ui_ctx.kiosk = True
    install_pack_import(window, ui_ctx)  # type: ignore[arg-type]
    assert window.import_menu.isEmpty()
    ui_ctx.kiosk = False
    install_pack_import(window, ui_ctx)  # type: ignore[arg-type]
    assert [a.text() for a in window.import_menu.actions()] == [
        "Content &pack (videos for every profile)…"
    ]
