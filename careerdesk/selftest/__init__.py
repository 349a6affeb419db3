"""``careerdesk self-test``: prove an installation works, in a throwaway data folder.

Checks live in ``careerdesk.selftest.checks`` modules, each exposing ``CHECKS``: a list of
:class:`Check`. They run in order against a temporary ``CAREERDESK_HOME`` with Qt offscreen,
so the user's data is never touched and no screen is needed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerdesk.core.kernel.plugins import SELFTEST_CHECKS, discover

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication


@dataclass
class SelfTestContext:
    """Shared state for checks: the temporary home, and objects earlier checks created."""

    home: Path
    state: dict[str, Any] = field(default_factory=dict)

    def qt_app(self) -> QCoreApplication:
        """The QApplication (created on first use, offscreen)."""
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is None:
            app = QApplication(["careerdesk-self-test"])
        return app


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[SelfTestContext], str]
    order: int = 100


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def discover_checks() -> list[Check]:
    found: list[Check] = []
    for plugin in discover(SELFTEST_CHECKS):
        found.extend(plugin.value)
    return sorted(found, key=lambda c: (c.order, c.name))


@contextmanager
def temporary_home() -> Iterator[Path]:
    saved = {k: os.environ.get(k) for k in ("CAREERDESK_HOME", "CAREERDESK_DB_URL")}
    home = Path(tempfile.mkdtemp(prefix="careerdesk-selftest-"))
    os.environ["CAREERDESK_HOME"] = str(home)
    os.environ.pop("CAREERDESK_DB_URL", None)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        yield home
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(home, ignore_errors=True)


def run_self_test(report: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Run every check; a failing check is reported and the rest still run."""
    results: list[CheckResult] = []
    with temporary_home() as home:
        ctx = SelfTestContext(home=home)
        try:
            for check in discover_checks():
                start = time.perf_counter()
                try:
                    detail = check.run(ctx)
                    ok = True
                except Exception as exc:
                    detail = f"{exc!r}\n{traceback.format_exc(limit=4)}"
                    ok = False
                result = CheckResult(check.name, ok, detail, time.perf_counter() - start)
                results.append(result)
                if report is not None:
                    report(result)
        finally:
            app = ctx.state.pop("app", None)
            if app is not None:
                app.close(backup=False)
    return results
