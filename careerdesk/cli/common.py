"""Helpers shared by CLI commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel

from careerdesk.app import App, build_app
from careerdesk.core.kernel.paths import HOME_ENV, AppPaths
from careerdesk.core.profiles.service import ProfileInfo
from careerdesk.logging_setup import setup_logging


@contextmanager
def open_app(*, backup_on_close: bool = False, home: Path | None = None) -> Iterator[App]:
    """Build the app for one command and close it afterwards (no backup unless asked).

    ``home`` picks the data folder as ``CAREERDESK_HOME`` would (scheduled runs pass it).
    """
    paths = AppPaths.resolve({**os.environ, HOME_ENV: str(home)}) if home else AppPaths.resolve()
    paths.ensure()
    setup_logging(paths.log_dir)
    app = build_app(paths)
    try:
        yield app
    finally:
        app.close(backup=backup_on_close)


def add_profile_arg(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--profile", required=required, metavar="NAME", help="profile name")


def profile_of(app: App, name: str) -> ProfileInfo:
    return app.profiles.by_name(name)


def print_json(data: object) -> None:
    """Print pydantic models, lists of them or plain data as indented JSON."""
    if isinstance(data, BaseModel):
        text = data.model_dump_json(indent=2)
    elif isinstance(data, list) and data and all(isinstance(d, BaseModel) for d in data):
        text = json.dumps([d.model_dump(mode="json") for d in data], indent=2, ensure_ascii=False)
    else:
        text = json.dumps(data, indent=2, default=str, ensure_ascii=False)
    sys.stdout.write(text + "\n")
