"""The one plug-in discovery function and its shipped index (used by the frozen bundle)."""

from __future__ import annotations

import sys

import pytest

from careerdesk import plugin_index
from careerdesk.core.kernel import plugins
from careerdesk.core.kernel.plugins import ALL_POINTS, TABS, PluginPoint, discover, scan


def test_the_shipped_index_matches_the_source_tree() -> None:
    for point in ALL_POINTS:
        assert tuple(scan(point)) == plugin_index.INDEX[point.key], (
            f"{point.key}: run `python -m careerdesk.core.kernel.plugins --write`"
        )
    assert set(plugin_index.INDEX) == {p.key for p in ALL_POINTS}


def test_every_feature_tab_is_found() -> None:
    # The tabs of the product, written out by hand.
    keys = sorted(p.value.key for p in discover(TABS))
    assert keys == [
        "advisor",
        "assessments",
        "charts",
        "home",
        "insights",
        "learning",
        "pipeline",
        "player",
        "resumes",
    ]


def test_frozen_bundle_uses_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = PluginPoint("careerdesk.cli.commands", "register")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(plugin_index, "INDEX", {fake.key: ("careerdesk.cli.commands.catalog",)})
    found = discover(fake)
    assert [p.name for p in found] == ["careerdesk.cli.commands.catalog"]
    assert callable(found[0].value)


def test_modules_without_the_attribute_are_skipped() -> None:
    import_kinds = plugins.CLI_IMPORT_KINDS
    names = [p.name for p in discover(import_kinds)]
    # Only the applications command contributes `careerdesk import applications`.
    assert names == ["careerdesk.cli.commands.applications"]
