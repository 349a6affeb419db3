"""Mutation testing of the pure rule modules with mutmut (issue 23; `make mutation`).

Each module listed in ``tools/mutation.toml`` is mutated on its own, in a throwaway copy of
the repository (mutmut writes a ``mutants/`` tree next to the sources; the working tree is
never touched), and only that module's tests run against its mutants, which keeps a run
tractable on a shared 2-core machine. Results per module go to
``mutation-results/<module>.json``; ``mutation-report.json`` adds them up:

* ``killed``: a test failed (or timed out) with the mutant in place;
* ``survived``: every test passed (mutants no test reached count here too);
* ``equivalent``: survivors listed in ``tools/mutation-equivalents.toml`` with the reason no
  input can tell them from the original;
* ``score`` = killed / (killed + survived).

Usage::

    python tools/mutation.py                      # every module (long: run it per module)
    python tools/mutation.py --module fit_rules   # modules whose path contains the word
    python tools/mutation.py --changed-since REF  # modules changed since a git ref (CI)
    python tools/mutation.py --report-only        # only rebuild mutation-report.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "tools" / "mutation.toml"
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.toml"
RESULTS = ROOT / "mutation-results"
REPORT = ROOT / "mutation-report.json"
KILLED = {"killed", "timeout", "segfault"}  # the mutant made the tests fail or hang
SURVIVED = {"survived", "no tests", "suspicious"}
PYTEST_ARGS = ["-p", "no:randomly", "-p", "no:xdist", "-p", "no:cacheprovider", "-q", "-x"]


def modules() -> list[dict[str, Any]]:
    with CONFIG.open("rb") as f:
        return list(tomllib.load(f)["module"])


def equivalents() -> dict[str, str]:
    if not EQUIVALENTS.exists():
        return {}
    with EQUIVALENTS.open("rb") as f:
        data = tomllib.load(f)
    return {e["mutant"]: e["reason"] for e in data.get("equivalent", [])}


def _result_file(path: str) -> Path:
    return RESULTS / (Path(path).with_suffix("").as_posix().replace("/", ".") + ".json")


def _copy_repository(target: Path) -> None:
    """Tracked and untracked (not ignored) files: what the tests would see, no build junk."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for raw in listed:
        if not raw:
            continue
        rel = raw.decode()
        source = ROOT / rel
        if not source.is_file():
            continue  # deleted in the working tree but still tracked
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)


def run_module(module: dict[str, Any], children: int) -> dict[str, Any]:
    path, tests = module["path"], module["tests"]
    work = Path(tempfile.mkdtemp(prefix="careerdesk-mutation-"))
    try:
        _copy_repository(work)
        toml_list = lambda items: "[" + ", ".join(json.dumps(i) for i in items) + "]"  # noqa: E731
        with (work / "pyproject.toml").open("a", encoding="utf-8") as f:
            f.write(
                "\n[tool.mutmut]\n"
                'source_paths = ["careerdesk"]\n'
                f"only_mutate = {toml_list([path])}\n"
                'also_copy = ["docs"]\n'
                f"pytest_add_cli_args = {toml_list(PYTEST_ARGS)}\n"
                f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
                "use_git_change_detection = false\n"
            )
        # The rules are checked on SQLite: PostgreSQL variants would only repeat the same
        # assertions more slowly for every mutant.
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("CAREERDESK_TEST_PG", None)
        started = time.monotonic()
        run = subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = round(time.monotonic() - started, 1)
        if run.returncode != 0:
            tail = (run.stdout + run.stderr)[-3000:]
            raise SystemExit(f"mutmut failed on {path} (exit {run.returncode}):\n{tail}")
        listing = subprocess.run(
            [sys.executable, "-m", "mutmut", "results", "--all", "true"],
            cwd=work,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        statuses: dict[str, str] = {}
        for line in listing.splitlines():
            match = re.match(r"\s*(\S+__mutmut_\d+): (.+)$", line)
            if match:
                statuses[match.group(1)] = match.group(2).strip()
        diffs = {}
        for name, status in statuses.items():
            if status in SURVIVED:
                shown = subprocess.run(
                    [sys.executable, "-m", "mutmut", "show", name],
                    cwd=work,
                    env=env,
                    capture_output=True,
                    text=True,
                ).stdout
                diffs[name] = [
                    line
                    for line in shown.splitlines()
                    if line[:2] in ("- ", "+ ") or line.startswith(("-\t", "+\t"))
                ]
        result = {
            "module": path,
            "tests": tests,
            "seconds": seconds,
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "statuses": statuses,
            "survivor_diffs": diffs,
        }
        RESULTS.mkdir(exist_ok=True)
        _result_file(path).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report() -> dict[str, Any]:
    known = equivalents()
    per_module: dict[str, Any] = {}
    totals = {"killed": 0, "survived": 0, "equivalent": 0}
    survivors: list[dict[str, Any]] = []
    for module in modules():
        file = _result_file(module["path"])
        if not file.exists():
            per_module[module["path"]] = {"status": "not run"}
            continue
        data = json.loads(file.read_text(encoding="utf-8"))
        counts = {"killed": 0, "survived": 0, "equivalent": 0}
        for name, status in data["statuses"].items():
            if status in KILLED:
                counts["killed"] += 1
            elif name in known:
                counts["equivalent"] += 1
            elif status in SURVIVED:
                counts["survived"] += 1
                survivors.append(
                    {
                        "mutant": name,
                        "status": status,
                        "diff": data["survivor_diffs"].get(name, []),
                    }
                )
        scored = counts["killed"] + counts["survived"]
        per_module[module["path"]] = {
            **counts,
            "score": round(counts["killed"] / scored, 3) if scored else None,
            "seconds": data["seconds"],
            "measured_at": data["measured_at"],
        }
        for key in totals:
            totals[key] += counts[key]
    scored = totals["killed"] + totals["survived"]
    out = {
        **totals,
        "score": round(totals["killed"] / scored, 3) if scored else None,
        "modules": per_module,
        "equivalents": [
            {"mutant": name, "reason": reason} for name, reason in sorted(known.items())
        ],
        "surviving": survivors,
    }
    REPORT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return out


def changed_modules(ref: str) -> list[dict[str, Any]]:
    changed = subprocess.run(
        ["git", "diff", "--name-only", ref, "--"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return [m for m in modules() if m["path"] in changed or set(m["tests"]) & set(changed)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", default=[], help="part of a module path")
    parser.add_argument("--changed-since", metavar="REF", help="only modules changed since REF")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--children", type=int, default=1, help="mutants run in parallel")
    parser.add_argument("--min-score", type=float, help="exit 1 when the score is lower")
    args = parser.parse_args(argv)
    if not args.report_only:
        chosen = modules()
        if args.changed_since:
            chosen = changed_modules(args.changed_since)
        if args.module:
            chosen = [m for m in chosen if any(word in m["path"] for word in args.module)]
        for module in chosen:
            print(f"== {module['path']} ({', '.join(module['tests'])})", flush=True)
            result = run_module(module, args.children)
            print(f"   {len(result['statuses'])} mutants in {result['seconds']} s", flush=True)
    out = report()
    for path, data in out["modules"].items():
        if "score" in data:
            print(
                f"{path}: killed {data['killed']}, survived {data['survived']}, "
                f"equivalent {data['equivalent']}, score {data['score']}"
            )
        else:
            print(f"{path}: not run")
    print(
        f"total: killed {out['killed']}, survived {out['survived']}, "
        f"equivalent {out['equivalent']}, score {out['score']} -> {REPORT.name}"
    )
    if args.min_score is not None and (out["score"] or 0.0) < args.min_score:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
