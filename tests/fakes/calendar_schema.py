"""Request-body checks for the fake Calendar server, from the discovery document that
google-api-python-client ships (``discovery_cache/documents/calendar.v3.json``).

Unknown fields and wrong JSON types are refused with 400, as Google does; a few semantic
rules Google enforces on events (start/end shape and order, reminder limits) are checked too,
so a CareerDesk bug in the event body fails the tests instead of passing silently.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any


class SchemaError(ValueError):
    """The body does not fit the schema; the message names the field."""


@cache
def discovery() -> dict[str, Any]:
    import googleapiclient

    path = (
        Path(googleapiclient.__file__).parent / "discovery_cache" / "documents" / "calendar.v3.json"
    )
    return json.loads(path.read_text(encoding="utf-8"))


def schema(name: str) -> dict[str, Any]:
    return discovery()["schemas"][name]


def check(value: Any, spec: dict[str, Any], path: str = "") -> None:
    """Raise :class:`SchemaError` unless ``value`` fits the discovery ``spec``."""
    if "$ref" in spec:
        spec = schema(spec["$ref"])
    if value is None:
        return  # JSON null clears a field in a patch
    kind = spec.get("type")
    where = path or "body"
    if kind == "object":
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected an object")
        props = spec.get("properties", {})
        extra = spec.get("additionalProperties")
        for key, item in value.items():
            if key in props:
                check(item, props[key], f"{path}.{key}" if path else key)
            elif extra is not None:
                check(item, extra, f"{path}.{key}" if path else key)
            else:
                raise SchemaError(f"Invalid JSON payload received. Unknown name {key!r} at {where}")
    elif kind == "array":
        if not isinstance(value, list):
            raise SchemaError(f"{where}: expected a list")
        for i, item in enumerate(value):
            check(item, spec.get("items", {}), f"{where}[{i}]")
    elif kind == "string":
        if not isinstance(value, str):
            raise SchemaError(f"{where}: expected a string, got {type(value).__name__}")
        fmt = spec.get("format")
        try:
            if fmt == "date-time":
                datetime.fromisoformat(value)
            elif fmt == "date":
                date.fromisoformat(value)
            elif fmt in ("int64", "uint64"):
                int(value)
        except ValueError as exc:
            raise SchemaError(f"{where}: {value!r} is not a valid {fmt}") from exc
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            raise SchemaError(f"{where}: expected an integer")
    elif kind == "number":
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise SchemaError(f"{where}: expected a number")
    elif kind == "boolean" and not isinstance(value, bool):
        raise SchemaError(f"{where}: expected true or false")


def check_event(body: Any) -> None:
    """Schema plus the event rules Google applies on insert/update (and after a patch)."""
    check(body, schema("Event"))
    bounds = []
    for name in ("start", "end"):
        when = body.get(name)
        if not isinstance(when, dict):
            raise SchemaError(f"Missing {name} time.")
        has_date, has_time = bool(when.get("date")), bool(when.get("dateTime"))
        if has_date == has_time:
            raise SchemaError(f"{name}: exactly one of date and dateTime is required")
        if has_time:
            moment = datetime.fromisoformat(when["dateTime"])
            if moment.tzinfo is None and not when.get("timeZone"):
                raise SchemaError(f"{name}: a time zone is required")
            bounds.append(moment)
        else:
            bounds.append(date.fromisoformat(when["date"]))
    start, end = bounds
    if type(start) is not type(end):
        raise SchemaError("start and end must both be dates or both be times")
    if end < start or (
        isinstance(start, date) and not isinstance(start, datetime) and end == start
    ):
        raise SchemaError("The specified time range is empty.")
    reminders = body.get("reminders") or {}
    overrides = reminders.get("overrides") or []
    if reminders.get("useDefault") and overrides:
        raise SchemaError("Cannot specify both default reminders and overrides at the same time.")
    if len(overrides) > 5:
        raise SchemaError("Too many reminders (at most 5).")
    for item in overrides:
        if item.get("method") not in ("email", "popup"):
            raise SchemaError("reminders.overrides.method must be email or popup")
        minutes = item.get("minutes")
        if not isinstance(minutes, int) or not 0 <= minutes <= 40320:
            raise SchemaError("reminders.overrides.minutes must be 0..40320")
