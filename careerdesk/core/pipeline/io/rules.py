"""Pure rules of the pipeline's CSV export (docs/pipeline.md, "Export").

Kept apart from ``service.py`` (which writes files) so they are tested, and mutation-tested
(tools/mutation.toml, issue 23), on their own. The inverse, ``unneutralise``, is applied by
the import (``csv_import.py``) so an export re-imports exactly.
"""

from __future__ import annotations

from careerdesk.core.pipeline.io.csv_import import FORMULA_PREFIXES


def neutralise(cell: str) -> str:
    """OWASP CSV-injection defence: a cell a spreadsheet would run as a formula gets a ``'``."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell
