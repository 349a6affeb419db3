"""User settings: a pydantic model in a JSON file, versioned and written atomically.

Settings hold preferences only. Secrets (API keys, OAuth tokens) never go here: they live in
the OS keyring (see ``careerdesk.integrations.secrets``). Each feature keeps its options in its
own section so features evolve without stepping on each other.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from careerdesk.core.kernel.files import atomic_write_text

log = logging.getLogger(__name__)

SETTINGS_SCHEMA_VERSION = 1


class _Section(BaseModel):
    # Unknown keys from a newer release are kept rather than dropped, so a downgrade and
    # re-upgrade does not lose them.
    model_config = ConfigDict(extra="allow", validate_assignment=True)


class WindowSettings(_Section):
    geometry: str | None = None  # base64 of QWidget.saveGeometry()
    state: str | None = None
    last_tab: str | None = None


class AISettings(_Section):
    enabled: bool = True
    model: str = "gemini-2.5-flash"
    timeout_s: float = Field(default=30.0, ge=1.0, le=300.0)


class PlayerSettings(_Section):
    volume: float = Field(default=0.8, ge=0.0, le=1.0)
    muted: bool = False
    rate: float = Field(default=1.0, ge=0.5, le=2.0)
    # Issue 17: play the next playlist item by itself after one ends — per profile id, off
    # unless the learner turned it on.
    auto_advance: dict[str, bool] = Field(default_factory=dict)


class KioskSettings(_Section):
    enabled: bool = False
    idle_minutes: float = Field(default=5.0, ge=0.5, le=240.0)
    # Issue 25: a learner's profile can be created and opened only with a PIN.
    require_learner_pin: bool = True
    # The kiosk's file chooser may also show USB sticks (exports may go there too).
    allow_removable_media: bool = False


class FileDialogSettings(_Section):
    """Where file dialogs last were, per profile ("none" when no profile is chosen) and
    per purpose — kept here, never in Qt's own settings file (docs/kiosk.md)."""

    last_folders: dict[str, dict[str, str]] = Field(default_factory=dict)
    history: dict[str, list[str]] = Field(default_factory=dict)


class CalendarSettings(_Section):
    calendar_id: str = "primary"
    # Kiosk mode: learners may connect their own Google Calendar only when the advisor allows
    # it (each learner's sign-in is kept under their profile; docs/calendar.md).
    kiosk_google: bool = False


class BackupSettings(_Section):
    keep_daily: int = Field(default=7, ge=1)
    keep_weekly: int = Field(default=4, ge=0)
    keep_monthly: int = Field(default=6, ge=0)


class ImportSettings(_Section):
    # File → Import: the column and status mapping chosen for each file shape
    # (``pipeline.io.columns.shape_key`` of its headers): {"columns": {header: field},
    # "statuses": {word: STATE}}.
    mappings: dict[str, dict[str, dict[str, str]]] = Field(default_factory=dict)


class PipelineSettings(_Section):
    # The board shows every stage instead of the six groups, per profile id (docs/pipeline.md).
    every_stage: dict[str, bool] = Field(default_factory=dict)


class AdvisorSettings(_Section):
    # Outside kiosk mode the Advisor tab is off: a lone job seeker should not see a cohort
    # view flagging them (issue 18). An advisor on their own computer turns it on.
    show_tools: bool = False


class AppearanceSettings(_Section):
    # "system" follows the desktop's light/dark scheme; "light" or "dark" fixes it
    # (docs/design.md).
    theme: str = Field(default="system", pattern="^(system|light|dark)$")


class Settings(_Section):
    schema_version: int = SETTINGS_SCHEMA_VERSION
    last_profile_id: int | None = None
    window: WindowSettings = Field(default_factory=WindowSettings)
    ai: AISettings = Field(default_factory=AISettings)
    player: PlayerSettings = Field(default_factory=PlayerSettings)
    kiosk: KioskSettings = Field(default_factory=KioskSettings)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    backup: BackupSettings = Field(default_factory=BackupSettings)
    imports: ImportSettings = Field(default_factory=ImportSettings)
    pipeline: PipelineSettings = Field(default_factory=PipelineSettings)
    file_dialogs: FileDialogSettings = Field(default_factory=FileDialogSettings)
    advisor: AdvisorSettings = Field(default_factory=AdvisorSettings)
    appearance: AppearanceSettings = Field(default_factory=AppearanceSettings)


def load_settings(path: Path) -> Settings:
    """Read settings; a missing file gives defaults, an unreadable one is kept aside.

    A corrupt settings file must not stop the app from starting: it is renamed to
    ``settings.json.bad`` (so nothing is lost) and defaults are used.
    """
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        settings = Settings.model_validate(raw)
    except (OSError, ValueError, ValidationError) as exc:
        aside = path.with_suffix(path.suffix + ".bad")
        log.warning("settings file %s unreadable (%s); kept as %s", path, exc, aside)
        try:
            os.replace(path, aside)
        except OSError:
            log.exception("could not move the unreadable settings file aside")
        return Settings()
    if settings.schema_version > SETTINGS_SCHEMA_VERSION:
        log.warning("settings written by a newer CareerDesk (v%s)", settings.schema_version)
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically: a crash mid-write leaves the old file intact."""
    atomic_write_text(path, settings.model_dump_json(indent=2))
