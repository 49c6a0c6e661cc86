"""The shipped catalogue is complete and consistent; malformed files are refused with file, line, column."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from kpi_logic import config
from kpi_logic.catalog import (
    COLUMNS, CatalogError, CatalogKpi, catalog_by_id, conversion_stage, filter_catalog, load_catalog, unit_problem,
)
from kpi_logic.domain import OWNER_TEAMS, STAGES, Bilingual
from kpi_logic.errors import InvalidInput

REQUIRED_IDS = (
    "mql_to_sql_rate", "sql_to_opportunity_rate", "win_rate", "lead_to_customer_rate", "cost_per_lead",
    "cost_per_sql", "cac", "clv", "ltv_cac_ratio", "cac_payback", "pipeline_velocity", "pipeline_coverage",
    "sales_cycle_length", "average_deal_size", "churn_rate", "net_revenue_retention",
    "marketing_sourced_revenue_share", "conversion_rate", "lead_velocity_rate", "cost_per_opportunity",
    "cost_per_won_deal_from_sql", "sql_to_deal_rate",
)  # fmt: skip
# The eleven classic vanity metrics (Ries, Lean Analytics, German-language practice).
VANITY_IDS = (
    "social_followers", "social_likes", "impressions", "reach", "page_views", "website_visits",
    "unique_visitors", "time_on_site", "email_list_size", "downloads", "registered_users",
)  # fmt: skip
TEXT_COLUMNS = tuple(column for column in COLUMNS if column.endswith(("_de", "_en")))


@pytest.fixture(scope="module")
def catalog() -> dict[str, CatalogKpi]:
    return catalog_by_id()


# --- the shipped file -------------------------------------------------------------------------


def test_shipped_catalogue_has_at_least_eighty_kpis(catalog):
    assert len(catalog) >= 80


@pytest.mark.parametrize("kpi", load_catalog(), ids=lambda kpi: kpi.id)
def test_every_formula_fits_its_unit_and_stage(kpi):
    assert unit_problem(kpi.unit, kpi.formula.en) is None
    assert conversion_stage(kpi.id, kpi.name.en, kpi.formula.en) in (None, kpi.stage)


@pytest.mark.parametrize(
    "kpi_id,stage",
    [("conversion_rate", "reach"), ("email_conversion_rate", "reach"), ("lead_to_mql_rate", "lead"),
     ("mql_to_sql_rate", "mql"), ("sql_to_deal_rate", "sql"), ("quote_to_order_rate", "opportunity"),
     ("shop_conversion_rate", "reach")],
)  # fmt: skip
def test_conversion_rates_sit_at_the_stage_they_convert_from(catalog, kpi_id, stage):
    kpi = catalog[kpi_id]
    assert conversion_stage(kpi.id, kpi.name.en, kpi.formula.en) == kpi.stage == stage


def test_email_list_size_sits_at_the_reach_stage_like_other_audiences(catalog):
    assert catalog["email_list_size"].stage == catalog["social_followers"].stage == "reach"


@pytest.mark.parametrize(
    "kpi_id,unit",
    [("time_on_site", "seconds"), ("pipeline_velocity", "CHF/day"), ("lead_response_time", "hours"),
     ("nps", "points"), ("cost_revenue_ratio", "%"), ("order_intake", "CHF")],
)  # fmt: skip
def test_units_say_what_the_number_holds(catalog, kpi_id, unit):
    assert catalog[kpi_id].unit == unit


SWISS_SME_KPIS = (
    "quote_to_order_rate", "order_intake", "contribution_margin_per_customer", "lead_response_time",
    "share_of_wallet", "shop_conversion_rate", "average_order_value", "cart_abandonment_rate",
    "cost_revenue_ratio", "nps", "market_share", "sales_marketing_cost_share",
)


@pytest.mark.parametrize("kpi_id", SWISS_SME_KPIS)
def test_kpis_swiss_smes_track_are_in_the_catalogue_and_not_vanity(catalog, kpi_id):
    assert kpi_id in catalog and not catalog[kpi_id].is_vanity


@pytest.mark.parametrize(
    "kpi_id,german",
    [("roas", "Rendite der Werbeausgaben"), ("quota_attainment", "Umsatzvorgabe (Quota)"),
     ("quote_to_order_rate", "Offerten-Erfolgsquote"), ("order_intake", "Auftragseingang"),
     ("contribution_margin_per_customer", "Deckungsbeitrag pro Kunde"),
     ("cost_revenue_ratio", "Kosten-Umsatz-Relation (KUR)")],
)  # fmt: skip
def test_german_names_are_the_terms_swiss_marketers_use(catalog, kpi_id, german):
    assert german in catalog[kpi_id].name.de


def test_magic_number_counts_net_new_arr_in_both_languages(catalog):
    kpi = catalog["magic_number"]
    assert "Netto-Neuzugang" in kpi.definition.de and "Net new" in kpi.definition.en


def test_no_german_name_says_konversionsrate_and_no_german_text_has_a_decimal_comma(catalog):
    for kpi in catalog.values():
        assert "Konversionsrate" not in kpi.name.de, kpi.id
        for text in (kpi.name.de, kpi.definition.de, kpi.formula.de):
            assert not re.search(r"\d,\d", text), (kpi.id, text)


@pytest.mark.parametrize("stage", STAGES)
def test_every_funnel_stage_has_at_least_four_kpis_that_are_not_vanity(catalog, stage):
    assert sum(kpi.stage == stage and not kpi.is_vanity for kpi in catalog.values()) >= 4


def test_shipped_rows_run_in_funnel_order():
    positions = [STAGES.index(kpi.stage) for kpi in load_catalog()]
    assert positions == sorted(positions)


@pytest.mark.parametrize("kpi_id", REQUIRED_IDS)
def test_integrated_funnel_kpi_is_in_the_catalogue(catalog, kpi_id):
    assert kpi_id in catalog
    assert not catalog[kpi_id].is_vanity


@pytest.mark.parametrize("kpi_id", VANITY_IDS)
def test_classic_vanity_metric_is_flagged_with_a_real_alternative(catalog, kpi_id):
    kpi = catalog[kpi_id]
    assert kpi.is_vanity
    assert kpi.vanity_reason and kpi.vanity_reason.de and kpi.vanity_reason.en
    assert not catalog[kpi.alternative].is_vanity


def test_raw_mql_volume_is_flagged_with_mql_to_sql_rate_instead(catalog):
    assert catalog["mql_volume"].is_vanity
    assert catalog["mql_volume"].alternative == "mql_to_sql_rate"


@pytest.mark.parametrize("team", OWNER_TEAMS)
def test_every_owner_team_owns_several_kpis(catalog, team):
    assert sum(kpi.team == team for kpi in catalog.values()) >= 5


def test_every_row_is_complete_and_translated_in_both_languages(catalog):
    for kpi in catalog.values():
        for text in (kpi.name, kpi.definition, kpi.formula):
            assert text.de and text.en, kpi.id
        # The same definition in both columns means one language was not translated.
        assert kpi.definition.de != kpi.definition.en, kpi.id


def test_catalogue_file_uses_swiss_spelling_without_eszett():
    assert "\u00df" not in config.CATALOG_PATH.read_text(encoding="utf-8-sig")


def test_catalogue_file_opens_in_excel_as_utf8_with_semicolons():
    raw = config.CATALOG_PATH.read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert raw.decode("utf-8-sig").splitlines()[0] == ";".join(COLUMNS)


@pytest.mark.parametrize(
    "kpi_id,words",
    [
        ("cac", ["sales", "marketing", "new customers"]),
        ("clv", ["revenue per account", "gross margin", "churn"]),
        ("ltv_cac_ratio", ["CLV", "CAC"]),
        ("cac_payback", ["CAC", "monthly revenue per customer", "gross margin"]),
        ("pipeline_velocity", ["opportunities", "win rate", "average deal size", "days"]),
        ("win_rate", ["won", "lost"]),
        ("net_revenue_retention", ["expansion", "contraction", "churn"]),
        ("mql_to_sql_rate", ["SQLs", "MQLs"]),
        ("lead_to_customer_rate", ["won", "leads"]),
    ],
)
def test_formula_follows_the_reference(catalog, kpi_id, words):
    formula = catalog[kpi_id].formula.en.lower()
    assert all(word.lower() in formula for word in words), formula


def test_win_rate_definition_states_that_no_decision_deals_are_excluded(catalog):
    assert "no decision" in catalog["win_rate"].definition.en
    assert "ohne Entscheid" in catalog["win_rate"].definition.de


def test_rates_are_percentages_and_costs_are_francs_where_lower_is_better(catalog):
    for kpi in catalog.values():
        if kpi.id.endswith(("_rate", "_share")):
            assert kpi.unit == "%", kpi.id
        if kpi.id.startswith("cost_per_"):
            assert (kpi.unit, kpi.direction) == ("CHF", "lower"), kpi.id


# --- malformed files --------------------------------------------------------------------------

GOOD_ROW = {
    "id": "win_rate", "name_de": "Gewinnquote", "name_en": "Win rate",
    "definition_de": "Gewonnene durch entschiedene Opportunities.", "definition_en": "Won over decided opportunities.",
    "formula_de": "Gewonnen ÷ (gewonnen + verloren)", "formula_en": "Won ÷ (won + lost)",
    "unit": "%", "stage": "opportunity", "team": "sales", "kind": "lagging", "direction": "higher",
    "cadence": "quarterly", "is_vanity": "no", "vanity_reason_de": "", "vanity_reason_en": "", "alternative": "",
}  # fmt: skip
VANITY_ROW = GOOD_ROW | {
    "id": "social_followers", "name_de": "Follower", "name_en": "Followers",
    "definition_de": "Anzahl Follower.", "definition_en": "Number of followers.", "unit": "count",
    "formula_de": "Summe der Follower", "formula_en": "Sum of followers",
    "stage": "reach", "team": "marketing", "kind": "leading", "is_vanity": "yes",
    "vanity_reason_de": "Sagt nichts über Kunden.", "vanity_reason_en": "Says nothing about customers.",
    "alternative": "win_rate",
}  # fmt: skip


def write_catalog(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    """A catalogue file as Excel saves it: UTF-8 with BOM, semicolons, header on line 1."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, columns, delimiter=";", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_small_valid_file_loads(tmp_path):
    kpis = load_catalog(write_catalog(tmp_path / "ok.csv", [GOOD_ROW, VANITY_ROW]))
    assert [kpi.id for kpi in kpis] == ["win_rate", "social_followers"]
    assert kpis[1].vanity_reason == Bilingual("Sagt nichts über Kunden.", "Says nothing about customers.")
    assert kpis[0].vanity_reason is None and kpis[0].alternative is None


@pytest.mark.parametrize(
    "rows,line,column",
    [
        ([GOOD_ROW | {"name_en": ""}], 2, "name_en"),
        ([GOOD_ROW | {"formula_de": "   "}], 2, "formula_de"),
        ([GOOD_ROW, GOOD_ROW | {"id": "cac", "stage": "funnel"}], 3, "stage"),
        ([GOOD_ROW | {"team": "finance"}], 2, "team"),
        ([GOOD_ROW | {"unit": "EUR"}], 2, "unit"),
        ([GOOD_ROW | {"kind": "lagged"}], 2, "kind"),
        ([GOOD_ROW | {"direction": "up"}], 2, "direction"),
        ([GOOD_ROW | {"cadence": "daily"}], 2, "cadence"),
        ([GOOD_ROW | {"is_vanity": "ja"}], 2, "is_vanity"),
        ([GOOD_ROW | {"id": "Win Rate"}], 2, "id"),
        ([GOOD_ROW, VANITY_ROW, GOOD_ROW], 4, "id"),
        ([GOOD_ROW, VANITY_ROW | {"vanity_reason_en": ""}], 3, "vanity_reason_en"),
        ([GOOD_ROW, VANITY_ROW | {"alternative": ""}], 3, "alternative"),
        ([GOOD_ROW, VANITY_ROW | {"alternative": "win_rte"}], 3, "alternative"),
        ([VANITY_ROW | {"alternative": "social_followers"}], 2, "alternative"),
        ([VANITY_ROW | {"alternative": "likes"}, VANITY_ROW | {"id": "likes", "alternative": "win_rate"}], 2,
         "alternative"),
        ([GOOD_ROW | {"alternative": "cac"}], 2, "alternative"),
        ([GOOD_ROW | {"unit": "count"}], 2, "unit"),
        ([GOOD_ROW | {"unit": "CHF"}], 2, "unit"),
        ([GOOD_ROW | {"id": "mql_to_sql_rate", "formula_en": "SQLs ÷ MQLs", "stage": "sql"}], 2, "stage"),
        ([GOOD_ROW | {"id": "email_conversion_rate", "name_en": "Email conversion rate",
                      "formula_en": "Lead events ÷ delivered emails", "stage": "lead"}], 2, "stage"),
    ],
    ids=[
        "empty name", "blank formula", "unknown stage", "unknown team", "unknown unit", "unknown kind",
        "unknown direction", "unknown cadence", "vanity flag not yes/no", "id not snake_case", "duplicate id",
        "vanity without reason", "vanity without alternative", "alternative does not exist",
        "alternative is itself", "alternative is vanity", "alternative on a non-vanity kpi",
        "a share in count", "a share in francs", "conversion at the stage it converts to",
        "e-mail conversion after the reach stage",
    ],
)  # fmt: skip
def test_malformed_row_is_refused_naming_file_line_and_column(tmp_path, rows, line, column):
    path = write_catalog(tmp_path / "catalog.csv", rows)
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert str(path) in message and f"line {line}," in message and f"column '{column}'" in message
    assert (caught.value.line, caught.value.column) == (line, column)


def test_missing_column_is_refused_naming_the_header_line(tmp_path):
    columns = tuple(column for column in COLUMNS if column != "stage")
    path = write_catalog(tmp_path / "catalog.csv", [GOOD_ROW], columns)
    with pytest.raises(CatalogError, match=r"catalog\.csv, line 1, column 'stage'"):
        load_catalog(path)


def test_file_saved_in_windows_encoding_is_refused_naming_the_line(tmp_path):
    path = write_catalog(tmp_path / "catalog.csv", [GOOD_ROW, VANITY_ROW])
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode("cp1252"))
    # The first character cp1252 writes differently is the "÷" in the formula on line 2.
    with pytest.raises(CatalogError, match="line 2: .*UTF-8"):
        load_catalog(path)


def test_missing_file_is_refused_naming_the_file(tmp_path):
    with pytest.raises(CatalogError, match="nowhere.csv"):
        load_catalog(tmp_path / "nowhere.csv")


def test_blank_rows_left_by_excel_are_ignored(tmp_path):
    path = write_catalog(tmp_path / "catalog.csv", [GOOD_ROW])
    with path.open("a", encoding="utf-8") as file:
        file.write(";" * (len(COLUMNS) - 1) + "\n")
    assert [kpi.id for kpi in load_catalog(path)] == ["win_rate"]


def test_edited_file_is_read_again(tmp_path):
    path = write_catalog(tmp_path / "catalog.csv", [GOOD_ROW])
    assert len(load_catalog(path)) == 1
    write_catalog(path, [GOOD_ROW, VANITY_ROW])
    # A fixed, later modification time, so the test does not depend on the file system's clock.
    later = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(later, later))
    assert len(load_catalog(path)) == 2


# --- searching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,language,expected",
    [
        ("gewinn", "de", "win_rate"),
        ("win", "en", "win_rate"),
        ("WIN RATE", "de", "win_rate"),
        ("kündigung", "de", "churn_rate"),
        ("kundigung", "de", "churn_rate"),
        ("kuendigung", "de", "churn_rate"),
        ("Kundengewinnungskosten", "de", "cac"),
        ("lifetime", "de", "clv"),
        ("ltv_cac", "en", "ltv_cac_ratio"),
    ],
)
def test_query_finds_kpi_in_either_language_ignoring_case_and_accents(catalog, query, language, expected):
    found = filter_catalog(catalog.values(), query=query, language=language)
    assert expected in [kpi.id for kpi in found]


def test_query_matching_nothing_finds_nothing(catalog):
    assert filter_catalog(catalog.values(), query="xylophon") == []


def test_kpis_whose_name_matches_in_the_chosen_language_come_first(catalog):
    found = filter_catalog(catalog.values(), query="gewinn", language="de")
    assert found[0].id == "win_rate"


@pytest.mark.parametrize(
    "filters",
    [{"stage": "reach"}, {"team": "sales"}, {"kind": "lagging"}, {"stage": "customer", "team": "joint"}],
)
def test_filters_keep_exactly_the_matching_kpis_in_catalogue_order(catalog, filters):
    expected = [kpi for kpi in catalog.values() if all(getattr(kpi, k) == v for k, v in filters.items())]
    assert expected and filter_catalog(catalog.values(), **filters) == expected


def test_query_and_filters_combine(catalog):
    found = filter_catalog(catalog.values(), query="kosten", stage="sql")
    assert {kpi.id for kpi in found} == {"cost_per_sql", "cost_per_won_deal_from_sql"}


@pytest.mark.parametrize("filters", [{"stage": "funnel"}, {"team": "leadership"}, {"kind": "vanity"}])
def test_unknown_filter_value_is_refused(catalog, filters):
    with pytest.raises(InvalidInput):
        filter_catalog(catalog.values(), **filters)
