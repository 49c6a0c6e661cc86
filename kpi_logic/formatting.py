"""Numbers, percents, francs and dates for people, from CLDR data (Babel) in de_CH and en.

Every page, chart, export and card formats through here, so 1’200.5 reads the same everywhere; the
charts get the same symbols as a Vega locale (`vega_locale`).
"""

from __future__ import annotations

import decimal
import math
import re
from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time
from babel.numbers import parse_pattern

LOCALES: dict[str, str] = {"de": "de_CH", "en": "en"}
CURRENCY = "CHF"
LOCAL_TIME = ZoneInfo("Europe/Zurich")
MISSING = "—"
# Digits that carry meaning: 0.00018 is "0.018 %", never "0.0 %"; 0.125 stays 0.125.
SIGNIFICANT = 2
MAX_DECIMALS = 3
PERCENT_DECIMALS = 1
# Enough decimal digits for any finite float (up to 1.8e308) with its decimals.
FLOAT_DIGITS = 400


@lru_cache(maxsize=None)
def locale(language: str) -> Locale:
    """The CLDR locale of an app language: de → de_CH (Swiss grouping ’), anything else → en."""
    return Locale.parse(LOCALES.get(language, LOCALES["en"]))


def _decimals(value: float, least: int) -> int:
    """At least `least` decimals, more for a small number so it keeps SIGNIFICANT digits."""
    if value == 0 or not math.isfinite(value):
        return least
    magnitude = math.floor(math.log10(abs(value)))
    return max(least, SIGNIFICANT - 1 - magnitude)


def _apply(pattern_text: str, value: float, language: str, decimals: tuple[int, int]) -> str:
    pattern = parse_pattern(pattern_text)
    pattern.frac_prec = decimals
    # Babel rounds with the decimal context: 28 digits cannot hold 1e308 to three decimals.
    with decimal.localcontext() as context:
        context.prec = FLOAT_DIGITS
        return pattern.apply(value, locale(language))


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def format_number(
    value: float | None, language: str, decimals: int | None = None, missing: str = MISSING
) -> str:
    """1’234.5 in German (Swiss), 1,234.5 in English; up to 3 decimals, more for tiny values.

    `decimals` fixes the number of decimals (e.g. 0 for counts); `missing` stands for no value.
    """
    if _missing(value):
        return missing
    pattern = locale(language).decimal_formats[None].pattern
    if decimals is not None:
        return _apply(pattern, value, language, (decimals, decimals))
    return _apply(pattern, value, language, (0, max(MAX_DECIMALS, _decimals(value, 0))))


def format_percent(ratio: float | None, language: str, missing: str = MISSING) -> str:
    """0.125 → "12.5%", 0.00018 → "0.018%" (never "0.0%" for a real rate)."""
    if _missing(ratio):
        return missing
    places = _decimals(ratio * 100, PERCENT_DECIMALS)
    return _apply(locale(language).percent_formats[None].pattern, ratio, language, (places, places))


def format_money(value: float | None, language: str, missing: str = MISSING) -> str:
    """An amount in francs: "CHF 9’297.45" (de_CH) or "CHF9,297.45" (en)."""
    if _missing(value):
        return missing
    pattern = parse_pattern(locale(language).currency_formats["standard"].pattern)
    with decimal.localcontext() as context:
        context.prec = FLOAT_DIGITS
        return pattern.apply(value, locale(language), currency=CURRENCY)


def format_date(day: date | None, language: str) -> str:
    """31.12.2027 in German (as in Switzerland), Dec 31, 2027 in English; None → "—"."""
    return MISSING if day is None else babel_date(day, "medium", locale=locale(language))


def format_datetime(moment: datetime | None, language: str) -> str:
    """A point in time in Swiss local time ("31.12.2027, 14:05"); a naive value is taken as UTC."""
    if moment is None:
        return MISSING
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone(LOCAL_TIME)
    cldr = locale(language)
    return cldr.datetime_formats["short"].format(
        babel_time(local, "short", locale=cldr), format_date(local.date(), language)
    )


def date_input_format(language: str) -> str:
    """The locale's day/month/year order as Streamlit's date_input takes it: "DD.MM.YYYY", "MM/DD/YYYY"."""
    short = locale(language).date_formats["short"].pattern
    separator = re.search(r"[./-]", short).group(0)
    order = [token[0] for token in re.findall(r"d+|M+|y+", short)]
    tokens = {"d": "DD", "M": "MM", "y": "YYYY"}
    return separator.join(tokens[token] for token in order)


# CLDR date/time fields as d3-time-format directives, for the charts' time locale.
_D3_DIRECTIVES = {
    "dd": "%d", "d": "%-d", "MMMM": "%B", "MMM": "%b", "MM": "%m", "M": "%-m", "y": "%Y", "yy": "%y",
    "HH": "%H", "H": "%-H", "hh": "%I", "h": "%-I", "mm": "%M", "ss": "%S", "a": "%p",
}


def _d3_pattern(pattern: str) -> str:
    """A CLDR date or time pattern ("dd.MM.y") as a d3 format ("%d.%m.%Y")."""
    return re.sub(r"(\w)\1*", lambda field: _D3_DIRECTIVES.get(field.group(0), field.group(0)), pattern)


# Streamlit's date inputs and date columns, in the locale's day/month/year order.
DATE_PATTERNS: dict[str, str] = {language: date_input_format(language) for language in LOCALES}


def vega_locale(language: str) -> dict:
    """Vega's number and time locale from the same CLDR data, so a chart axis reads 10’000 in German."""
    cldr = locale(language)
    symbols = cldr.number_symbols["latn"]
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": [f"{CURRENCY} ", ""],
            "percent": symbols["percentSign"],
            "minus": symbols["minusSign"],
        },
        "time": {
            "dateTime": cldr.datetime_formats["medium"].format("%X", "%x"),
            "date": _d3_pattern(cldr.date_formats["medium"].pattern),
            "time": _d3_pattern(cldr.time_formats["medium"].pattern),
            "periods": ["AM", "PM"],
            "days": [cldr.days["format"]["wide"][(i + 6) % 7] for i in range(7)],
            "shortDays": [cldr.days["format"]["abbreviated"][(i + 6) % 7] for i in range(7)],
            "months": [cldr.months["format"]["wide"][i] for i in range(1, 13)],
            "shortMonths": [cldr.months["format"]["abbreviated"][i] for i in range(1, 13)],
        },
    }


def clock(seconds: int) -> str:
    """Seconds as a countdown reads them: 125 → '2:05' (minutes, then two-digit seconds)."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{rest:02d}"
