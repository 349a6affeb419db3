"""``careerdesk export KIND …``: kinds come from ``register_export`` hooks (see cli/kinds.py)."""

from __future__ import annotations

import argparse

from careerdesk.cli.kinds import add_kind_command
from careerdesk.core.kernel.plugins import CLI_EXPORT_KINDS


def register(sub: argparse._SubParsersAction) -> None:
    add_kind_command(sub, "export", CLI_EXPORT_KINDS, "export data to a file")
