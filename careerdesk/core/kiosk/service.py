"""Kiosk mode rules, free of Qt: PINs, wrong-PIN lockout and the idle timeout.

* **PINs** are 4–12 digits (the advisor's at least 6) and are stored only as a salted
  scrypt hash: ``scrypt$N$r$p$<salt>$<key>`` (base64), N=2**14, r=8, p=1, 16-byte random
  salt, 32-byte key — about 0.05–0.1 s and 16 MiB per check, so guessing offline is slow while a
  tap on the keypad still feels instant. The parameters travel with each hash, so they can
  be raised later without invalidating stored PINs. The advisor's hash lives in the
  database ``app_meta`` table (several kiosks sharing one PostgreSQL database agree on it),
  a learner's in ``profiles.pin_hash``. A PIN is never logged, stored or exported in clear.
* **Lockout**: :class:`LockoutPolicy` — 5 wrong tries are free, then every further wrong
  try locks that PIN for 30 s, doubling each time (30 s, 1 min, 2 min … capped at 1 hour).
  The count lives in ``app_meta`` too, so restarting the app (or walking to the next kiosk)
  does not reset it; a correct PIN does. The advisor PIN has **two** counters: the
  learner-facing "Leave kiosk mode" (Alt+F4, the close button) and the advisor's own
  sign-in; the sign-in's pause is capped at 2 minutes (:data:`ADVISOR_SIGN_IN_POLICY`), so
  nobody at the kiosk can lock the advisor out for long (6+ digits keep guessing hopeless).
* **Idle timeout**: :class:`IdleTracker` — after ``idle_minutes`` without input the kiosk
  ends the session (work is saved first) and returns to the learner picker.

Time comes from an injected :class:`~careerdesk.core.kernel.clock.Clock`, so tests move it by hand.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.profiles.service import ProfileInfo, ProfileService
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.profiles import AppMeta

log = logging.getLogger(__name__)

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32
SALT_BYTES = 16
_SCHEME = "scrypt"

LEARNER_PIN_MIN = 4
ADVISOR_PIN_MIN = 6
PIN_MAX = 12

ADVISOR_PIN_KEY = "kiosk.advisor_pin_hash"
ADVISOR = "advisor"  # the advisor's sign-in counter
LEAVE = "leave"  # the learner-facing "Leave kiosk mode" counter (same PIN, own count)
_ATTEMPTS_PREFIX = "kiosk.pin_attempts."


# --- hashing --------------------------------------------------------------------------------
def validate_pin(pin: str, *, min_len: int = LEARNER_PIN_MIN) -> str:
    """Return the PIN if it is ``min_len``–12 digits, else raise ValidationError."""
    pin = pin.strip()
    if not pin.isdigit() or not pin.isascii():
        raise ValidationError("A PIN is made of digits only (0–9).")
    if not min_len <= len(pin) <= PIN_MAX:
        raise ValidationError(f"A PIN has {min_len} to {PIN_MAX} digits.")
    return pin


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A salted scrypt hash of ``pin`` that records its own parameters."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=SCRYPT_DKLEN)
    return f"{_SCHEME}${n}${r}${p}${_b64(salt)}${_b64(key)}"


def verify_pin(pin: str, encoded: str | None) -> bool:
    """True if ``pin`` matches ``encoded`` (constant-time compare). A malformed hash never
    matches (and is reported without its content)."""
    if not encoded:
        return False
    try:
        scheme, n, r, p, salt, key = encoded.split("$")
        if scheme != _SCHEME:
            raise ValueError("unknown scheme")
        expected = base64.b64decode(key)
        actual = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        log.error("a stored PIN hash is malformed; it cannot match any PIN")
        return False
    return hmac.compare_digest(actual, expected)


# --- lockout --------------------------------------------------------------------------------
@dataclass(frozen=True)
class LockoutPolicy:
    """``free_attempts`` wrong PINs cost nothing; each further one locks for
    ``base_delay_s`` × 2^(extra wrong tries), at most ``max_delay_s``."""

    free_attempts: int = 5
    base_delay_s: float = 30.0
    max_delay_s: float = 3600.0

    def delay_after(self, failures: int) -> float:
        """Seconds the PIN stays locked after ``failures`` consecutive wrong tries."""
        if failures < self.free_attempts:
            return 0.0
        return min(self.max_delay_s, self.base_delay_s * 2.0 ** (failures - self.free_attempts))


ADVISOR_SIGN_IN_POLICY = LockoutPolicy(free_attempts=5, base_delay_s=30.0, max_delay_s=120.0)


class PinCheck(BaseModel):
    """The outcome of one PIN entry."""

    model_config = ConfigDict(frozen=True)

    ok: bool
    locked_until: datetime | None = None
    attempts_left: int | None = None  # wrong tries left before the first pause
    message: str = ""

    def wait_seconds(self, now: datetime) -> float:
        """Seconds until another try is allowed (0 when not locked)."""
        if self.locked_until is None:
            return 0.0
        return max(0.0, (self.locked_until - now).total_seconds())


def format_wait(seconds: float) -> str:
    """ "45 s", "2 min 30 s", "1 h" — for lockout messages."""
    s = max(1, round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        minutes, rest = divmod(s, 60)
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    hours, rest = divmod(s, 3600)
    return f"{hours} h {rest // 60} min" if rest >= 60 else f"{hours} h"


def _locked_message(wait_s: float) -> str:
    return f"Too many wrong PINs. Try again in {format_wait(wait_s)}."


# --- idle -----------------------------------------------------------------------------------
class IdleTracker:
    """When the last input happened and whether the session has now been idle too long."""

    WARN_SECONDS = 30.0

    def __init__(self, clock: Clock, idle_minutes: float) -> None:
        self.clock = clock
        self.timeout = timedelta(minutes=idle_minutes)
        self.last_input = clock.now()

    def set_timeout(self, idle_minutes: float) -> None:
        self.timeout = timedelta(minutes=idle_minutes)

    def touch(self) -> None:
        """Record user input now."""
        self.last_input = self.clock.now()

    def seconds_left(self) -> float:
        """Seconds until the session counts as idle (0 once it is)."""
        left = self.last_input + self.timeout - self.clock.now()
        return max(0.0, left.total_seconds())

    def is_idle(self) -> bool:
        return self.seconds_left() <= 0.0

    def should_warn(self) -> bool:
        """True in the last ``WARN_SECONDS`` before the timeout (show a countdown)."""
        return 0.0 < self.seconds_left() <= self.WARN_SECONDS


# --- the service ----------------------------------------------------------------------------
class KioskService:
    """The advisor PIN, learners' PINs and the persisted wrong-PIN counters."""

    def __init__(
        self,
        db: Database,
        profiles: ProfileService,
        bus: EventBus,
        clock: Clock | None = None,
        policy: LockoutPolicy | None = None,
        advisor_policy: LockoutPolicy | None = None,
    ) -> None:
        self.db = db
        self.profiles = profiles
        self.bus = bus
        self.clock = clock or SystemClock()
        self.policy = policy or LockoutPolicy()
        self.advisor_policy = advisor_policy or ADVISOR_SIGN_IN_POLICY

    def policy_for(self, subject: str) -> LockoutPolicy:
        """The advisor's sign-in has a bounded pause; every other counter the default."""
        return self.advisor_policy if subject == ADVISOR else self.policy

    # -- advisor ---------------------------------------------------------------------------
    def advisor_pin_set(self) -> bool:
        """Whether the advisor PIN exists yet (first kiosk start asks for one if not)."""
        with self.db.read() as s:
            return s.get(AppMeta, ADVISOR_PIN_KEY) is not None

    def set_advisor_pin(self, pin: str, *, current: str | None = None) -> None:
        """Set the advisor PIN. Changing an existing one needs the current PIN (and counts
        as an attempt against the lockout); raises ValidationError when refused."""
        pin = validate_pin(pin, min_len=ADVISOR_PIN_MIN)
        if self.advisor_pin_set():
            check = self.check_advisor_pin(current or "")
            if not check.ok:
                raise ValidationError(check.message or "The current advisor PIN is wrong.")
        encoded = hash_pin(pin)
        with self.db.session() as s:
            row = s.get(AppMeta, ADVISOR_PIN_KEY, with_for_update=True)
            if row is None:
                s.add(AppMeta(key=ADVISOR_PIN_KEY, value=encoded))
            else:
                row.value = encoded
        log.info("advisor PIN set")

    def reset_advisor_pin(self) -> None:
        """Forget the advisor PIN and its lockout (CLI, for a lost PIN; the next kiosk start
        asks for a new one)."""
        with self.db.session() as s:
            for key in (ADVISOR_PIN_KEY, _ATTEMPTS_PREFIX + ADVISOR, _ATTEMPTS_PREFIX + LEAVE):
                row = s.get(AppMeta, key)
                if row is not None:
                    s.delete(row)
        log.warning("advisor PIN reset from the command line")

    def check_advisor_pin(self, pin: str, *, subject: str = ADVISOR) -> PinCheck:
        """Check an advisor PIN entry, with lockout on ``subject``'s counter: ``ADVISOR``
        for the advisor's sign-in, ``LEAVE`` for the learner-facing "Leave kiosk mode"."""
        if subject not in (ADVISOR, LEAVE):
            raise ValueError(f"not an advisor PIN counter: {subject}")

        def stored(s: Session) -> str | None:
            row = s.get(AppMeta, ADVISOR_PIN_KEY)
            return None if row is None else row.value

        return self._check(subject, pin, stored)

    # -- learners --------------------------------------------------------------------------
    def set_learner_pin(self, profile_id: int, pin: str | None) -> None:
        """Give a learner a PIN, or remove it with ``None`` (their profile opens freely)."""
        encoded = None if pin is None else hash_pin(validate_pin(pin))
        self.profiles.set_pin_hash(profile_id, encoded)
        self.clear_lockout(self.learner_subject(profile_id))
        self.bus.publish(ProfileUpdated(profile_id=profile_id, fields=("pin",)))

    def change_learner_pin(
        self,
        profile_id: int,
        new_pin: str,
        *,
        current_pin: str | None = None,
        advisor_pin: str | None = None,
    ) -> None:
        """A learner sets or changes their own PIN: with their current PIN, or — for a
        profile that has none yet — the advisor's (otherwise whoever sits down at an
        unprotected profile could lock its owner out). Wrong PINs count against the
        lockout; ValidationError when refused, nothing changed."""
        validate_pin(new_pin)
        if self.profiles.pin_hash(profile_id) is not None and current_pin is not None:
            check = self.check_learner_pin(profile_id, current_pin)
        elif advisor_pin is not None:
            check = self.check_advisor_pin(advisor_pin)
        else:
            raise ValidationError(
                "Changing a PIN needs the current PIN; a first PIN needs the advisor."
            )
        if not check.ok:
            raise ValidationError(check.message or "Wrong PIN.")
        self.set_learner_pin(profile_id, new_pin)

    def create_learner(self, name: str, pin: str | None) -> ProfileInfo:
        """A walk-in's profile, created with its PIN in one step (so a profile that is
        meant to have a PIN never exists without one)."""
        encoded = None if pin is None else hash_pin(validate_pin(pin))
        info = self.profiles.create(name, pin_hash=encoded)
        return info

    def check_learner_pin(self, profile_id: int, pin: str) -> PinCheck:
        """Check a learner's PIN entry, with lockout. A learner without a PIN passes."""
        if self.profiles.pin_hash(profile_id) is None:
            return PinCheck(ok=True)

        def stored(s: Session) -> str | None:
            return self.profiles.pin_hash(profile_id)

        return self._check(self.learner_subject(profile_id), pin, stored)

    @staticmethod
    def learner_subject(profile_id: int) -> str:
        return f"profile.{profile_id}"

    # -- lockout state ---------------------------------------------------------------------
    def lockout(self, subject: str) -> PinCheck:
        """The current lockout of ``subject`` (``ok`` False while locked)."""
        now = self.clock.now()
        with self.db.read() as s:
            failures, until = self._record(s, subject)
        if until is not None and until > now:
            return PinCheck(
                ok=False,
                locked_until=until,
                message=_locked_message((until - now).total_seconds()),
            )
        free = self.policy_for(subject).free_attempts
        return PinCheck(ok=True, attempts_left=max(0, free - failures))

    def clear_lockout(self, subject: str) -> None:
        with self.db.session() as s:
            row = s.get(AppMeta, _ATTEMPTS_PREFIX + subject)
            if row is not None:
                s.delete(row)

    def _check(self, subject: str, pin: str, stored: Callable[[Session], str | None]) -> PinCheck:
        now = self.clock.now()
        with self.db.read() as s:
            _failures, until = self._record(s, subject)
            encoded = stored(s)
        if until is not None and until > now:
            # Locked: the PIN is not even looked at, so waiting is the only way on.
            return PinCheck(
                ok=False,
                locked_until=until,
                message=_locked_message((until - now).total_seconds()),
            )
        if encoded is None:
            return PinCheck(ok=False, message="No PIN has been set yet.")
        # scrypt runs outside the write transaction so other kiosks are not held up by it.
        ok = verify_pin(pin, encoded)
        key = _ATTEMPTS_PREFIX + subject
        with self.db.session() as s:
            row = s.get(AppMeta, key, with_for_update=True)
            if ok:
                if row is not None:
                    s.delete(row)
                return PinCheck(ok=True)
            failures, _until = self._decode(row)
            failures += 1
            policy = self.policy_for(subject)
            delay = policy.delay_after(failures)
            locked_until = now + timedelta(seconds=delay) if delay else None
            value = json.dumps(
                {
                    "failures": failures,
                    "locked_until": locked_until.isoformat() if locked_until else None,
                }
            )
            if row is None:
                s.add(AppMeta(key=key, value=value))
            else:
                row.value = value
        log.info("wrong PIN for %s (%d in a row)", subject, failures)
        if locked_until is not None:
            return PinCheck(ok=False, locked_until=locked_until, message=_locked_message(delay))
        left = policy.free_attempts - failures
        tries = "try" if left == 1 else "tries"
        return PinCheck(
            ok=False,
            attempts_left=left,
            message=f"Wrong PIN. {left} more {tries} before a pause.",
        )

    def _record(self, s: Session, subject: str) -> tuple[int, datetime | None]:
        return self._decode(s.get(AppMeta, _ATTEMPTS_PREFIX + subject))

    def _decode(self, row: AppMeta | None) -> tuple[int, datetime | None]:
        if row is None:
            return 0, None
        try:
            data = json.loads(row.value)
            until = data.get("locked_until")
            return int(data.get("failures", 0)), (datetime.fromisoformat(until) if until else None)
        except (ValueError, TypeError, AttributeError):
            # A damaged counter must not hand out fresh free tries: count them as used.
            log.error("damaged PIN attempt record; counting the free tries as used")
            return self.policy.free_attempts, None
