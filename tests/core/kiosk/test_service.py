"""Kiosk rules: salted scrypt PINs, persisted wrong-PIN lockout, idle timeout (no Qt)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.kiosk.service import (
    ADVISOR,
    ADVISOR_PIN_KEY,
    IdleTracker,
    KioskService,
    LockoutPolicy,
    format_wait,
    hash_pin,
    validate_pin,
    verify_pin,
)
from careerdesk.core.storage.tables.profiles import AppMeta, Profile


def _service(app, clock: FixedClock) -> KioskService:  # type: ignore[no-untyped-def]
    return KioskService(app.db, app.profiles, app.bus, clock)


def test_hash_is_salted_scrypt_with_its_parameters() -> None:
    a, b = hash_pin("2468"), hash_pin("2468")
    assert a != b  # random salt
    scheme, n, r, p, _salt, _key = a.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert "2468" not in a
    assert verify_pin("2468", a) and verify_pin("2468", b)
    assert not verify_pin("2469", a)
    assert not verify_pin("2468", None)
    assert not verify_pin("2468", "not$a$hash")


def test_hash_parameters_travel_with_the_hash() -> None:
    cheap = hash_pin("1357", n=2**10)
    assert cheap.split("$")[1] == "1024"
    assert verify_pin("1357", cheap)


@pytest.mark.parametrize("pin", ["", "12a4", "123", "1234567890123", "١٢٣٤"])
def test_invalid_pins_refused(pin: str) -> None:
    with pytest.raises(ValidationError):
        validate_pin(pin)


def test_advisor_pin_needs_six_digits() -> None:
    with pytest.raises(ValidationError):
        validate_pin("12345", min_len=6)
    assert validate_pin(" 123456 ", min_len=6) == "123456"


def test_lockout_policy_doubles_and_caps() -> None:
    policy = LockoutPolicy()
    assert [policy.delay_after(n) for n in range(1, 5)] == [0, 0, 0, 0]
    assert [policy.delay_after(n) for n in (5, 6, 7, 8)] == [30, 60, 120, 240]
    assert policy.delay_after(40) == 3600


def test_format_wait() -> None:
    assert format_wait(0.2) == "1 s"
    assert format_wait(45) == "45 s"
    assert format_wait(150) == "2 min 30 s"
    assert format_wait(3600) == "1 h"


def test_advisor_pin_stored_hashed_in_the_database(app) -> None:  # type: ignore[no-untyped-def]
    kiosk = _service(app, FixedClock())
    assert not kiosk.advisor_pin_set()
    kiosk.set_advisor_pin("908172")
    assert kiosk.advisor_pin_set()
    with app.db.read() as s:
        stored = s.get(AppMeta, ADVISOR_PIN_KEY).value
    assert stored.startswith("scrypt$") and "908172" not in stored
    assert kiosk.check_advisor_pin("908172").ok
    assert not kiosk.check_advisor_pin("000000").ok


def test_changing_the_advisor_pin_needs_the_current_one(app) -> None:  # type: ignore[no-untyped-def]
    kiosk = _service(app, FixedClock())
    kiosk.set_advisor_pin("908172")
    with pytest.raises(ValidationError, match="Wrong PIN"):
        kiosk.set_advisor_pin("111111", current="123123")
    kiosk.set_advisor_pin("111111", current="908172")
    assert kiosk.check_advisor_pin("111111").ok
    assert not kiosk.check_advisor_pin("908172").ok


def test_five_wrong_pins_lock_then_doubling_pauses(app) -> None:  # type: ignore[no-untyped-def]
    clock = FixedClock()
    kiosk = _service(app, clock)
    kiosk.set_advisor_pin("908172")
    lefts = [kiosk.check_advisor_pin("111111").attempts_left for _ in range(4)]
    assert lefts == [4, 3, 2, 1]
    fifth = kiosk.check_advisor_pin("111111")
    assert not fifth.ok and fifth.wait_seconds(clock.now()) == 30
    assert "Try again in 30 s" in fifth.message
    # While locked even the right PIN is refused (and not counted).
    assert not kiosk.check_advisor_pin("908172").ok
    clock.advance(seconds=29)
    assert not kiosk.check_advisor_pin("908172").ok
    clock.advance(seconds=1)
    sixth = kiosk.check_advisor_pin("222222")
    assert sixth.wait_seconds(clock.now()) == 60
    clock.advance(seconds=60)
    assert kiosk.check_advisor_pin("908172").ok
    # A correct PIN resets the count: five free tries again.
    assert kiosk.check_advisor_pin("111111").attempts_left == 4


def test_lockout_survives_a_restart(db_url, careerdesk_home) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app
    from careerdesk.core.kernel.paths import AppPaths

    clock = FixedClock()
    first = build_app(AppPaths.resolve(), db_url=db_url, clock=clock)
    kiosk = first.service(KioskService)
    kiosk.set_advisor_pin("908172")
    for _ in range(5):
        kiosk.check_advisor_pin("000000")
    first.close(backup=False)
    second = build_app(AppPaths.resolve(), db_url=db_url, clock=clock)
    try:
        again = second.service(KioskService)
        state = again.lockout(ADVISOR)
        assert not state.ok and state.wait_seconds(clock.now()) == 30
        assert not again.check_advisor_pin("908172").ok
    finally:
        second.close(backup=False)


def test_learner_pins(app) -> None:  # type: ignore[no-untyped-def]
    clock = FixedClock()
    kiosk = _service(app, clock)
    ana = app.profiles.create("Ana")
    ben = app.profiles.create("Ben")
    assert kiosk.check_learner_pin(ana.id, "").ok  # no PIN: opens freely
    kiosk.set_learner_pin(ana.id, "4321")
    assert app.profiles.get(ana.id).has_pin
    with app.db.read() as s:
        stored = s.scalar(select(Profile.pin_hash).where(Profile.id == ana.id))
    assert stored and "4321" not in stored
    assert kiosk.check_learner_pin(ana.id, "4321").ok
    for _ in range(5):
        kiosk.check_learner_pin(ana.id, "0000")
    assert not kiosk.check_learner_pin(ana.id, "4321").ok
    # Lockouts are per learner: Ben is not affected.
    kiosk.set_learner_pin(ben.id, "9999")
    assert kiosk.check_learner_pin(ben.id, "9999").ok
    # The advisor removing Ana's PIN also clears her lockout.
    kiosk.set_learner_pin(ana.id, None)
    assert kiosk.lockout(kiosk.learner_subject(ana.id)).ok
    assert kiosk.check_learner_pin(ana.id, "").ok


def test_reset_advisor_pin(app) -> None:  # type: ignore[no-untyped-def]
    kiosk = _service(app, FixedClock())
    kiosk.set_advisor_pin("908172")
    for _ in range(5):
        kiosk.check_advisor_pin("000000")
    kiosk.reset_advisor_pin()
    assert not kiosk.advisor_pin_set()
    assert kiosk.lockout(ADVISOR).ok


def test_idle_tracker() -> None:
    clock = FixedClock()
    idle = IdleTracker(clock, idle_minutes=5)
    assert not idle.is_idle() and idle.seconds_left() == 300
    clock.advance(minutes=4, seconds=40)
    assert idle.should_warn() and not idle.is_idle()
    idle.touch()
    assert idle.seconds_left() == 300 and not idle.should_warn()
    clock.advance(minutes=5)
    assert idle.is_idle() and not idle.should_warn()
    idle.set_timeout(10)
    assert not idle.is_idle()


def test_pins_never_reach_the_log(app, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level("DEBUG")
    kiosk = _service(app, FixedClock())
    kiosk.set_advisor_pin("908172")
    ana = app.profiles.create("Ana")
    kiosk.set_learner_pin(ana.id, "4321")
    for pin in ("908172", "555111", "777333"):
        kiosk.check_advisor_pin(pin)
    kiosk.check_learner_pin(ana.id, "4321")
    kiosk.check_learner_pin(ana.id, "8642")
    for pin in ("908172", "555111", "777333", "4321", "8642"):
        assert pin not in caplog.text
    assert "wrong PIN for advisor" in caplog.text


# -- issue 25: counters that cannot jam the advisor, PINs that belong to someone ------------
def test_wrong_leave_attempts_never_lock_the_advisor_sign_in(sqlite_app) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.kiosk.service import LEAVE

    clock = FixedClock()
    service = _service(sqlite_app, clock)
    service.set_advisor_pin("908172")
    for _ in range(40):  # anyone at Alt+F4, for as long as they like
        service.check_advisor_pin("000000", subject=LEAVE)
    assert not service.lockout(LEAVE).ok
    assert service.lockout(ADVISOR).ok
    assert service.check_advisor_pin("908172").ok


def test_the_advisor_sign_in_pause_is_short_and_bounded(sqlite_app) -> None:  # type: ignore[no-untyped-def]
    clock = FixedClock()
    service = _service(sqlite_app, clock)
    service.set_advisor_pin("908172")
    waits = []
    for _ in range(30):  # someone guessing at the Advisor button
        check = service.check_advisor_pin("000000")
        if check.locked_until is not None:
            waits.append((check.locked_until - clock.now()).total_seconds())
            clock.advance(seconds=waits[-1] + 1)
    # 5 free, then 30 s, 60 s, 120 s, and never more than 2 minutes.
    assert waits[:4] == [30.0, 60.0, 120.0, 120.0]
    assert max(waits) == 120.0
    check = service.check_advisor_pin("000000")
    clock.advance(seconds=121)
    assert service.check_advisor_pin("908172").ok


def test_advisor_pins_have_at_least_six_digits(sqlite_app) -> None:  # type: ignore[no-untyped-def]
    service = _service(sqlite_app, FixedClock())
    with pytest.raises(ValidationError, match="6 to 12"):
        service.set_advisor_pin("12345")


def test_a_learner_pin_changes_only_with_the_current_pin_or_the_advisor(sqlite_app) -> None:  # type: ignore[no-untyped-def]
    service = _service(sqlite_app, FixedClock())
    service.set_advisor_pin("908172")
    ben = sqlite_app.profiles.create("Ben")
    # No PIN yet: a first PIN needs the advisor, not just whoever sits there.
    with pytest.raises(ValidationError):
        service.change_learner_pin(ben.id, "1111")
    with pytest.raises(ValidationError):
        service.change_learner_pin(ben.id, "1111", advisor_pin="000000")
    assert sqlite_app.profiles.pin_hash(ben.id) is None
    service.change_learner_pin(ben.id, "1111", advisor_pin="908172")
    # With a PIN: the current one (or the advisor).
    with pytest.raises(ValidationError):
        service.change_learner_pin(ben.id, "2222", current_pin="9999")
    assert service.check_learner_pin(ben.id, "1111").ok
    service.change_learner_pin(ben.id, "2222", current_pin="1111")
    assert service.check_learner_pin(ben.id, "2222").ok
    service.change_learner_pin(ben.id, "3333", advisor_pin="908172")
    assert service.check_learner_pin(ben.id, "3333").ok


def test_create_learner_stores_the_pin_with_the_profile(sqlite_app) -> None:  # type: ignore[no-untyped-def]
    service = _service(sqlite_app, FixedClock())
    info = service.create_learner("Zoe", "2468")
    assert info.has_pin and service.check_learner_pin(info.id, "2468").ok
    with pytest.raises(ValidationError):
        service.create_learner("Zo\u0435", "2468")  # Cyrillic е: looks like Zoe
    with pytest.raises(ValidationError):
        service.create_learner("Max", "12")  # a bad PIN creates nothing
    assert [p.name for p in sqlite_app.profiles.list()] == ["Zoe"]
