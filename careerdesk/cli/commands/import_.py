"""``careerdesk import KIND …``: kinds come from ``register_import`` hooks (see cli/kinds.py)."""

from __future__ import annotations

import argparse

from careerdesk.cli.kinds import add_kind_command
from careerdesk.core.kernel.plugins import CLI_IMPORT_KINDS


def register(sub: argparse._SubParsersAction) -> None:
    add_kind_command(sub, "import", CLI_IMPORT_KINDS, "import data from a file")
