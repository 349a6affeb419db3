"""CareerDesk: an offline-first desktop app from skills to offer."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "CareerDesk"
APP_ID = "org.careerdesk.CareerDesk"
APP_AUTHOR = "CareerDesk"
