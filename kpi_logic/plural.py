"""Plural texts until kpi_logic.i18n picks forms by Babel's CLDR rules: keys `<key>.one` / `<key>.other`.

German and English share the CLDR rule "one for exactly 1, other for everything else".
"""

from __future__ import annotations

from kpi_logic.i18n import t

ONE = "one"
OTHER = "other"


def tn(language: str, key: str, count: int, **values: object) -> str:
    """The text for `count` things: `<key>.one` for 1, `<key>.other` otherwise, `{count}` filled in."""
    return t(language, f"{key}.{ONE if count == 1 else OTHER}", count=count, **values)
