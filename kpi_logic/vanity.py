"""Vanity-metric check: is a KPI a raw count of attention, and what should the team track instead.

A metric is a vanity metric when it counts attention or sign-ups (followers, likes, views, visits,
reach, impressions, clicks, downloads, registrations, time on site, e-mail list size) and nothing in
it ties it to a rate, money, a customer, a deal or a lead (Ries 2010; Croll & Yoskovitz, *Lean
Analytics*). A name that matches a catalogue KPI gets the catalogue's own flag, reason and
alternative; any other text (German or English, as people type it) goes through the rules below.

Text is folded before matching: lower case, accents dropped, sharp s → "ss" and umlauts to their base
letter, with "ae"/"oe"/"ue" folded the same way, so "Öffnungsrate", "Oeffnungsrate" and
"Offnungsrate" read alike. Stems match inside words, so German compounds work: "Seitenaufrufe",
"Followerzahl", "Kundenakquisitionskosten", "Abschlussquote".

Decisions worth knowing:
- "pro Monat", "per month" or "/Woche" is a period, not a rate; "pro Besuch", "per post" divides
  attention by more attention ("pages per visit" is one of Lean Analytics' vanity metrics). Neither
  saves a count. Any other "pro/per/je X" ("pro Kunde", "per SQL") is a ratio and does.
- A rate of attention (CTR, Klickrate, Öffnungsrate, engagement rate, bounce rate) is NOT flagged:
  it is comparative, which Lean Analytics asks of a good metric. It gets an info reason that it
  still measures attention, not revenue. Money per attention (CPC, CPM) is treated the same way.
- The growth of an attention count ("Follower-Wachstum in %", "follower growth rate") stays vanity:
  the rate describes the count's change, not a conversion.
- A bare count of leads or MQLs ("Anzahl Leads", "MQLs", "Anfragen") IS flagged, as the catalogue
  flags "Anzahl MQLs": raw lead volume is easy to inflate (lotoftools.org) and says nothing about
  how many sales accepts. Anything that ties leads to a rate, money or a deal ("Kosten pro Lead",
  "MQL→SQL", "Lead-zu-Kunde-Rate") is not flagged; SQLs count as pipeline.
- Only the name is judged when it says anything; the description is read only when the name has
  no signal at all, so a description's "… says nothing about customers" does not save a count.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kpi_logic.catalog import CatalogKpi, load_catalog
from kpi_logic.domain import Bilingual
from kpi_logic.errors import InvalidInput


class EmptyMetricName(InvalidInput):
    """The metric name to assess is empty or only whitespace."""


# Longest name shown inside a reason sentence; longer text is cut with an ellipsis.
QUOTE_LIMIT = 60
# How many catalogue objects keep their name index; a page usually passes one cached catalogue.
INDEX_CACHE_SIZE = 8


@dataclass(frozen=True)
class Assessment:
    """The verdict on one metric name, with reasons in both languages and what to track instead."""

    is_vanity: bool
    reasons: tuple[Bilingual, ...]
    alternative: str | None
    catalog_id: str | None
    alternative_name: Bilingual | None = None
    rules: tuple[str, ...] = ()  # stable names of the rules that fired, for tests and tooltips

    def explain(self, language: str) -> str:
        """The reasons as one paragraph in `language`."""
        return " ".join(reason.get(language) for reason in self.reasons)

    def __str__(self) -> str:
        verdict = "vanity" if self.is_vanity else "not vanity"
        text = f"{verdict}: {self.explain('en')}"
        if self.is_vanity and self.alternative is not None and self.alternative_name is not None:
            text += f" Track instead: {self.alternative_name.en} ({self.alternative})"
        return text


# --- Text folding ----------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+|[%€$÷→/#]")
# Symbols become words so that rules see them: "/" and "÷" read as "per", "%" as a percentage.
_SYMBOL_WORDS = {"%": "prozent", "€": "eur", "$": "usd", "÷": "per", "/": "per", "→": "to", "#": "#"}
_DIGRAPH = re.compile(r"ae|oe|ue")


def _fold_digraphs(text: str) -> str:
    return _DIGRAPH.sub(lambda match: match.group()[0], text)


def fold(word: str) -> str:
    """One word in the form rules match against: lower case, no accents, umlauts folded."""
    if word in _SYMBOL_WORDS:
        return _SYMBOL_WORDS[word]
    word = word.lower().replace("\u00df", "ss")
    word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return _fold_digraphs(word)


@dataclass(frozen=True)
class _Text:
    """Folded words joined by single spaces, remembering where in the original each one stood."""

    original: str
    spans: tuple[tuple[int, int], ...]
    folded: tuple[str, ...]
    normal: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Text:
        original = text.replace("->", "→")
        matches = list(_TOKEN.finditer(original))
        folded = tuple(fold(match.group()) for match in matches)
        starts, position = [], 0
        for part in folded:
            starts.append(position)
            position += len(part) + 1
        spans = tuple(match.span() for match in matches)
        return cls(original, spans, folded, " ".join(folded), tuple(starts))

    def words_at(self, start: int, end: int) -> str:
        """The original text that the folded span [start, end) came from, hyphens and all."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return self.original[self.spans[first][0] : self.spans[last][1]]


def _fill(template: Bilingual, word: str | Bilingual) -> Bilingual:
    """The template with "{word}" filled in; a Bilingual word goes in language by language."""
    words = word if isinstance(word, Bilingual) else Bilingual(word, word)
    return Bilingual(template.de.format(word=words.de), template.en.format(word=words.en))


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


# --- Rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A named pattern over folded text with the sentence it adds when it matches."""

    name: str
    pattern: re.Pattern[str]
    reason: Bilingual  # "{word}" is replaced by the original words that matched
    alternatives: tuple[str, ...] = ()  # catalogue ids to suggest, best first

    def find(self, text: _Text) -> str | None:
        """The original words this rule matched in `text`, or None."""
        match = self.pattern.search(text.normal)
        return text.words_at(match.start(), match.end()) if match else None

    def sentence(self, word: str) -> Bilingual:
        return _fill(self.reason, word)


def _rule(name: str, stems: Sequence[str], de: str, en: str, alternatives: Sequence[str] = ()) -> Rule:
    # Stems are written in plain spelling and folded like the input ("dauer" → "daur").
    pattern = re.compile("|".join(f"(?:{_fold_digraphs(stem)})" for stem in stems))
    return Rule(name, pattern, Bilingual(de, en), tuple(alternatives))


# Preferred replacements per kind of attention; the first one in the catalogue and not vanity wins.
_SOCIAL_ALTERNATIVES = (
    "social_lead_rate", "social_to_lead_rate", "conversion_rate", "lead_to_customer_rate",
)
_TRAFFIC_ALTERNATIVES = ("conversion_rate", "landing_page_conversion_rate", "lead_to_customer_rate")
_EMAIL_ALTERNATIVES = (
    "email_to_lead_rate", "email_conversion_rate", "lead_to_customer_rate", "conversion_rate",
)
_SIGNUP_ALTERNATIVES = (
    "activation_rate", "trial_to_paid_rate", "lead_to_mql_rate", "lead_to_customer_rate",
)
_REACH_ALTERNATIVES = ("cost_per_lead", "conversion_rate")

# Denominators after "pro/per/je" that do not make a ratio worth having: periods and attention.
_NOT_A_RATIO = (
    r"(?:tag|tage|day|days|woche|wochen|week|weeks|kw|monat|monate|month|months|quartal|quarter|"
    r"jahr|jahre|year|years|stunde|hour|minute|sekunde|second|post|posts|beitrag|beitrage|video|"
    r"videos|artikel|article|blog|seite|seiten|page|pages|site|website|webseite|visit|visits|besuch|"
    r"besuche|session|sessions|sitzung|sitzungen|user|users|nutzer|follower|followers|kanal|"
    r"channel|channels|kampagne|kampagnen|campaign|campaigns|plattform|platform|tweet|story|reel|"
    r"email|emails|mail|mailing|newsletter|ad|ads|anzeige|anzeigen|impression|impressions|"
    r"click|clicks|klick|klicks|tausend|mille|\d+)\b"
)

# Last of the counts: "Kosten pro Lead" or "visitor-to-lead" are rates, only the bare volume is vanity.
_LEAD_VOLUME = _rule(
    "lead_volume",
    [r"lead(?!er|ing| ?magnet)", r"\bmqls?\b", r"marketing ?qualifi", r"interessent", r"anfrage",
     r"inquir", r"enquir", r"\bprospects?\b", r"formular", r"\bform (?:fill|submission)"],
    "«{word}» zählt Leads oder Anfragen als reine Menge; die lässt sich leicht aufblähen (Gewinnspiele, "
    "gekaufte Listen) und sagt nicht, wie viele davon der Vertrieb annimmt.",
    "“{word}” counts leads or inquiries as raw volume, which is easy to inflate (contests, bought "
    "lists) and says nothing about how many of them sales accepts.",
    ("mql_to_sql_rate", "mql_acceptance_rate", "lead_to_customer_rate"),
)

# Raw counts of attention or sign-ups, most specific first: the first match names the reason.
ATTENTION_RULES: tuple[Rule, ...] = (
    _rule(
        "email_list",
        [r"newsletter", r"\be ?mail ?(?:list|liste|verteiler|adress|kontakt|abonnent|subscriber)",
         r"mailing ?list", r"\bverteiler", r"\bemails? (?:collected|gesammelt)", r"\bopens?\b",
         r"offnung"],
        "«{word}» zählt gesammelte E-Mail-Adressen oder Öffnungen; eine Liste kann wachsen, ohne "
        "dass jemand kauft.",
        "“{word}” counts e-mail addresses collected or opens; a list can grow without anyone buying.",
        _EMAIL_ALTERNATIVES,
    ),
    _rule(
        "downloads_signups",
        [r"download", r"herunterlad", r"\binstall(?:s|ation|ations|ationen)?\b", r"\bsign ?ups?\b",
         r"registr", r"anmeldung", r"\btrials?\b", r"testversion", r"teilnehmer", r"attendee"],
        "«{word}» zählt Downloads, Anmeldungen oder Teilnehmende; wer nie nutzt oder kauft, zählt "
        "gleich viel.",
        "“{word}” counts downloads, sign-ups or attendees; people who never use or buy count the same.",
        _SIGNUP_ALTERNATIVES,
    ),
    _rule(
        "time_on_site",
        [r"verweildauer", r"\btime (?:on|spent)\b", r"dwell", r"absprung", r"bounce",
         r"(?:session|visit|sitzungs|besuchs) ?(?:duration|length|dauer)",
         r"\bpages? (?:per|pro|je) (?:visit|session|besuch|sitzung)",
         r"\bseiten (?:pro|je|per) (?:besuch|sitzung)", r"scroll", r"watch ?time", r"wiedergabezeit"],
        "«{word}» misst Zeit oder Klicks auf der Website, nicht ob ein Besuch zu etwas geführt hat.",
        "“{word}” measures time or pages on the site, not whether a visit led anywhere.",
        _TRAFFIC_ALTERNATIVES,
    ),
    _rule(
        "reach_impressions",
        [r"(?<!out)reach\b", r"reichweite", r"impression", r"sichtkontakt", r"einblendung",
         r"sichtbarkeit", r"ranking", r"\bcpm\b"],
        "«{word}» zählt, wie oft etwas gezeigt wurde oder wie viele es erreichen könnte, nicht wer "
        "darauf reagiert.",
        "“{word}” counts how often something was shown or how many it could reach, not who acted on it.",
        _REACH_ALTERNATIVES,
    ),
    _rule(
        "clicks",
        [r"klick", r"clicks?\b", r"\bctr\b", r"\bcpc\b"],
        "«{word}» zählt Klicks: kurzes Interesse, kein Lead und kein Verkauf.",
        "“{word}” counts clicks: a moment of interest, not a lead or a sale.",
        _TRAFFIC_ALTERNATIVES,
    ),
    _rule(
        "traffic",
        [r"(?<!re)(?<!inter)(?<!pre)views?\b", r"aufruf", r"ansichten", r"besuch", r"visit",
         r"\bsessions?\b", r"sitzungen", r"\bhits?\b", r"zugriff", r"traffic", r"\busers?\b",
         r"nutzer", r"\b(?:dau|wau|mau)s?\b", r"\bplays\b", r"wiedergaben", r"\bstreams\b"],
        "«{word}» zählt Traffic; ein Besuch oder Aufruf sagt nichts darüber, wer Kunde wird.",
        "“{word}” counts traffic; a visit or a view says nothing about who becomes a customer.",
        _TRAFFIC_ALTERNATIVES,
    ),
    _rule(
        "social_engagement",
        [r"likes?\b", r"gefallt ?mir", r"\bshares\b", r"teilungen", r"geteilt", r"retweet",
         r"repost", r"kommentar", r"comments?\b", r"mention", r"erwahnung", r"reaktion",
         r"reactions?\b", r"engagement", r"interaktion", r"interactions?\b", r"\bherzen\b",
         r"\bclaps?\b", r"\bupvotes?\b"],
        "«{word}» zählt Reaktionen auf Beiträge; ein Like oder Teilen kostet nichts und zeigt keine "
        "Kaufabsicht.",
        "“{word}” counts reactions to posts; a like or a share costs nothing and shows no intent to buy.",
        _SOCIAL_ALTERNATIVES,
    ),
    _rule(
        "social_audience",
        [r"follower", r"\bfans?\b", r"fangemeinde", r"abonnent", r"subscriber", r"\bconnections\b"],
        "«{word}» zählt ein Publikum; Follower allein sagen nichts darüber, ob sie zu Kunden werden.",
        "“{word}” counts an audience; followers alone say nothing about whether they become customers.",
        _SOCIAL_ALTERNATIVES,
    ),
    _LEAD_VOLUME,
)

# Words that tie a metric to revenue, customers, deals or real use: any one of them saves a count.
_MONEY = _rule(
    "money",
    [r"\b(?:chf|eur|usd|fr|franken|dollars?|euros?)\b", r"umsatz", r"revenue", r"erlos", r"einnahm",
     r"ertrag", r"kosten", r"\bcosts?\b", r"\bspend", r"ausgaben", r"budget", r"margin", r"marge",
     r"deckungsbeitrag", r"\bgewinn(?:e|s)?\b", r"profit", r"\bprices?\b", r"preis", r"\binvest",
     # "Mittelwert", "Zielwert" are not money; "Pipeline-Wert", "Kundenlebenszeitwert" are.
     r"(?<!mittel)(?<!schnitts)(?<!ziel)(?<!richt)(?<!mess)(?<!kenn)(?<!schwell)(?<!grenz)"
     r"(?<!spitzen)(?<!best)(?<!rekord)werte?n?\b",
     r"values?\b", r"\broi\b", r"\broas\b", r"return on", r"payback", r"amortisation", r"booking",
     r"lifetime", r"lebenszeit",
     r"\b(?:cac|cpl|cpa|cpc|cpm|cpo|cpv|cps|aov|arr|mrr|ltv|clv|cltv|arpu|arpa|acv|tcv|nrr|ndr|grr)s?\b"],
    "An Umsatz gebunden: «{word}» ist eine Geldgrösse (Umsatz, Kosten oder Wert).",
    "Tied to revenue: “{word}” is money (revenue, cost or value).",
)
_CUSTOMER = _rule(
    "customer",
    [r"kunde", r"kundig", r"customer", r"client", r"klient", r"kaufer", r"buyer", r"kauf(?:e|s)?\b",
     r"purchase", r"\borders?\b", r"bestellung", r"auftrag", r"\bpaying\b", r"zahlend",
     r"\bpaid (?:users?|accounts?|subscribers?|plans?)\b", r"churn", r"abwanderung", r"retention",
     r"bindung", r"renewal", r"verlangerung", r"\bup ?sell", r"\bcross ?sell", r"expansion",
     r"\bnps\b", r"promoter", r"\bcsat\b", r"zufriedenheit", r"satisfaction"],
    "An Kunden gebunden: «{word}» betrifft Kunden oder Käufe, nicht nur Aufmerksamkeit.",
    "Tied to customers: “{word}” is about customers or purchases, not only attention.",
)
_DEAL = _rule(
    "deal",
    [r"(?<!i)deal", r"abschluss", r"pipeline", r"opportunit", r"\bopps?\b", r"\bsqls?\b",
     r"sales ?qualifi", r"vertriebsqualifi", r"sales ?accepted", r"\bsals?\b", r"\bwon\b",
     r"gewonnen", r"\bwins?\b", r"closed", r"angebot", r"proposal", r"forecast", r"verkauf",
     r"\bsales\b", r"vertrieb", r"contract", r"vertrag", r"quota\b"],
    "An Abschlüsse gebunden: «{word}» gehört zur Vertriebspipeline.",
    "Tied to deals: “{word}” belongs to the sales pipeline.",
)
_ACTIVATION = _rule(
    "activation",
    [r"aktivier", r"activat"],
    "Echte Nutzung: «{word}» zählt, wer das Produkt tatsächlich nutzt, nicht nur Anmeldungen.",
    "Real use: “{word}” counts people who actually use the product, not just sign-ups.",
)
SAVING_RULES: tuple[Rule, ...] = (_MONEY, _CUSTOMER, _DEAL, _ACTIVATION)

RATE_RULE = _rule(
    "rate",
    [r"(?<!corpo)(?<!accu)rates?\b", r"quoten?\b", r"ratio", r"verhaltnis", r"prozent", r"percent",
     r"\bpct\b", r"anteil", r"\bshare of\b", r"market ?share", r"conversion", r"konversion",
     r"umwandlung", r"konvertier", r"\b(?:cvr|cr|ctr|sov)\b",
     # Leads per visitor is a conversion even though visitors are attention.
     r"\b(?:leads?|mqls?|anfragen|inquiries) (?:per|pro|je) (?:\d+ )?(?:visit|besuch|user|nutzer|"
     r"session|sitzung|follower|impression|click|klick|download)",
     r"\b(?:to|zu|in) (?:leads?|mqls?|sqls?|kunden?|customers?|deals?|opportunit|abschl|paid|paying)",
     rf"\b(?:per|pro|je) (?!{_NOT_A_RATIO})\w+"],
    "Eine Quote: «{word}» setzt zwei Zahlen ins Verhältnis und zeigt so Wirkung statt Menge.",
    "A rate: “{word}” relates two numbers, so it shows efficiency rather than volume.",
)
PERIOD_RULE = _rule(
    "period_not_rate",
    [rf"\b(?:per|pro|je|im|a) {_NOT_A_RATIO}"],
    "«{word}» legt nur einen Zeitraum fest oder teilt durch weitere Aufmerksamkeit; das ist keine "
    "Konversionsrate.",
    "“{word}” only sets a period or divides by more attention; it is not a conversion rate.",
)
GROWTH_RULE = _rule(
    "growth_of_count",
    [r"wachstum", r"zuwachs", r"growth", r"increase", r"anstieg", r"zunahme", r"steigerung",
     r"veranderung", r"\bchange\b", r"\b(?:mom|yoy|qoq|delta)\b"],
    "«{word}» beschreibt das Wachstum einer Aufmerksamkeitszahl: weiterhin Aufmerksamkeit, keine "
    "Konversion.",
    "“{word}” is the growth of an attention count: still attention, not a conversion.",
)

_NO_SAVER = Bilingual(
    "Es steckt keine Quote, kein Geld, kein Kunde und kein Abschluss darin; die Zahl kann steigen, "
    "während der Umsatz stagniert.",
    "There is no rate, money, customer or deal in it, so it can rise while sales stay flat.",
)
_STILL_ATTENTION = Bilingual(
    "Hinweis: «{word}» bleibt Aufmerksamkeit, nicht Umsatz; lesen Sie die Zahl neben einer KPI "
    "weiter unten im Funnel (Leads, Kunden).",
    "Info: “{word}” is still attention, not revenue; read it next to a KPI further down the funnel "
    "(leads, customers).",
)
_NO_PATTERN = Bilingual(
    "Kein Vanity-Muster: «{word}» ist keine reine Zählung von Aufmerksamkeit oder Anmeldungen.",
    "No vanity pattern: “{word}” is not a raw count of attention or sign-ups.",
)
_CATALOG_OK = Bilingual(
    "Im Katalog: «{word}» ist keine Vanity Metric.",
    "In the catalogue: “{word}” is not a vanity metric.",
)
_CATALOG_VANITY = Bilingual(
    "Im Katalog: «{word}» ist als Vanity Metric markiert.",
    "In the catalogue: “{word}” is flagged as a vanity metric.",
)


@dataclass(frozen=True)
class _Verdict:
    """What the rules say about a text, before the catalogue picks an alternative."""

    is_vanity: bool
    reasons: tuple[Bilingual, ...]
    alternatives: tuple[str, ...]
    rules: tuple[str, ...]


def _first_attention(text: _Text) -> tuple[Rule, str] | None:
    for rule in ATTENTION_RULES:
        word = rule.find(text)
        if word is not None:
            return rule, word
    return None


def _judge_text(text: _Text, quoted_name: str) -> _Verdict:
    attention = _first_attention(text)
    savers = [(rule, word) for rule in SAVING_RULES if (word := rule.find(text)) is not None]
    rate = RATE_RULE.find(text)
    growth = GROWTH_RULE.find(text)
    # A rate saves a count unless it is only the count's own growth; growing qualified leads is
    # the lead velocity rate, a leading KPI, so leads are spared that exception.
    attention_rule = attention[0] if attention is not None else None
    rate_saves = rate is not None and (
        growth is None or attention_rule is None or attention_rule is _LEAD_VOLUME
    )

    if attention is not None and not savers and not rate_saves:
        rule, word = attention
        reasons = [rule.sentence(word)]
        fired = [rule.name]
        for extra in (PERIOD_RULE, GROWTH_RULE):
            extra_word = extra.find(text)
            if extra_word is not None:
                reasons.append(extra.sentence(extra_word))
                fired.append(extra.name)
        reasons.append(_NO_SAVER)
        return _Verdict(True, tuple(reasons), rule.alternatives, tuple(fired))

    reasons = [rule.sentence(word) for rule, word in savers]
    fired = [rule.name for rule, _ in savers]
    if rate is not None:
        reasons.append(RATE_RULE.sentence(rate))
        fired.append(RATE_RULE.name)
    # Money or a rate over attention (CTR, CPC, "Kosten pro Lead") counts; say what it still is.
    only_money_or_rate = set(fired) <= {_MONEY.name, RATE_RULE.name}
    if attention is not None and attention_rule is not _LEAD_VOLUME and only_money_or_rate:
        reasons.append(_fill(_STILL_ATTENTION, attention[1]))
        fired.append(attention[0].name)
    if not reasons:
        reasons.append(_fill(_NO_PATTERN, quoted_name))
    return _Verdict(False, tuple(reasons), (), tuple(fired))


def _has_signal(text: _Text) -> bool:
    rules = (*ATTENTION_RULES, *SAVING_RULES, RATE_RULE)
    return any(rule.pattern.search(text.normal) for rule in rules)


def _judge(name: str, description: str) -> _Verdict:
    text = _Text.of(name)
    if not _has_signal(text) and description.strip():
        described = _Text.of(description)
        if _has_signal(described):
            text = described
    return _judge_text(text, _quote(name))


# --- Catalogue matching ----------------------------------------------------------------------

# "Anzahl Follower", "number of followers", "# of visits", "Gesamtzahl der Leads" → the bare noun.
_PREFIX_WORDS = frozenset(
    {"anzahl", "number", "total", "gesamt", "gesamtzahl", "zahl", "count", "amount", "menge", "#", "no", "nr"}
)
_CONNECTOR_WORDS = frozenset({"of", "der", "an", "von", "the", "die", "des"})
_PERIOD_WORDS = frozenset(
    {"tag", "day", "woche", "week", "monat", "month", "quartal", "quarter", "jahr", "year"}
)
_PERIOD_PREPOSITIONS = frozenset({"pro", "per", "je", "im", "a", "in"})
_PERIOD_ADVERBS = frozenset(
    {"daily", "taglich", "weekly", "wochentlich", "monthly", "monatlich", "quarterly", "quartalsweise",
     "yearly", "jahrlich"}
)
_PLURAL_ENDINGS = ("ies", "en", "es", "s", "e", "n")


def _singular(word: str) -> str:
    # Crude on purpose: applied alike to catalogue names and input, it only has to agree with itself.
    for _ in range(2):
        for ending in _PLURAL_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)] + ("y" if ending == "ies" else "")
                break
    return word


def _key(text: str) -> str:
    words = list(_Text.of(text).folded)
    while words and words[0] in _PREFIX_WORDS:
        words.pop(0)
        while words and words[0] in _CONNECTOR_WORDS:
            words.pop(0)
    if words and words[-1] in _PERIOD_ADVERBS:
        words.pop()
    if len(words) > 2 and words[-2] in _PERIOD_PREPOSITIONS and _singular(words[-1]) in _PERIOD_WORDS:
        del words[-2:]
    return " ".join(_singular(word) for word in words)


_PARENTHESES = re.compile(r"\(([^)]*)\)")


def _keys(name: str) -> list[str]:
    """Lookup keys of a name: whole, without its parentheses, and what stands in them ("CAC")."""
    variants = [name, _PARENTHESES.sub(" ", name), *_PARENTHESES.findall(name)]
    keys = [_key(variant) for variant in variants]
    return [key for key in dict.fromkeys(keys) if key]


@dataclass(frozen=True)
class _Index:
    """One catalogue's KPIs by id and by every normalised name, built once per catalogue object."""

    by_id: dict[str, CatalogKpi]
    by_key: dict[str, CatalogKpi]

    @classmethod
    def of(cls, catalog: Sequence[CatalogKpi]) -> _Index:
        by_key: dict[str, CatalogKpi] = {}
        for kpi in catalog:
            for name in (kpi.name.de, kpi.name.en, kpi.id):
                for key in _keys(name):
                    by_key.setdefault(key, kpi)
        return cls({kpi.id: kpi for kpi in catalog}, by_key)

    def match(self, name: str) -> CatalogKpi | None:
        return next((self.by_key[key] for key in _keys(name) if key in self.by_key), None)

    def usable(self, ids: Sequence[str]) -> CatalogKpi | None:
        """The first of `ids` that is in the catalogue and not itself vanity."""
        found = (self.by_id[kpi_id] for kpi_id in ids if kpi_id in self.by_id)
        return next((kpi for kpi in found if not kpi.is_vanity), None)


_INDEX_CACHE: dict[int, tuple[Sequence[CatalogKpi], _Index]] = {}


def _index_for(catalog: Sequence[CatalogKpi]) -> _Index:
    # Keyed by identity (lists are unhashable, and hashing ~70 entries per call costs more than
    # the check); the stored reference keeps the id from being reused by another object.
    cached = _INDEX_CACHE.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    index = _Index.of(catalog)
    if len(_INDEX_CACHE) >= INDEX_CACHE_SIZE:
        _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
    _INDEX_CACHE[id(catalog)] = (catalog, index)
    return index


# --- Public entry point ----------------------------------------------------------------------


def _from_catalog(kpi: CatalogKpi, verdict: _Verdict, index: _Index) -> Assessment:
    if not kpi.is_vanity:
        # The rules' reasons explain the catalogue's verdict only when they agree with it.
        explained = verdict.reasons if not verdict.is_vanity else ()
        reasons = (_fill(_CATALOG_OK, kpi.name), *explained)
        return Assessment(False, reasons, None, kpi.id, rules=("catalog",))
    reasons = (kpi.vanity_reason,) if kpi.vanity_reason is not None else verdict.reasons
    flagged = _fill(_CATALOG_VANITY, kpi.name)
    # The catalogue's own alternative first; the rules' choice only if that id is gone or vanity.
    candidates = (kpi.alternative,) if kpi.alternative else ()
    alternative = index.usable((*candidates, *verdict.alternatives))
    return Assessment(
        True,
        (flagged, *reasons),
        alternative.id if alternative else None,
        kpi.id,
        alternative.name if alternative else None,
        ("catalog",),
    )


def assess(name: str, description: str = "", catalog: Sequence[CatalogKpi] | None = None) -> Assessment:
    """Judge a metric name (German or English) as vanity or not, with reasons and an alternative.

    `catalog` defaults to the shipped catalogue; a name that matches one of its KPIs gets that
    KPI's flag, reason and alternative.
    """
    if not isinstance(name, str) or not isinstance(description, str):
        raise InvalidInput("The metric name and description must be text.")
    if not name.strip():
        raise EmptyMetricName("The metric name is empty: type the KPI you want to check.")
    index = _index_for(load_catalog() if catalog is None else catalog)
    verdict = _judge(name, description)
    kpi = index.match(name)
    if kpi is not None:
        return _from_catalog(kpi, verdict, index)
    alternative = index.usable(verdict.alternatives) if verdict.is_vanity else None
    return Assessment(
        verdict.is_vanity,
        verdict.reasons,
        alternative.id if alternative else None,
        None,
        alternative.name if alternative else None,
        verdict.rules,
    )


# --- Notes for a screen ----------------------------------------------------------------------


@dataclass(frozen=True)
class VanityNote:
    """Why a KPI is a vanity metric and what to track instead, in one language."""

    reason: str
    alternative: str | None


def vanity_note(
    catalog_id: str | None,
    name: str,
    definition: str,
    catalog: Mapping[str, CatalogKpi],
    language: str,
) -> VanityNote | None:
    """The vanity warning of a candidate: the catalogue's own flag, else the engine's verdict on the text."""
    kpi = catalog.get(catalog_id) if catalog_id else None
    if kpi is not None:
        if not kpi.is_vanity:
            return None
        alternative = catalog.get(kpi.alternative or "")
        return VanityNote(
            kpi.vanity_reason.get(language) if kpi.vanity_reason else "",
            alternative.name.get(language) if alternative else None,
        )
    assessment = _assess_cached(name, definition)
    if not assessment.is_vanity:
        return None
    alternative_name = assessment.alternative_name
    return VanityNote(
        assessment.explain(language), alternative_name.get(language) if alternative_name else None
    )


@lru_cache(maxsize=4096)
def _assess_cached(name: str, definition: str) -> Assessment:
    # Custom KPI texts do not change once proposed; the live screen asks again every second.
    return assess(name, definition)
