"""Every user-facing text exists in both languages, in Swiss spelling, with matching placeholders."""

from string import Formatter

import pytest

from kpi_logic.i18n import TEXTS, normalise_language, t


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_text_exists_in_both_languages(key):
    german, english = TEXTS[key]
    assert german.strip() and english.strip()


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_german_text_uses_swiss_spelling(key):
    assert "ß" not in TEXTS[key][0]


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_take_the_same_placeholders(key):
    german, english = TEXTS[key]
    assert _placeholders(german) == _placeholders(english)


def test_text_follows_the_language_of_the_session():
    assert t("de", "page.goals") == "Ziele"
    assert t("en", "page.goals") == "Goals"


@pytest.mark.parametrize(
    "code,expected",
    [("de-CH", "de"), ("en_US", "en"), ("EN", "en"), ("fr-CH", None), ("", None), (None, None)],
)
def test_browser_locale_maps_to_a_language_the_app_speaks(code, expected):
    assert normalise_language(code) == expected
