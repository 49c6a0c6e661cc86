"""User-facing text in German (Swiss spelling) and English, one module per area of the app.

Each area module defines ``TEXTS: dict[str, tuple[str, str]]`` mapping a key to its (German, English)
text; keys are prefixed with the area ("voting.points_left"). ``t`` looks a key up for one language, so
every session can speak its own language (never ``gettext.install()``: it is global to the process).
"""

from __future__ import annotations

from importlib import import_module
from pkgutil import iter_modules

from kpi_logic.domain import LANGUAGES


def _load_texts() -> dict[str, tuple[str, str]]:
    texts: dict[str, tuple[str, str]] = {}
    for module in iter_modules(__path__):
        area_texts = import_module(f"{__name__}.{module.name}").TEXTS
        duplicates = texts.keys() & area_texts.keys()
        if duplicates:
            raise ValueError(f"i18n keys defined twice: {sorted(duplicates)}")
        texts.update(area_texts)
    return texts


TEXTS: dict[str, tuple[str, str]] = _load_texts()


def t(language: str, key: str, **values: object) -> str:
    """The text for `key` in `language`, with ``{placeholders}`` filled from `values`."""
    german, english = TEXTS[key]
    text = english if language == "en" else german
    return text.format(**values) if values else text


def plural(key: str, count: int) -> str:
    """`key.one` or `key.other`: German and English (CLDR) say "one" for exactly 1, else "other"."""
    return f"{key}.{'one' if count == 1 else 'other'}"


def normalise_language(code: str | None) -> str | None:
    """'de-CH' → 'de', 'en_US' → 'en'; None for languages the app does not speak."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None
