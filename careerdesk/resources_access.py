"""Shipped files, found through importlib.resources (works from source and frozen builds)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

ONET_CREDIT = (
    "This product includes information from the O*NET 30.x Database by the U.S. Department "
    "of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET® is a trademark of USDOL/ETA. The product has been modified from its "
    "original form; USDOL/ETA has not approved, endorsed, or tested these modifications."
)


def resource(*parts: str) -> Traversable:
    """A file or folder under ``careerdesk/resources``."""
    node = resources.files("careerdesk.resources")
    for part in parts:
        node = node / part
    return node


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


def onet_credit() -> str:
    return ONET_CREDIT
