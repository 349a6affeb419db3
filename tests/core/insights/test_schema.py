"""docs/insights.schema.json documents the insights document exactly."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "write_insights_schema", ROOT / "tools" / "write_insights_schema.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schema_file_is_up_to_date() -> None:
    tool = _tool()
    assert tool.SCHEMA_PATH.read_text(encoding="utf-8") == tool.schema_text(), (
        "run: python tools/write_insights_schema.py"
    )


def test_schema_names_the_promised_fields() -> None:
    schema = json.loads((ROOT / "docs" / "insights.schema.json").read_text(encoding="utf-8"))
    assert {"readiness", "companies", "roles", "gaps", "next_actions", "computed_at"} <= set(
        schema["required"]
    )
    readiness = schema["$defs"]["Readiness"]["properties"]
    assert {"assessment_component", "learning_component", "weights"} <= set(readiness)
    assert "explanation" in schema["$defs"]["CompanyChance"]["properties"]
