"""``careerdesk self-test``: check this installation in a throwaway data folder."""

from __future__ import annotations

import argparse

from careerdesk.selftest import CheckResult, run_self_test


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("self-test", help="check this installation (uses a temporary folder)")
    p.set_defaults(func=_run)


def _print(result: CheckResult) -> None:
    mark = "PASS" if result.ok else "FAIL"
    first, *rest = result.detail.splitlines() or [""]
    print(f"[{mark}] {result.name} ({result.seconds:.2f} s): {first}", flush=True)
    if not result.ok:
        for line in rest:
            print(f"       {line}")


def _run(args: argparse.Namespace) -> int:
    results = run_self_test(report=_print)
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 0 if not failed and results else 1
