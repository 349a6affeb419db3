"""``careerdesk profile list|create|rename|delete``."""

from __future__ import annotations

import argparse

from careerdesk.cli.common import open_app, print_json
from careerdesk.core.kernel.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("profile", help="list, create, rename or delete learner profiles")
    psub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = psub.add_parser("list", help="list profiles")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
    cr = psub.add_parser("create", help="create a profile")
    cr.add_argument("name")
    cr.set_defaults(func=_create)
    rn = psub.add_parser("rename", help="rename a profile")
    rn.add_argument("name")
    rn.add_argument("new_name")
    rn.set_defaults(func=_rename)
    de = psub.add_parser("delete", help="delete a profile and all its data")
    de.add_argument("name")
    de.add_argument("--yes", action="store_true", help="confirm the deletion")
    de.set_defaults(func=_delete)


def _list(args: argparse.Namespace) -> int:
    with open_app() as app:
        profiles = app.profiles.list()
        if args.json:
            print_json([p.model_dump(mode="json") for p in profiles])
        elif not profiles:
            print("No profiles yet. Create one with: careerdesk profile create NAME")
        else:
            for p in profiles:
                roles = ", ".join(p.target_role_ids) or "no target role"
                print(f"{p.name}\t{roles}")
    return 0


def _create(args: argparse.Namespace) -> int:
    with open_app() as app:
        info = app.profiles.create(args.name)
        print(f"Created profile {info.name!r}.")
    return 0


def _rename(args: argparse.Namespace) -> int:
    with open_app() as app:
        info = app.profiles.by_name(args.name)
        app.profiles.rename(info.id, args.new_name)
        print(f"Renamed {info.name!r} to {args.new_name!r}.")
    return 0


def _delete(args: argparse.Namespace) -> int:
    if not args.yes:
        raise UserError(
            f"Deleting profile {args.name!r} removes all of its data. Add --yes to confirm."
        )
    with open_app(backup_on_close=False) as app:
        info = app.profiles.by_name(args.name)
        # A deletion is destructive: keep a way back.
        app.backup("manual")
        app.profiles.delete(info.id)
        print(f"Deleted profile {info.name!r} (a backup was taken first).")
    return 0
