"""Every user-facing text exists in both languages, in Swiss spelling, with matching placeholders."""

import re
from string import Formatter

import pytest

from kpi_logic.i18n import PLURAL_FORMS, TEXTS, normalise_language, plural_form, t

# "Punkt(e)", "KPI(s)", "Person(en)", "Teilnehmer/in": what a plural rule or a neutral word replaces.
PLURAL_STAND_IN = re.compile(r"[a-z]\((s|e|en|n)\)|[a-z]/in\b", re.IGNORECASE)
# Texts of the results page and the shared role words, converted by the room and session work.
PLURAL_KEYS = sorted(key for key, texts in TEXTS.items() if not isinstance(texts[0], str))


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field}


def _forms(text) -> list[str]:
    """A text's strings: itself, or each of its plural forms."""
    return [text] if isinstance(text, str) else list(text.values())


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_text_exists_in_both_languages(key):
    german, english = TEXTS[key]
    assert all(form.strip() for form in _forms(german) + _forms(english))


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_german_text_uses_swiss_spelling(key):
    assert not any("ß" in form for form in _forms(TEXTS[key][0]))


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_take_the_same_placeholders(key):
    german, english = TEXTS[key]
    assert [_placeholders(form) - {"count"} for form in _forms(german)] == [
        _placeholders(form) - {"count"} for form in _forms(english)]


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_no_text_stands_in_for_a_plural(key):
    assert not [form for language in TEXTS[key] for form in _forms(language) if PLURAL_STAND_IN.search(form)]


@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_plural_text_has_one_and_other_forms_in_both_languages(key):
    for text in TEXTS[key]:
        assert tuple(text) == PLURAL_FORMS
        assert "{count}" in text["other"]


@pytest.mark.parametrize(
    "language,count,expected",
    [("de", 0, "0 Punkte für A gespeichert."), ("de", 1, "1 Punkt für A gespeichert."),
     ("de", 2, "2 Punkte für A gespeichert."), ("en", 0, "0 points for A saved."),
     ("en", 1, "One point for A saved."), ("en", 2, "2 points for A saved.")],
)
def test_plural_text_takes_the_form_of_its_count(language, count, expected):
    assert t(language, "voting.saved", count=count, name="A") == expected


def test_a_plural_text_without_a_count_is_a_programming_error():
    with pytest.raises(TypeError):
        t("en", "voting.saved", name="A")


def test_text_follows_the_language_of_the_session():
    assert t("de", "page.goals") == "Ziele"
    assert t("en", "page.goals") == "Goals"


@pytest.mark.parametrize(
    "code,expected",
    [("de-CH", "de"), ("en_US", "en"), ("EN", "en"), ("fr-CH", None), ("", None), (None, None)],
)
def test_browser_locale_maps_to_a_language_the_app_speaks(code, expected):
    assert normalise_language(code) == expected


# The live-room areas are being rewritten (issue 10); their repeats are merged when that lands.
LIVE_ROOM_AREAS = ("voting.", "results.", "facilitate.", "start.", "page.", "nav.", "sidebar.", "role.", "access.",
                   "app.")
# Keys a page or the refusals look up by a computed name (errors.field.<field>, shortlist.col.<column>,
# status_quo.col.<column>, review.chart.<part>, funnel.col.<column>, review.status.<code>), so each area
# keeps a full set; and words that read alike but mean different things ("open": a task not done yet /
# a KPI not judged yet). Each group here is allowed to repeat; any other repeat is a key too many.
ALLOWED_REPEATS = {frozenset(group) for group in [
    ("action_plan.col.step", "errors.field.step"),
    ("action_plan.col.title", "action_plan.delete.which"),
    ("action_plan.status.open", "status_quo.verdict.none"),
    ("errors.field.baseline", "review.chart.baseline", "shortlist.col.baseline", "words.baseline"),
    ("errors.field.baseline_volume", "funnel.col.baseline_volume", "share.col.volume_baseline"),
    ("errors.field.cadence", "share.col.cadence"),
    ("errors.field.company", "share.doc.company"),
    ("errors.field.current_value", "status_quo.col.current_value"),
    ("errors.field.data_source", "share.col.data_source", "shortlist.col.data_source"),
    ("errors.field.decision", "review.log.decision", "status_quo.col.verdict"),
    ("errors.field.definition", "share.col.definition"),
    ("errors.field.description", "status_quo.col.description"),
    ("errors.field.metric", "words.metric"),
    ("errors.field.note", "words.note"),
    ("errors.field.owner", "shortlist.col.owner", "words.owner"),
    ("errors.field.participants", "review.log.participants"),
    ("errors.field.period", "kpi_cards.xlsx.period", "review.chart.period"),
    ("errors.field.stage", "words.stage"),
    ("errors.field.target", "shortlist.col.target", "words.target"),
    ("errors.field.target_date", "review.chart.target_date", "share.col.target_date"),
    ("errors.field.value", "review.chart.value", "words.value"),
    ("funnel.col.target_volume", "share.col.volume_target"),
    ("funnel.series.target", "review.chart.target"),
    ("review.due.cadence", "shortlist.col.cadence"),
    ("review.status.label", "words.status"),
    ("shortlist.col.goal_ids", "words.goals"),
    ("shortlist.col.name", "status_quo.col.name", "words.kpi"),
]}


def test_no_key_only_repeats_another_keys_text():
    by_text: dict[str, set[str]] = {}  # by repr: a plural text holds dicts
    for key, text in TEXTS.items():
        if not key.startswith(LIVE_ROOM_AREAS):
            by_text.setdefault(repr(text), set()).add(key)
    repeats = [sorted(keys) for keys in by_text.values() if len(keys) > 1 and frozenset(keys) not in ALLOWED_REPEATS]
    assert not repeats, "say it once in kpi_logic/i18n/words.py: " + "; ".join(", ".join(r) for r in sorted(repeats))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("count,form", [(0, "other"), (1, "one"), (2, "other"), (21, "other")])
def test_plural_form_follows_the_cldr_rule_of_german_and_english(language, count, form):
    assert plural_form(language, count) == form
