"""``careerdesk kiosk``: set up a shared careers-centre machine from an admin shell.

(``careerdesk --kiosk`` opens the kiosk itself.) These commands are for whoever administers
the machine: a forgotten advisor PIN can only be reset here, never from the kiosk screen —
from the machine's **administrator account**, never from inside the kiosk's own session
(refused there). ``kiosk check`` lists what the operating system must provide.
"""

from __future__ import annotations

import argparse

from careerdesk.cli.common import open_app
from careerdesk.core.kernel.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("kiosk", help="kiosk set-up: start mode, idle timeout, PIN resets")
    ksub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    st = ksub.add_parser("status", help="show the kiosk settings")
    st.set_defaults(func=_status)
    en = ksub.add_parser("enable", help="always start in kiosk mode on this machine")
    en.add_argument("--idle-minutes", type=float, help="idle timeout (default 5)")
    en.set_defaults(func=_enable, enabled=True)
    di = ksub.add_parser("disable", help="start normally (kiosk only with --kiosk)")
    di.set_defaults(func=_enable, enabled=False, idle_minutes=None)
    ra = ksub.add_parser(
        "reset-advisor-pin",
        help="forget the advisor PIN (the next kiosk start asks for one); run it from the "
        "machine's administrator account — it refuses inside a kiosk session",
        description="Forget the advisor PIN; the next kiosk start asks for a new one. Run this "
        "from the machine's administrator account (an admin shell, or sudo -u KIOSK-ACCOUNT "
        "with the kiosk's CAREERDESK_HOME), never from the kiosk's own session: it refuses "
        "when CAREERDESK_KIOSK_SESSION is set or a kiosk is running under this account.",
    )
    ra.add_argument("--yes", action="store_true", help="confirm")
    ra.set_defaults(func=_reset_advisor)
    cl = ksub.add_parser("clear-learner-pin", help="remove a learner's PIN (they forgot it)")
    cl.add_argument("name", help="profile name")
    cl.set_defaults(func=_clear_learner)
    ch = ksub.add_parser(
        "check", help="what the operating system must provide for a kiosk, and what is missing"
    )
    ch.set_defaults(func=_check)


def _status(_args: argparse.Namespace) -> int:
    from careerdesk.core.kiosk.service import ADVISOR, KioskService

    with open_app() as app:
        k = app.settings.kiosk
        service = app.service(KioskService)
        lock = service.lockout(ADVISOR)
        print(f"start in kiosk mode: {'yes' if k.enabled else 'no'}")
        print(f"idle timeout: {k.idle_minutes:g} minutes")
        print(f"advisor PIN: {'set' if service.advisor_pin_set() else 'not set yet'}")
        if not lock.ok:
            print(f"advisor PIN locked: {lock.message}")
        with_pin = sum(p.has_pin for p in app.profiles.list())
        print(f"learners with a PIN: {with_pin}")
    return 0


def _enable(args: argparse.Namespace) -> int:
    with open_app() as app:
        app.settings.kiosk.enabled = args.enabled
        if args.idle_minutes is not None:
            try:
                app.settings.kiosk.idle_minutes = args.idle_minutes
            except ValueError as exc:
                raise UserError("The idle timeout is 0.5 to 240 minutes.") from exc
        app.save_settings()
        state = "starts in kiosk mode" if args.enabled else "starts normally"
        print(f"CareerDesk {state} on this machine.")
    return 0


def _reset_advisor(args: argparse.Namespace) -> int:
    import getpass
    import os

    from careerdesk.core.kernel.paths import AppPaths
    from careerdesk.core.kiosk.setup_check import (
        SESSION_MARKER,
        kiosk_session_reason,
        marker_alive,
    )

    marker_path = AppPaths.resolve().config_dir / SESSION_MARKER
    try:
        marker: str | None = marker_path.read_text(encoding="utf-8")
    except OSError:
        marker = None
    reason = kiosk_session_reason(os.environ, getpass.getuser(), marker, marker_alive(marker))
    if reason:
        raise UserError(
            f"Refused: {reason}. Reset the advisor PIN from the machine's administrator "
            "account, not from the kiosk's session."
        )
    if not args.yes:
        raise UserError(
            "This removes the advisor PIN; the next kiosk start asks for a new one. "
            "Add --yes to confirm."
        )
    from careerdesk.core.kiosk.service import KioskService

    with open_app() as app:
        app.service(KioskService).reset_advisor_pin()
    print("Advisor PIN removed. Start the kiosk to choose a new one.")
    return 0


def _clear_learner(args: argparse.Namespace) -> int:
    from careerdesk.core.kiosk.service import KioskService

    with open_app() as app:
        profile = app.profiles.by_name(args.name)
        app.service(KioskService).set_learner_pin(profile.id, None)
    print(f"{profile.name!r} has no PIN now; they can set a new one after signing in.")
    return 0


def _check(_args: argparse.Namespace) -> int:
    from careerdesk.core.kiosk.service import KioskService
    from careerdesk.core.kiosk.setup_check import findings, gather

    with open_app() as app:
        facts = gather(
            app.paths.data_dir,
            kiosk_enabled=app.settings.kiosk.enabled,
            advisor_pin_set=app.service(KioskService).advisor_pin_set(),
        )
    found = findings(facts)
    width = max(len(f.what) for f in found)
    print(f"Kiosk set-up check ({facts.platform}, account {facts.user})")
    for f in found:
        print(f"  [{f.status:^7}] {f.what.ljust(width)}  {f.detail}")
    missing = sum(f.status == "missing" for f in found)
    unknown = sum(f.status == "unknown" for f in found)
    print(f"{missing} missing, {unknown} to check by hand. Recipes: docs/kiosk.md")
    return 1 if missing else 0
