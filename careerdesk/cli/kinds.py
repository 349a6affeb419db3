"""Kinds for the ``import`` and ``export`` commands, contributed by feature modules.

``careerdesk import applications FILE`` and ``careerdesk export applications …`` come from
``cli/commands/applications.py``; another feature adds ``careerdesk export ics`` by defining
``register_export(kinds)`` in its own command module, with no shared file to edit. A hook
receives the sub-parsers of ``import``/``export`` and adds one parser per kind (with
``set_defaults(func=...)`` like any command).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable

Hook = Callable[[argparse._SubParsersAction], None]


def discover_hooks(name: str) -> list[Hook]:
    """The ``name`` hooks (``register_import``/``register_export``) of all command modules."""
    from careerdesk.cli import commands

    hooks: list[Hook] = []
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        hook = getattr(module, name, None)
        if callable(hook):
            hooks.append(hook)
    return hooks


def add_kind_command(sub: argparse._SubParsersAction, verb: str, hook_name: str, text: str) -> None:
    """Add ``verb`` (``import``/``export``) with one sub-command per contributed kind."""
    parser = sub.add_parser(verb, help=text, description=text)
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    for hook in discover_hooks(hook_name):
        hook(kinds)
