"""Write benchmarks/README.md: each benchmark, the figure a user feels, its target and the
latest measured value (read from benchmarks/results/*.json).

    python benchmarks/_readme.py

Run it after `make bench` (or after any benchmark) so the README shows the latest figures.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


@dataclass(frozen=True)
class Row:
    script: str
    feels: str  # what the user waits for / notices
    key: str  # dotted path into the result JSON
    target: str
    unit: str = ""
    scale: float = 1.0


ROWS = (
    Row(
        "startup.py",
        "a returning learner's Home on screen with its data, ÷ a bare window's first paint",
        "ratio_profile_ready",
        "≤ 4.0",
    ),
    Row(
        "startup.py",
        "the same without the Home as last shown (data changed since), ÷ bare window",
        "ratio_profile_ready_no_snapshot",
        "—",
    ),
    Row(
        "startup.py",
        "the live, clickable Home painted, ÷ bare window",
        "ratio_profile_live",
        "—",
    ),
    Row(
        "startup.py",
        "longest GUI stall from the first paint until the live Home shows its data "
        "(the whole time a user can click; every start)",
        "max_stall_until_live_home_ms",
        "≤ 50",
        " ms",
    ),
    Row(
        "startup.py",
        "longest GUI stall during the start-up warm-up (after the live Home)",
        "max_stall_warm_up_ms",
        "≤ 50",
        " ms",
    ),
    Row(
        "startup.py",
        "the GUI thread's own CPU time inside that longest first-paint-to-live-Home stall "
        "(the rest is waiting for a processor or Python's lock)",
        "stalls.until_live_home.gui_cpu_in_max_ms",
        "—",
        " ms",
    ),
    Row(
        "charts.py",
        "first chart drawn, Skill charts opened after the warm-up",
        "first_chart_warm_ms",
        "≤ 400",
        " ms",
    ),
    Row(
        "charts.py",
        "first chart drawn, Skill charts opened at once (cold)",
        "first_chart_cold_ms",
        "—",
        " ms",
    ),
    Row(
        "charts.py",
        "chart redraw after new data (4 × 500 points), median",
        "redraw_4x500_s.median",
        "≤ 60",
        " ms",
        1000.0,
    ),
    Row(
        "insights.py",
        "Insights recomputed after a change, p95 ÷ 10 ms target",
        "ratio_to_target",
        "≤ 1.0",
    ),
    Row(
        "skill_model.py",
        "skill estimate error after 10 answers per skill (MAE, points)",
        "mae_after_10",
        "≤ 12",
    ),
    Row(
        "skill_model.py",
        "largest move of an estimate caused by one answer (points)",
        "max_single_answer_jump",
        "≤ 15",
    ),
    Row(
        "postings.py",
        "posting read time per KB, largest ÷ smallest input (flat = linear)",
        "read_realistic.ratio",
        "≤ 2.0",
    ),
    Row(
        "pipeline.py",
        "applications table first paint (10,000 rows)",
        "table_first_paint_ms.wall",
        "≤ 200",
        " ms",
    ),
    Row(
        "player.py",
        "GUI stall during playback with saving on ÷ off (median)",
        "ratio_on_off_median",
        "≤ 1.2",
    ),
    Row(
        "job_skills.py",
        "skill extraction of a 5 kB posting, median",
        "per_posting_ms.median_wall",
        "< 20",
        " ms",
    ),
    Row(
        "postings.py",
        "the same for the issue's `Python, ` × N posting",
        "read_skill_list.ratio",
        "≤ 2.0",
    ),
    Row("cohort.py", "advisor cohort of 100 learners, median", "cohort_s.median", "< 1", " s"),
    Row(
        "calendar_batch.py",
        "HTTP round trips saved by batching a full calendar push",
        "round_trip_ratio",
        "—",
        "×",
    ),
    Row("bundle.py", "installable bundle size", "size_mb", "≤ 250", " MB"),
    Row(
        "bundle.py",
        "bundle's profile ready ÷ running from source",
        "ratio_bundle_over_source",
        "≤ 1.0",
    ),
    Row(
        "bundle.py",
        "bundle's live Home with its data ÷ running from source",
        "ratio_bundle_over_source_live_home",
        "≤ 1.0",
    ),
)


def lookup(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def latest(row: Row) -> tuple[str, str]:
    path = RESULTS / f"{Path(row.script).stem}.json"
    if not path.is_file():
        return "not run yet", ""
    data = json.loads(path.read_text(encoding="utf-8"))
    value = lookup(data, row.key)
    when = str(data.get("measured_at") or data.get("when") or "")
    if not isinstance(value, int | float):
        return "not in the last result", when
    return f"{value * row.scale:.2f}{row.unit}", when


def render() -> str:
    lines = [
        "# Benchmarks",
        "",
        "Each script measures what a person waits for and prints that figure first; each",
        "writes `results/<name>.json`. Run them all with `make bench`, one with",
        "`python benchmarks/<name>.py`, then `python benchmarks/_readme.py` to refresh this",
        "table (generated: edit `_readme.py`, not this file). Timings never go into tests.",
        "Figures are from a shared 2-core machine; compare ratios from the same run.",
        "",
        "| benchmark | what the user feels | target | latest | measured (UTC) |",
        "|---|---|---|---|---|",
    ]
    for row in ROWS:
        value, when = latest(row)
        lines.append(f"| `{row.script}` | {row.feels} | {row.target} | {value} | {when} |")
    lines += [
        "",
        "Start-up phases: `careerdesk --trace-startup FILE` (see docs/performance.md).",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    (HERE / "README.md").write_text(render(), encoding="utf-8")
    print(f"wrote {HERE / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
