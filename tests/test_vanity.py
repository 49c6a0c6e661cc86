"""The vanity-metric check: free text in German and English, catalogue matches, reasons, alternatives."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kpi_logic.catalog import CatalogKpi, catalog_by_id, load_catalog
from kpi_logic.domain import Bilingual
from kpi_logic.vanity import ATTENTION_RULES, EmptyMetricName, assess, vanity_note

CATALOG = load_catalog()
CATALOG_IDS = {kpi.id: kpi for kpi in CATALOG}

VANITY = [
    # German
    "Anzahl Follower",
    "Seitenaufrufe pro Monat",
    "Newsletter-Abonnenten",
    "Newsletterabonnenten",
    "Impressionen",
    "Reichweite auf Instagram",
    "Social-Media-Reichweite",
    "Website-Besucher",
    "Webseitenbesucher",
    "Verweildauer",
    "Durchschnittliche Verweildauer",
    "E-Mail-Liste",
    "Klicks",
    "Instagram-Follower",
    "Followerzahl",
    "Videoaufrufe",
    "Gefällt-mir-Angaben",
    "Erwähnungen der Marke",
    "Kommentare auf LinkedIn",
    "YouTube-Abonnenten",
    "Anzahl Registrierungen",
    "Webinar-Teilnehmer",
    "Organischer Traffic",
    "Seiten pro Besuch",
    "Likes pro Beitrag",
    "Follower-Wachstum in %",
    "Anzahl Leads",
    "Anzahl MQLs",
    "Anfragen über das Kontaktformular",
    "Google-Ranking",
    # English
    "LinkedIn likes",
    "Total registered users",
    "App downloads",
    "Video views",
    "Shares",
    "Retweets",
    "Instagram followers",
    "# of page views",
    "Unique visitors",
    "Sessions",
    "Website traffic",
    "Pages per visit",
    "Time on site",
    "Email list size",
    "Podcast downloads",
    "Trial sign-ups",
    "Tweet impressions per month",
    "follower growth rate",
    "Number of fans",
    "MQLs",
    # how people really type
    "  FOLLOWERS 🚀  ",
    "instagram    follower",
    "Seitenaufrufe / Monat",
]

NOT_VANITY = [
    # German
    "Konversionsrate",
    "Kundenlebenszeitwert",
    "Churn",
    "Abschlussquote",
    "Pipeline-Wert",
    "Kosten pro Lead",
    "Umsatz pro Follower",
    "Kundenakquisitionskosten",
    "Umsatzwachstum",
    "Öffnungsrate",
    "Oeffnungsrate",
    "Klickrate",
    "Absprungrate",
    "Neukunden pro Monat",
    "Kündigungen",
    "Gewonnene Deals",
    "Zahlende Nutzer",
    "Aktivierte Nutzer",
    "Kundenbesuche pro Woche",
    "Kosten pro Klick",
    "Warenkorbwert",
    "Bestellungen",
    "Leads pro Besucher",
    "Anteil Neukunden aus Empfehlungen",
    # English
    "conversion rate",
    "CAC",
    "win rate",
    "cost per SQL",
    "Cost per download that became a customer",
    "Visitor-to-lead rate",
    "Lead velocity rate",
    "Leads per 1000 visitors",
    "Engagement rate",
    "Bounce rate",
    "Email open rate",
    "Share of voice",
    "Number of new customers",
    "Sales cycle length",
    "Deals won",
    "Paying subscribers",
    "Average order value",
    "SQLs",
    # abbreviations
    "MQL→SQL",
    "CTR",
    "CPC",
    "CPL",
    "ROAS",
    "ROI",
    "NPS",
    "AOV",
    "ARR",
    "MRR",
    "ltv:cac",
]


def kpi(kpi_id: str, name: str, *, is_vanity: bool = False, alternative: str | None = None) -> CatalogKpi:
    """A catalogue entry for tests, the same text in both languages."""
    reason = Bilingual(f"Katalog sagt: {name}.", f"Catalogue says: {name}.") if is_vanity else None
    text = Bilingual(name, name)
    return CatalogKpi(
        id=kpi_id, name=text, definition=text, formula=text, unit="count", stage="reach",
        team="marketing", kind="leading", direction="higher", cadence="monthly",
        is_vanity=is_vanity, vanity_reason=reason, alternative=alternative,
    )


@pytest.mark.parametrize("name", VANITY)
def test_raw_counts_of_attention_are_vanity(name):
    assert assess(name).is_vanity


@pytest.mark.parametrize("name", NOT_VANITY)
def test_rates_money_customers_and_deals_are_not_vanity(name):
    assert not assess(name).is_vanity


def test_tables_hold_forty_real_world_phrasings_each():
    assert len(set(VANITY)) >= 40 and len(set(NOT_VANITY)) >= 40


@pytest.mark.parametrize("name", VANITY + NOT_VANITY)
def test_every_verdict_has_reasons_in_german_and_english(name):
    assessment = assess(name)
    german, english = assessment.explain("de"), assessment.explain("en")
    assert german.strip() and english.strip()
    assert german != english
    assert "\u00df" not in german  # Swiss spelling


@pytest.mark.parametrize("name", VANITY)
def test_vanity_alternative_is_an_existing_non_vanity_kpi(name):
    alternative = assess(name).alternative
    assert alternative in CATALOG_IDS
    assert not CATALOG_IDS[alternative].is_vanity


@pytest.mark.parametrize("name", NOT_VANITY)
def test_not_vanity_suggests_no_alternative(name):
    assert assess(name).alternative is None


@pytest.mark.parametrize(
    "name,catalog_id",
    [
        ("Seitenaufrufe", "page_views"),
        ("Anzahl Seitenaufrufe", "page_views"),
        ("SEITENAUFRUFE pro Monat", "page_views"),
        ("# of page views", "page_views"),
        ("Total registered users", "registered_users"),
        ("Kundenlebenszeitwert", "clv"),
        ("CAC", "cac"),
        ("Kündigungsrate", "churn_rate"),
        ("Kuendigungsrate", "churn_rate"),
        ("Kundigungsrate", "churn_rate"),
        ("Cost-per-lead", "cost_per_lead"),
        ("number of MQLs", "mql_volume"),
    ],
)
def test_spelling_variants_find_the_catalogue_kpi(name, catalog_id):
    assert assess(name).catalog_id == catalog_id


@pytest.mark.parametrize("catalog_kpi", CATALOG, ids=lambda k: k.id)
def test_catalogue_names_keep_the_catalogue_flag_and_alternative(catalog_kpi):
    for name in (catalog_kpi.name.de, catalog_kpi.name.en):
        assessment = assess(name)
        assert assessment.catalog_id == catalog_kpi.id
        assert assessment.is_vanity == catalog_kpi.is_vanity
        assert assessment.alternative == catalog_kpi.alternative


def test_catalogue_flag_wins_over_the_rules():
    catalog = [kpi("followers", "Followers", is_vanity=False), kpi("win_rate", "Win rate")]
    assessment = assess("Anzahl Follower", catalog=catalog)
    assert not assessment.is_vanity
    assert assessment.catalog_id == "followers"


def test_catalogue_reason_and_alternative_are_used_for_a_vanity_match():
    catalog = [kpi("calls", "Calls", is_vanity=True, alternative="win_rate"), kpi("win_rate", "Win rate")]
    assessment = assess("Number of calls", catalog=catalog)
    assert assessment.is_vanity
    assert Bilingual("Katalog sagt: Calls.", "Catalogue says: Calls.") in assessment.reasons
    assert (assessment.alternative, assessment.alternative_name.en) == ("win_rate", "Win rate")


@pytest.mark.parametrize(
    "catalog",
    [
        [kpi("win_rate", "Win rate")],  # none of the rule's preferred ids exists
        [kpi("conversion_rate", "Conversion rate", is_vanity=True, alternative="x")],  # exists but vanity
    ],
)
def test_missing_alternative_is_none_not_a_dangling_id(catalog):
    assessment = assess("Website-Besucher", catalog=catalog)
    assert assessment.is_vanity
    assert assessment.alternative is None
    assert "Track instead" not in str(assessment)


def test_dangling_catalogue_alternative_is_dropped():
    catalog = [kpi("likes", "Likes", is_vanity=True, alternative="gone")]
    assert assess("Likes", catalog=catalog).alternative is None


def test_instagram_followers_says_vanity_why_and_what_instead():
    text = str(assess("Instagram followers"))
    alternative = CATALOG_IDS[assess("Instagram followers").alternative]
    assert text.startswith("vanity:")
    assert "followers" in text and "customers" in text
    assert f"Track instead: {alternative.name.en} ({alternative.id})" in text


def test_not_vanity_text_says_why():
    assert str(assess("Kosten pro Lead")).startswith("not vanity:")
    assert "Tied to revenue" in assess("Umsatz pro Follower").explain("en")


@pytest.mark.parametrize(
    "name,word",
    [
        ("Webseitenbesucher", "Webseitenbesucher"),
        ("Instagram-Follower", "Follower"),
        ("E-Mail-Liste", "E-Mail-Liste"),
    ],
)
def test_reason_names_the_matched_word_in_both_languages(name, word):
    assessment = assess(name)
    assert f"«{word}»" in assessment.explain("de")
    assert f"“{word}”" in assessment.explain("en")


@pytest.mark.parametrize("name", ["Follower pro Woche", "Seitenaufrufe pro Monat", "Likes per month"])
def test_a_period_is_not_a_rate(name):
    assessment = assess(name, catalog=[kpi("win_rate", "Win rate")])
    assert assessment.is_vanity
    assert "period_not_rate" in assessment.rules


@pytest.mark.parametrize("name", ["CTR", "Öffnungsrate", "Engagement rate", "CPC"])
def test_rate_or_cost_of_attention_passes_with_an_info_reason(name):
    assessment = assess(name)
    assert not assessment.is_vanity
    assert "still attention" in assessment.explain("en")
    assert "Hinweis" in assessment.explain("de")


def test_description_is_read_when_the_name_says_nothing():
    assert assess("Social KPI", "Anzahl Follower auf LinkedIn").is_vanity


def test_description_cannot_save_a_count_named_in_the_title():
    assert assess("Instagram-Follower", "Sagt nichts über Kunden oder Umsatz.").is_vanity


@pytest.mark.parametrize("name", ["", "   ", "\n\t "])
def test_empty_name_is_refused(name):
    with pytest.raises(EmptyMetricName):
        assess(name)
    assert issubclass(EmptyMetricName, ValueError)


def test_rule_names_are_unique():
    names = [rule.name for rule in ATTENTION_RULES]
    assert len(names) == len(set(names))


@pytest.mark.timeout(10)  # a catastrophic regex would hang here; speed itself is benchmarked
@pytest.mark.parametrize(
    "text,expected",
    [("Follower " * 1111, True), ("a" * 10_000, False), ("pro " * 2_500, False), ("Kosten-" * 1_428, False)],
)
def test_very_long_text_is_still_judged(text, expected):
    assert assess(text).is_vanity is expected


def test_a_changed_catalogue_object_is_indexed_anew():
    catalog = [kpi("followers", "Followers", is_vanity=False)]
    assert not assess("Followers", catalog=catalog).is_vanity
    changed = [replace(catalog[0], id="fans", name=Bilingual("Fans", "Fans"))]
    assert assess("Followers", catalog=changed).catalog_id is None


@pytest.mark.parametrize(
    "catalog_id,name,is_vanity",
    [("page_views", "", True), ("win_rate", "", False), (None, "Instagram followers", True),
     (None, "Win rate of demos", False)],
)
def test_vanity_note_uses_the_catalogue_flag_or_the_engine(catalog_id, name, is_vanity):
    note = vanity_note(catalog_id, name, "", catalog_by_id(), "en")
    assert (note is not None) == is_vanity
    if note is not None:
        assert note.reason and note.alternative
