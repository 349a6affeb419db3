"""``careerdesk work-style --profile NAME [--json] [choices…]``: the work-style and culture
preferences job fit compares postings with (docs/intel.md, "Work style and culture").

Without a choice it prints the current preferences; each option given replaces that group
(``--work-mode`` etc. may repeat; ``--clear`` empties every group first).
"""

from __future__ import annotations

import argparse

from pydantic import ValidationError as PydanticError

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.intel.culture_rules import COMPANY_SIZES, SECTORS, VALUES, WORK_MODES
from careerdesk.core.pipeline.intel.preferences import PreferencesService, WorkPreferencesData

GROUPS = {
    "work_modes": ("--work-mode", WORK_MODES),
    "company_sizes": ("--size", COMPANY_SIZES),
    "sectors": ("--sector", {k: v[0] for k, v in SECTORS.items()}),
    "values": ("--value", {k: v[0] for k, v in VALUES.items()}),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "work-style", help="show or set work-style and culture preferences (job fit)"
    )
    add_profile_arg(p)
    for name, (flag, choices) in GROUPS.items():
        p.add_argument(
            flag, dest=name, action="append", choices=list(choices), help=f"one of {name}"
        )
    p.add_argument("--expected-salary", type=int, help="expected yearly salary (0 clears it)")
    p.add_argument("--currency", help="currency of the expected salary, e.g. GBP")
    p.add_argument("--clear", action="store_true", help="empty every choice first")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        svc = app.service(PreferencesService)
        current = WorkPreferencesData() if args.clear else svc.get(profile.id)
        changes: dict[str, object] = {
            name: getattr(args, name) for name in GROUPS if getattr(args, name) is not None
        }
        if args.expected_salary is not None:
            changes["expected_salary"] = args.expected_salary or None
        if args.currency is not None:
            changes["currency"] = args.currency
        if changes or args.clear:
            try:
                data = WorkPreferencesData.model_validate({**current.model_dump(), **changes})
            except PydanticError as exc:
                raise ValidationError(f"Not saved: {exc.errors()[0]['msg']}") from None
            current = svc.save(profile.id, data)
        if args.json:
            print_json(current.model_dump(mode="json"))
            return 0
        for name, (_flag, labels) in GROUPS.items():
            chosen = getattr(current, name)
            shown = ", ".join(labels[c] for c in chosen) or "no preference"
            print(f"{name.replace('_', ' ').capitalize()}: {shown}")
        pay = current.expected_salary
        print(f"Expected salary: {f'{pay:,} {current.currency}'.strip() if pay else 'not set'}")
    return 0
