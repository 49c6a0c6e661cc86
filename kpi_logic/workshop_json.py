"""The whole workshop as a JSON file, and a new workshop from one, checked before anything is written."""

from __future__ import annotations

import json
from typing import Any

from kpi_logic.domain import EXPORT_FORMAT, EXPORT_VERSION, MAX_UPLOAD_MB
from kpi_logic.errors import InvalidImport
from kpi_logic.records import Workshop
from kpi_logic.store import WorkshopStore

MAX_IMPORT_MB = MAX_UPLOAD_MB
MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024
SUPPORTED_VERSIONS: tuple[int, ...] = (EXPORT_VERSION,)


def workshop_json(store: WorkshopStore, workshop_id: int) -> bytes:
    """The whole workshop (no PIN, join code or share token) as pretty UTF-8 JSON."""
    return json.dumps(store.transfer.export_workshop(workshop_id), ensure_ascii=False, indent=2).encode("utf-8")


def _refused(reason: str) -> InvalidImport:
    """The error for a rejected file, worded like the store's own import errors."""
    return InvalidImport(f"Import refused: {reason}")


def _shown(value: object) -> str:
    """A value from the file as quoted in a message, cut short: the file may hold anything."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _refuse_constant(name: str) -> None:
    raise _refused(f"the file contains {name}, which is not a number JSON allows")


# No number of an export is longer (floats included); Python refuses integers past 4,300 digits anyway.
MAX_NUMBER_CHARS = 30


def _checked_number(text: str, convert: type = int) -> int | float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _refused(f"a number in the file has {len(text)} digits; at most {MAX_NUMBER_CHARS}")
    return convert(text)


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _refused(f"the key {_shown(key)} appears twice in one object")
        seen.add(key)
    return dict(pairs)


def parse_workshop_json(data: bytes) -> dict:
    """The checked top level of a workshop JSON file; InvalidImport says what is wrong with it."""
    if len(data) > MAX_IMPORT_BYTES:
        raise _refused(
            f"the file has {len(data) / 1_048_576:.1f} MB; at most {MAX_IMPORT_MB} MB"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refused(f"the file is not UTF-8 text (byte {error.start})") from None
    try:
        parsed = json.loads(
            text, parse_constant=_refuse_constant, object_pairs_hook=_refuse_duplicates,
            parse_int=_checked_number, parse_float=lambda text: _checked_number(text, float),
        )
    except json.JSONDecodeError as error:
        raise _refused(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise _refused("not valid JSON: nested too deeply") from None
    if not isinstance(parsed, dict):
        raise _refused("the file must hold one JSON object, not a list or a value")
    if parsed.get("format") != EXPORT_FORMAT:
        raise _refused(f"format: expected {EXPORT_FORMAT!r}, got {_shown(parsed.get('format'))}")
    version = parsed.get("version")
    if type(version) is not int or version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        raise _refused(f"version: expected {supported}, got {_shown(version)}")
    return parsed


def import_workshop_json(store: WorkshopStore, data: bytes, facilitator_pin: str,
                         client: str | None = None) -> Workshop:
    """A NEW workshop from an exported JSON file; the whole file is checked before anything is written."""
    return store.transfer.import_workshop(parse_workshop_json(data), facilitator_pin, client)
