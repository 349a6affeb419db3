"""Kinds for the ``import`` and ``export`` commands, contributed by feature modules.

``careerdesk import applications FILE`` and ``careerdesk export applications …`` come from
``cli/commands/applications.py``; another feature adds ``careerdesk export ics`` by defining
``register_export(kinds)`` in its own command module, with no shared file to edit. A hook
receives the sub-parsers of ``import``/``export`` and adds one parser per kind (with
``set_defaults(func=...)`` like any command).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from careerdesk.core.kernel.plugins import PluginPoint, discover

Hook = Callable[[argparse._SubParsersAction], None]


def discover_hooks(point: PluginPoint) -> list[Hook]:
    """The hooks (``register_import``/``register_export``) of all command modules."""
    return [p.value for p in discover(point) if callable(p.value)]


def add_kind_command(
    sub: argparse._SubParsersAction, verb: str, point: PluginPoint, text: str
) -> None:
    """Add ``verb`` (``import``/``export``) with one sub-command per contributed kind."""
    parser = sub.add_parser(verb, help=text, description=text)
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    for hook in discover_hooks(point):
        hook(kinds)
