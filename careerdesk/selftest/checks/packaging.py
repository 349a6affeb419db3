"""Packaging checks: what a frozen bundle could lose that the source tree always has.

Each check exercises one thing ``build.spec`` collects or trims: shipped resources (found
through importlib.resources), the Alembic scripts on disk (a database made by the previous
release migrates, after a backup), the Calendar discovery document, Qt's ICU data (trimmed
in the Linux bundle), matplotlib's backends and fonts, and QtMultimedia's FFmpeg plugin.
They pass from source too, so ``careerdesk self-test`` means the same thing everywhere.
"""

from __future__ import annotations

import importlib
import io
import json
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.backup import list_backups
from careerdesk.core.storage.engine import Database, sqlite_url
from careerdesk.core.storage.opening import open_database
from careerdesk.core.storage.tables.profiles import Profile
from careerdesk.resources_access import resource
from careerdesk.selftest import Check, SelfTestContext

# The schema of the first release (0.1.0). A database created by it must open in every later
# version. Move this forward only when the oldest supported upgrade path moves.
PREVIOUS_RELEASE_REVISION = "0001_baseline"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Libraries that features import lazily or by name, which PyInstaller's import scan cannot
# see. build.spec reads this tuple (without importing this module) to bundle them, and the
# "bundled libraries import" check imports each, so the two never disagree.
LAZY_IMPORTS = (
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_pdf",
    "matplotlib.backends.backend_qtagg",
    "matplotlib.backends.backend_svg",
    "google.auth.transport.requests",
    "google.genai",
    "google.oauth2.credentials",
    "google_auth_oauthlib.flow",
    "googleapiclient.discovery",
    "icalendar",
    "segno",
    "keyring",
    "platformdirs",
    "pypdf",
    "fpdf",
    "sqlalchemy.dialects.sqlite",
)


def running_from() -> str:
    """'frozen bundle at <dir>' or 'source tree', for check reports."""
    if getattr(sys, "frozen", False):
        return f"frozen bundle at {getattr(sys, '_MEIPASS', '?')}"
    return "source tree"


def _resources(ctx: SelfTestContext) -> str:
    icon = resource("icons", "careerdesk.png").read_bytes()
    if not icon.startswith(PNG_SIGNATURE):
        raise AssertionError("icons/careerdesk.png is not a PNG")
    roles = json.loads(resource("catalog", "roles.json").read_text(encoding="utf-8"))
    if not roles.get("roles"):
        raise AssertionError("catalog/roles.json holds no roles")
    count, stack = 0, [resource()]
    while stack:
        for node in stack.pop().iterdir():
            if node.is_dir():
                stack.append(node)
            elif node.name != "__init__.py" and not node.name.endswith(".pyc"):
                count += 1
    return (
        f"{count} resource files via importlib.resources ({len(roles['roles'])} roles, "
        f"icon {len(icon)} bytes); {running_from()}"
    )


def _libraries(ctx: SelfTestContext) -> str:
    failed = []
    for name in LAZY_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception as exc:
            failed.append(f"{name}: {exc!r}")
    if failed:
        raise AssertionError("cannot import " + "; ".join(failed))
    try:  # optional: PostgreSQL for shared kiosks, through the system's libpq in the bundle
        import psycopg

        pg = f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__} libpq {psycopg.pq.version()})"
    except ImportError as exc:
        pg = f"PostgreSQL driver unavailable ({str(exc).splitlines()[0]})"
    return f"{len(LAZY_IMPORTS)} modules imported; {pg}"


def _previous_release_schema(ctx: SelfTestContext) -> str:
    folder = ctx.home / "previous-release"
    folder.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(folder / "careerdesk.sqlite3")
    backup_dir = folder / "backups"
    created = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    # What the first release left on disk: its schema, and a learner in it. Plain SQL on the
    # baseline's columns, because today's models may have more.
    old = Database(url)
    try:
        mig.upgrade(old.engine, PREVIOUS_RELEASE_REVISION)
        profiles = sa.table(
            "profiles",
            *(sa.column(c, sa.String) for c in ("name", "full_name", "location")),
            *(sa.column(c, sa.String) for c in ("field_of_study", "interests")),
            sa.column("target_role_ids", sa.JSON),
            sa.column("created_at", sa.DateTime),
            sa.column("updated_at", sa.DateTime),
        )
        with old.engine.begin() as conn:
            conn.execute(
                sa.insert(profiles).values(
                    name="From 0.1.0",
                    full_name="Ada Example",
                    location="",
                    field_of_study="",
                    interests="",
                    target_role_ids=["data_analyst"],
                    created_at=created.replace(tzinfo=None),  # stored as naive UTC
                    updated_at=created.replace(tzinfo=None),
                )
            )
    finally:
        old.dispose()

    heads = mig.head_revisions()
    db = open_database(url, backup_dir=backup_dir)
    try:
        with db.engine.connect() as conn:
            current = mig.current_revisions(conn)
        with db.read() as s:
            rows = [
                (p.name, p.full_name, p.target_role_ids, p.created_at)
                for p in s.scalars(sa.select(Profile))
            ]
    finally:
        db.dispose()
    if current != heads:
        raise AssertionError(f"schema at {sorted(current)}, expected {sorted(heads)}")
    if rows != [("From 0.1.0", "Ada Example", ["data_analyst"], created)]:
        raise AssertionError(f"profile rows after the upgrade: {rows}")

    backups = [b for b in list_backups(backup_dir) if b.kind == "premigrate"]
    if heads == {PREVIOUS_RELEASE_REVISION}:
        if backups:
            raise AssertionError("a backup was taken although nothing needed migrating")
        return f"opened at {PREVIOUS_RELEASE_REVISION} (no newer revisions yet); row intact"
    if len(backups) != 1:
        raise AssertionError(f"expected one pre-migration backup, found {len(backups)}")
    backup = sqlite3.connect(backups[0].path)
    try:
        (backed_up,) = backup.execute("SELECT version_num FROM alembic_version").fetchone()
        (name,) = backup.execute("SELECT name FROM profiles").fetchone()
    finally:
        backup.close()
    if (backed_up, name) != (PREVIOUS_RELEASE_REVISION, "From 0.1.0"):
        raise AssertionError(f"backup holds {backed_up}/{name}, not the pre-upgrade database")
    return (
        f"{PREVIOUS_RELEASE_REVISION} -> {', '.join(sorted(heads))}; row intact; "
        f"backup {backups[0].path.name} taken first"
    )


def _calendar_discovery(ctx: SelfTestContext) -> str:
    from google.auth.credentials import AnonymousCredentials
    from googleapiclient.discovery import build

    service = build(
        "calendar",
        "v3",
        credentials=AnonymousCredentials(),
        static_discovery=True,  # the bundled calendar.v3.json; nothing is fetched
        cache_discovery=False,
    )
    try:
        request = service.events().list(calendarId="primary", maxResults=1)
    finally:
        service.close()
    if "/calendar/v3/calendars/primary/events" not in request.uri:
        raise AssertionError(f"unexpected request URI {request.uri}")
    return "Calendar v3 client built offline from the bundled discovery document"


def _qt_locale_services(ctx: SelfTestContext) -> str:
    ctx.qt_app()
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone

    # Collation tailoring: Swedish sorts Ä after Z, German next to A.
    if not QCollator(QLocale("sv_SE")).compare("Äpple", "zebra") > 0:
        raise AssertionError("Swedish collation data missing")
    if not QCollator(QLocale("de_DE")).compare("Äpfel", "zebra") < 0:
        raise AssertionError("German collation data missing")
    if QLocale("tr_TR").toUpper("istanbul") != "İSTANBUL":
        raise AssertionError("Turkish case mapping missing")
    if not QStringDecoder("windows-1252").isValid():
        raise AssertionError("windows-1252 text codec missing")
    zone = QTimeZone(b"Europe/Berlin")
    if not zone.isValid():
        return "collation, case mapping and codecs ok; no system time-zone database to test"
    name = zone.displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("de_DE")
    )
    if "Mitteleurop" not in name:
        raise AssertionError(f"time-zone names missing (got {name!r})")
    return f"collation, case mapping, codecs and time-zone names ({name}) ok"


def _charts(ctx: SelfTestContext) -> str:
    ctx.qt_app()
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3), dpi=72)
    ax = fig.add_subplot()
    ax.plot([1, 2, 3, 4], [40, 55, 52, 72], marker="o")
    ax.set_title("Readiness — 72 %")
    ax.set_xlabel("week")
    FigureCanvasQTAgg(fig).draw()
    sizes = {}
    for fmt, magic in (("png", PNG_SIGNATURE), ("svg", b"<?xml"), ("pdf", b"%PDF")):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt)
        if not buf.getvalue().startswith(magic):
            raise AssertionError(f"{fmt} export is not a {fmt} file")
        sizes[fmt] = len(buf.getvalue())
    exported = "QtAgg canvas drawn; exported " + ", ".join(f"{k} {v} B" for k, v in sizes.items())
    return f"{exported}; {_font_list_kept()}"


def _font_list_kept() -> str:
    """In the bundle, matplotlib's font list must land in the app's cache, where the next
    start finds it (paths.keep_matplotlib_cache), not in the run-time hook's throwaway
    folder."""
    import matplotlib

    from careerdesk.core.kernel.paths import kept_matplotlib_dir

    cache = Path(matplotlib.get_cachedir()).resolve()
    if not getattr(sys, "frozen", False):
        return f"font list in {cache}"
    kept = kept_matplotlib_dir()
    if kept is None or cache != kept.resolve() or not any(kept.glob("fontlist-*.json")):
        raise AssertionError(f"matplotlib's font list is in {cache}, not kept in {kept}")
    return "font list kept in the app's cache"


def _multimedia_backend(ctx: SelfTestContext) -> str:
    ctx.qt_app()
    from PySide6.QtMultimedia import QMediaFormat

    decode = QMediaFormat.ConversionMode.Decode
    fmt = QMediaFormat()
    files = fmt.supportedFileFormats(decode)
    codecs = fmt.supportedVideoCodecs(decode)
    # Qt's LGPL FFmpeg build decodes MPEG-4 Part 2 (not H.264) in an MP4 container: the
    # format CareerDesk's sample clips use.
    if QMediaFormat.FileFormat.MPEG4 not in files or QMediaFormat.VideoCodec.MPEG4 not in codecs:
        raise AssertionError(
            "no MPEG-4 decoding: QtMultimedia's FFmpeg plugin is missing or failed to load"
        )
    names = ", ".join(QMediaFormat.videoCodecName(c) for c in codecs)
    return f"FFmpeg backend: {len(files)} container formats; video codecs {names}"


CHECKS = [
    Check("resources load", _resources, order=50),
    Check("bundled libraries import", _libraries, order=52),
    Check("previous release schema migrates", _previous_release_schema, order=55),
    Check("calendar discovery loads", _calendar_discovery, order=60),
    Check("Qt locale services", _qt_locale_services, order=65),
    Check("charts render and export", _charts, order=70),
    Check("multimedia backend", _multimedia_backend, order=80),
]
