"""Write docs/insights.schema.json: the JSON Schema of ``careerdesk insights --json``.

Run from the repository root after changing careerdesk.core.insights.models:
    python tools/write_insights_schema.py
tests/core/insights/test_schema.py fails while the file is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCHEMA_PATH = ROOT / "docs" / "insights.schema.json"


def schema_text() -> str:
    from careerdesk.core.insights.models import InsightsDocument

    schema = InsightsDocument.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://careerdesk.invalid/schemas/insights.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
