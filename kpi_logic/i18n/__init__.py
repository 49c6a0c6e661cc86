"""User-facing text in German (Swiss spelling) and English, one module per area of the app.

Each area module defines ``TEXTS: dict[str, tuple[Text, Text]]`` mapping a key to its (German, English)
text; keys are prefixed with the area ("voting.points_left"). ``t`` looks a key up for one language, so
every session can speak its own language (never ``gettext.install()``: it is global to the process).

A text that counts something holds one form per CLDR plural category instead of a string,
``{"one": "1 Punkt", "other": "{count} Punkte"}``, and ``t(language, key, count=n)`` picks the
form by the language's plural rule (Babel), so no text needs a bracketed plural ending.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from pkgutil import iter_modules

from kpi_logic.domain import LANGUAGES
from kpi_logic.formatting import locale

# A plain text, or its forms by CLDR plural category; German and English use only these two.
Text = str | Mapping[str, str]
PLURAL_FORMS: tuple[str, ...] = ("one", "other")


def _load_texts() -> dict[str, tuple[Text, Text]]:
    texts: dict[str, tuple[Text, Text]] = {}
    for module in iter_modules(__path__):
        area_texts = import_module(f"{__name__}.{module.name}").TEXTS
        duplicates = texts.keys() & area_texts.keys()
        if duplicates:
            raise ValueError(f"i18n keys defined twice: {sorted(duplicates)}")
        texts.update(area_texts)
    return texts


TEXTS: dict[str, tuple[Text, Text]] = _load_texts()


def plural_form(language: str, count: int) -> str:
    """The CLDR plural category of `count` in `language` ("one" or "other" in German and English)."""
    return locale(language).plural_form(abs(count))


def t(language: str, key: str, count: int | None = None, **values: object) -> str:
    """The text for `key` in `language`, with ``{placeholders}`` filled from `values` (and `count`);
    a plural text takes the form `count` asks for."""
    german, english = TEXTS[key]
    text = english if language == "en" else german
    if not isinstance(text, str):
        if count is None:
            raise TypeError(f"The text {key!r} counts something: give it a count.")
        text = text.get(plural_form(language, count), text["other"])
    if count is not None:
        values["count"] = count
    return text.format(**values) if values else text


def normalise_language(code: str | None) -> str | None:
    """'de-CH' → 'de', 'en_US' → 'en'; None for languages the app does not speak."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None
