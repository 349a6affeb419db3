"""``careerdesk kiosk check``: what the operating system must provide for a real kiosk, and
what is missing on this machine (docs/kiosk.md, "Setting up the machine").

An application cannot stop Alt+Tab, Ctrl+Alt+Del or a desktop shell behind its window; the
machine must: a dedicated standard account, signed in automatically, whose session *is*
CareerDesk (no desktop shell), and a data folder only that account can read.
:func:`gather` collects the facts (files, environment, account); :func:`findings` judges
them (pure). Also :func:`kiosk_session_reason`, which keeps ``reset-advisor-pin`` from
running inside the kiosk's own session.
"""

from __future__ import annotations

import getpass
import json
import os
import plistlib
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Status = Literal["ok", "missing", "unknown"]
KIOSK_SESSION_ENV = "CAREERDESK_KIOSK_SESSION"
SESSION_MARKER = "kiosk-session.json"
_FULL_DESKTOPS = ("gnome", "kde", "plasma", "xfce", "cinnamon", "mate", "lxde", "lxqt", "unity")


@dataclass(frozen=True)
class Finding:
    status: Status
    what: str
    detail: str = ""


@dataclass(frozen=True)
class OsFacts:
    platform: str
    user: str
    is_admin: bool | None
    desktop_session: str  # XDG_CURRENT_DESKTOP / DESKTOP_SESSION, "" when none
    autologin_user: str | None  # None: not configured / not found; "?" unknown
    app_session: str | None  # where CareerDesk is the session (a file), None if not found
    data_dir: Path
    data_mode: int | None  # POSIX permission bits of the data folder
    data_owned: bool | None
    kiosk_enabled: bool
    advisor_pin_set: bool
    notes: list[str] = field(default_factory=list)


def findings(f: OsFacts) -> list[Finding]:
    """Judge the facts: one finding per thing a kiosk needs."""
    out: list[Finding] = []
    if f.is_admin is None:
        out.append(Finding("unknown", "a dedicated standard account", f"running as {f.user}"))
    elif f.is_admin:
        out.append(
            Finding(
                "missing",
                "a dedicated standard account",
                f"{f.user} is an administrator; create a standard account only for the kiosk",
            )
        )
    else:
        out.append(Finding("ok", "a dedicated standard account", f"running as {f.user}"))

    session = f.desktop_session.lower()
    if f.platform.startswith("linux"):
        if any(name in session for name in _FULL_DESKTOPS) and "kiosk" not in session:
            out.append(
                Finding(
                    "missing",
                    "no desktop shell",
                    f"this session runs a full desktop ({f.desktop_session})",
                )
            )
        elif session:
            out.append(Finding("ok", "no desktop shell", f"session: {f.desktop_session}"))
        else:
            out.append(Finding("unknown", "no desktop shell", "no graphical session here"))
    else:
        out.append(
            Finding(
                "unknown",
                "no desktop shell",
                "Windows: Assigned Access / Shell Launcher; macOS: a managed account "
                "(docs/kiosk.md)",
            )
        )

    if f.autologin_user == "?" or (f.autologin_user is None and f.platform.startswith("win")):
        out.append(Finding("unknown", "automatic sign-in", "cannot be read from here"))
    elif f.autologin_user:
        same = f.autologin_user == f.user
        out.append(
            Finding(
                "ok" if same else "missing",
                "automatic sign-in",
                f"signs in {f.autologin_user}" + ("" if same else f", not {f.user}"),
            )
        )
    else:
        out.append(Finding("missing", "automatic sign-in", "not configured"))

    if f.app_session:
        out.append(Finding("ok", "CareerDesk as the session", f.app_session))
    elif f.platform.startswith("win"):
        out.append(Finding("unknown", "CareerDesk as the session", "check with Get-AssignedAccess"))
    else:
        out.append(Finding("missing", "CareerDesk as the session", "no session file found"))

    if f.data_mode is None:
        out.append(Finding("unknown", "private data folder", str(f.data_dir)))
    else:
        private = f.data_mode & 0o077 == 0 and bool(f.data_owned)
        out.append(
            Finding(
                "ok" if private else "missing",
                "private data folder",
                f"{f.data_dir} is {f.data_mode:04o}"
                + ("" if private else "; make it 0700 and owned by the kiosk account"),
            )
        )
    out.append(
        Finding(
            "ok" if f.kiosk_enabled else "missing",
            "starts in kiosk mode",
            "settings.kiosk.enabled" if f.kiosk_enabled else "run: careerdesk kiosk enable",
        )
    )
    out.append(
        Finding(
            "ok" if f.advisor_pin_set else "missing",
            "advisor PIN",
            "set" if f.advisor_pin_set else "chosen at the first kiosk start",
        )
    )
    return out


def kiosk_session_reason(
    env: Mapping[str, str], user: str, marker: str | None, marker_alive: bool
) -> str | None:
    """Why this looks like the kiosk's own session (``None`` if it does not): the
    session launcher's variable, or a kiosk running right now under this same account."""
    if env.get(KIOSK_SESSION_ENV, "").strip() not in ("", "0"):
        return f"{KIOSK_SESSION_ENV} is set (this is the kiosk's session)"
    if marker and marker_alive:
        try:
            data = json.loads(marker)
        except ValueError:
            return None
        if isinstance(data, dict) and data.get("user") == user:
            return f"a kiosk is running under this account ({user})"
    return None


# -- gathering (I/O) ---------------------------------------------------------------------------
def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _ini_value(text: str, key: str) -> str | None:
    for line in text.splitlines():
        name, sep, value = line.partition("=")
        if sep and name.strip().lower() == key.lower():
            return value.strip()
    return None


def linux_autologin(root: Path = Path("/")) -> str | None:
    """The user GDM, LightDM or SDDM signs in automatically, if any."""
    for conf in ("etc/gdm3/custom.conf", "etc/gdm/custom.conf"):
        text = _read(root / conf)
        if (_ini_value(text, "AutomaticLoginEnable") or "").lower() == "true":
            return _ini_value(text, "AutomaticLogin")
    lightdm = [
        root / "etc/lightdm/lightdm.conf",
        *sorted((root / "etc/lightdm/lightdm.conf.d").glob("*.conf")),
    ]
    sddm = [root / "etc/sddm.conf", *sorted((root / "etc/sddm.conf.d").glob("*.conf"))]
    for path in lightdm:
        value = _ini_value(_read(path), "autologin-user")
        if value:
            return value
    for path in sddm:
        text = _read(path)
        if "[Autologin]" in text:
            value = _ini_value(text.split("[Autologin]", 1)[1], "User")
            if value:
                return value
    return None


def linux_app_session(root: Path = Path("/"), home: Path | None = None) -> str | None:
    """A session file (or GNOME Kiosk script) that starts CareerDesk."""
    candidates = [
        *sorted((root / "usr/share/xsessions").glob("*.desktop")),
        *sorted((root / "usr/share/wayland-sessions").glob("*.desktop")),
    ]
    if home is not None:
        candidates.append(home / ".local/bin/gnome-kiosk-script")
    for path in candidates:
        if "careerdesk" in _read(path).lower():
            return str(path)
    return None


def _is_admin() -> bool | None:
    if os.name == "nt":
        try:
            import ctypes

            return bool(ctypes.windll.shell32.IsUserAnAdmin())  # type: ignore[attr-defined]
        except Exception:
            return None
    if os.geteuid() == 0:
        return True
    try:
        import grp

        groups = {grp.getgrgid(g).gr_name for g in os.getgroups()}
    except (ImportError, KeyError, OSError):
        return None
    return bool(groups & {"sudo", "admin", "wheel"})


def gather(data_dir: Path, *, kiosk_enabled: bool, advisor_pin_set: bool) -> OsFacts:
    """The facts of this machine and account."""
    env = os.environ
    user = getpass.getuser()
    autologin: str | None = None
    app_session: str | None = None
    if sys.platform.startswith("linux"):
        autologin = linux_autologin()
        app_session = linux_app_session(home=Path.home())
    elif sys.platform == "darwin":
        try:
            with open("/Library/Preferences/com.apple.loginwindow.plist", "rb") as fh:
                autologin = plistlib.load(fh).get("autoLoginUser")
        except (OSError, plistlib.InvalidFileException):
            autologin = None
        agents = Path.home() / "Library/LaunchAgents"
        app_session = next(
            (str(p) for p in sorted(agents.glob("*.plist")) if "careerdesk" in _read(p).lower()),
            None,
        )
    mode: int | None = None
    owned: bool | None = None
    if os.name != "nt":
        try:
            st = data_dir.stat()
            mode, owned = stat.S_IMODE(st.st_mode), st.st_uid == os.geteuid()
        except OSError:
            pass
    return OsFacts(
        platform=sys.platform,
        user=user,
        is_admin=_is_admin(),
        desktop_session=env.get("XDG_CURRENT_DESKTOP") or env.get("DESKTOP_SESSION") or "",
        autologin_user=autologin,
        app_session=app_session,
        data_dir=data_dir,
        data_mode=mode,
        data_owned=owned,
        kiosk_enabled=kiosk_enabled,
        advisor_pin_set=advisor_pin_set,
    )


def marker_alive(marker: str | None) -> bool:
    """Whether the process named in a kiosk session marker is still running (POSIX)."""
    if not marker:
        return False
    try:
        pid = int(json.loads(marker).get("pid", 0))
    except (ValueError, TypeError, AttributeError):
        return False
    if pid <= 0:
        return False
    if os.name == "nt":
        return True  # cannot probe cheaply: trust the marker (it is removed on exit)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
