"""``careerdesk schedule install|remove|status``: the six-hourly refresh of career
recommendations, run by the operating system's scheduler while the app is closed.

* ``install [--dry-run]`` registers a systemd user timer (Linux), a launchd agent (macOS) or
  a Task Scheduler task (Windows) that runs ``careerdesk refresh-recommendations --all``;
  installing again replaces it. ``--dry-run`` prints the files and commands instead.
* ``remove`` unregisters it and deletes its files (nothing installed is fine).
* ``status [--json]`` says whether it is installed, when it runs next (when the scheduler
  says), and the result of the latest refresh.

Exit codes: 0 done; 2 when the scheduler program is missing or refuses (message on stderr,
nothing changed). See docs/scheduling.md.
"""

from __future__ import annotations

import argparse

from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.scheduling.models import SystemTools
from careerdesk.core.scheduling.rules import KIND, describe_status
from careerdesk.core.scheduling.service import ScheduleService, display, this_machine


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schedule",
        help="refresh career recommendations every 6 hours, also while the app is closed",
    )
    psub = p.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)
    ins = psub.add_parser("install", help="register the scheduler entry (replaces an old one)")
    ins.add_argument(
        "--dry-run", action="store_true", help="print the files and commands, change nothing"
    )
    ins.set_defaults(func=_install)
    rem = psub.add_parser("remove", help="unregister the entry and delete its files")
    rem.set_defaults(func=_remove)
    st = psub.add_parser("status", help="installed?, next run, last refresh result")
    st.add_argument("--json", action="store_true", help="print the status as JSON")
    st.set_defaults(func=_status)


def make_tools() -> SystemTools:
    """The real scheduler programs (tests replace this function)."""
    from careerdesk.integrations.os_scheduler import SubprocessTools

    return SubprocessTools()


def _service() -> ScheduleService:
    return this_machine(make_tools(), AppPaths.resolve().log_dir)


def _install(args: argparse.Namespace) -> int:
    svc = _service()
    if args.dry_run:
        plan = svc.plan()
        print(f"Would register the {KIND[plan.platform]} {plan.entry}, running every 6 hours:")
        print(f"  {display(plan.command.argv)}")
        for planned in plan.files:
            print(f"Would write {planned.path}:")
            print("".join(f"  | {line}\n" for line in planned.text.splitlines()), end="")
        for argv in plan.commands:
            print(f"Would run: {display(argv)}")
        return 0
    plan = svc.install()
    print(f"Installed the {KIND[plan.platform]} {plan.entry}. Every 6 hours it runs:")
    print(f"  {display(plan.command.argv)}")
    if plan.command.working_dir:
        print(f"  (in {plan.command.working_dir})")
    for planned in plan.files:
        print(f"Wrote {planned.path}")
    print("Check it with `careerdesk schedule status`; undo with `careerdesk schedule remove`.")
    return 0


def _remove(_args: argparse.Namespace) -> int:
    svc = _service()
    result = svc.remove()
    if not result.removed:
        print(f"Nothing to remove: the {KIND[svc.platform]} {result.entry} is not installed.")
        return 0
    print(f"Removed the {KIND[svc.platform]} {result.entry}:")
    for what in result.removed:
        print(f"  {what}")
    return 0


def _status(args: argparse.Namespace) -> int:
    status = _service().status()
    if args.json:
        print(status.model_dump_json(indent=2))
        return 0
    print("\n".join(describe_status(status)))
    return 0
