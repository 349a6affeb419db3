"""Pure rules of the advisor's cohort export (no I/O; tested in tests/core/advising/test_rules.py).

See docs/kiosk.md ("Exports") for the cohort CSV. Kept apart from ``service.py`` so the mutation run
(tools/mutation.toml, issue 23) can check them on their own.
"""

from __future__ import annotations

# OWASP's CSV-injection characters (= + - @ tab CR) and a line feed, which some spreadsheet
# programs also treat as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formula injection: text starting with = + - @ or a control
    character gets a leading apostrophe (OWASP's advice), so a learner named
    ``=HYPERLINK(...)`` is shown, never run, when the advisor opens the CSV."""
    return "'" + text if text.startswith(FORMULA_START) else text
