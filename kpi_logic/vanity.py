"""Vanity-metric check: is a KPI a raw count of attention, and what should the team track instead.

A metric is a vanity metric when it counts attention or sign-ups (followers, likes, views, visits,
reach, impressions, clicks, downloads, registrations, time on site, e-mail list size) and nothing in
it ties it to a rate, money, a customer, a deal or a lead (Ries 2010; Croll & Yoskovitz, *Lean
Analytics*). A name that matches a catalogue KPI gets the catalogue's own flag, reason and
alternative; any other text (German or English, as people type it) goes through the rules below.

How text is read:
- Words are folded (lower case, no accents, sharp s → "ss", umlauts and "ae"/"oe"/"ue" to the base
  letter), so "Öffnungsrate", "Oeffnungsrate" and "Offnungsrate" read alike.
- Each word is split into known stems, inflection endings and linking letters, so German compounds
  are read part by part ("Seitenaufrufe" = Seite + Aufruf, "Kundenakquisitionskosten" = Kunde + … +
  Kosten). A stem matches only where a part begins and ends: "ratio" is not found in "duration",
  "Kunde" not in "Sekunde". English-only and short stems (`^` in the tables) never touch an unknown
  part of a word, so "ratio" in "generation" or "reach" in "outreach" stays unseen.
- A typo of one letter (edit distance 1) is forgiven on stems of 6 letters or more, never on short
  ones: "Folowers", "Impresions", "Seitenaufufe" are read as what they mean.
- "/" reads as "per" only between a quantity and a base ("Umsatz/Kunde", "Leads/Besucher"); between
  two alike words it is "and" ("Likes/Shares", "Facebook/Instagram followers").
- A name with no word in it (digits, emoji) gets no verdict rather than "not vanity".

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
- A time measure ("Reaktionszeit auf Anfragen", "time to first response to a lead") is not a count:
  it saves what it times, except time spent on the site itself (Verweildauer, watch time), which
  Lean Analytics lists as vanity.
- Money or a customer word that only names a page ("Preisseite", "pricing page") is not money: the
  views of a pricing page are traffic.
- Only the name is judged when it says anything; the description is read only when the name has
  no signal at all, so a description's "… says nothing about customers" does not save a count.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
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
# Typos are forgiven on stems this long or longer; on short stems one letter changes the word.
FUZZY_MIN_LENGTH = 6
# An unknown part of a compound must be this long to stand beside a stem ("Se|kunde" is no customer).
MIN_UNKNOWN_PART = 3
# Longer "words" (pasted junk) are not split: splitting costs the square of the length.
MAX_SPLIT_LENGTH = 40
# Distinct words remembered with their split; names repeat on every rerun of a page.
WORD_CACHE_SIZE = 16_384

VANITY, NOT_VANITY, NO_VERDICT = "vanity", "not vanity", "no verdict"


@dataclass(frozen=True)
class Assessment:
    """The verdict on one metric name, with reasons in both languages and what to track instead."""

    is_vanity: bool
    reasons: tuple[Bilingual, ...]
    alternative: str | None
    catalog_id: str | None
    alternative_name: Bilingual | None = None
    rules: tuple[str, ...] = ()  # stable names of the rules that fired, for tests and tooltips
    judged: bool = True  # False when the name holds no word to judge (digits or emoji only)

    @property
    def verdict(self) -> str:
        """VANITY, NOT_VANITY or NO_VERDICT."""
        if not self.judged:
            return NO_VERDICT
        return VANITY if self.is_vanity else NOT_VANITY

    def explain(self, language: str) -> str:
        """The reasons as one paragraph in `language`."""
        return " ".join(reason.get(language) for reason in self.reasons)

    def __str__(self) -> str:
        text = f"{self.verdict}: {self.explain('en')}"
        if self.is_vanity and self.alternative is not None and self.alternative_name is not None:
            text += f" Track instead: {self.alternative_name.en} ({self.alternative})"
        return text


# --- Text folding ----------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+|[%€$÷→/#]")
# Symbols become words so that rules see them: "÷" reads as "per", "%" as a percentage.
_SYMBOL_WORDS = {"%": "prozent", "€": "eur", "$": "usd", "÷": "per", "→": "to", "#": "#"}
_SLASH = "/"
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


# --- Stems and how words split into them -----------------------------------------------------

# Inflection endings and linking letters a stem may carry before the word or the next part goes on.
_ENDINGS: tuple[str, ...] = ("", "s", "e", "n", "d", "es", "en", "er", "ed", "ern", "ers", "ing", "ings")
# Stem kinds beside the rules: parts of words that the rules read but that are no rule of their own.
_TIME, _OBJECT, _NEUTRAL = "time_measure", "object", "neutral"


@dataclass(frozen=True)
class _Stem:
    """A word stem in folded spelling and the rule (or kind) it belongs to."""

    text: str
    kinds: frozenset[str]  # a stem may stand for two things: "CTR" is clicks and a rate
    tail: bool  # "x*": any letters may follow inside the word ("registr*" → Registrierung)
    loose: bool  # may touch an unknown part of a compound (German words and loanwords of 4+ letters)


@dataclass(frozen=True)
class _Part:
    """One part of a split word: a stem with its ending, or an unknown run of letters."""

    start: int
    end: int
    stem: _Stem | None
    fuzzy: bool = False


def _stem(term: str, kind: str) -> _Stem:
    strict = term.startswith("^")
    tail = term.endswith("*")
    text = _fold_digraphs(term.strip("^*"))
    return _Stem(text, frozenset({kind}), tail, not strict and len(text) >= 4)


def _is_phrase(term: str) -> bool:
    return not re.fullmatch(r"\^?[a-z]+\*?", term)


class _Lexicon:
    """Every stem of every rule, looked up by its spelling, with the stems a typo may stand for."""

    def __init__(self) -> None:
        self.stems: dict[str, _Stem] = {}
        self.lengths: tuple[int, ...] = ()
        self._fuzzy: dict[tuple, str] = {}

    def add(self, terms: Iterable[str], kind: str, fuzzy: bool) -> None:
        for term in terms:
            stem = _stem(term, kind)
            known = self.stems.get(stem.text)
            if known is not None:
                stem = replace(known, kinds=known.kinds | stem.kinds)
            self.stems[stem.text] = stem
            if fuzzy and len(stem.text) >= FUZZY_MIN_LENGTH:
                self._add_fuzzy(stem)
        self.lengths = tuple(sorted({len(text) for text in self.stems}, reverse=True))

    def _add_fuzzy(self, stem: _Stem) -> None:
        # Symmetric deletions: two words are one edit apart when one equals the other less a
        # letter, or both less the letter at the same place (a substitution).
        text = stem.text
        self._fuzzy.setdefault(("=", text), text)
        for k in range(len(text)):
            shorter = text[:k] + text[k + 1 :]
            self._fuzzy.setdefault(("-", shorter), text)
            self._fuzzy.setdefault(("~", k, shorter), text)

    def near(self, candidate: str) -> _Stem | None:
        """The stem at most one edit away from `candidate`, if any."""
        found = self._fuzzy.get(("=", candidate)) or self._fuzzy.get(("-", candidate))
        for k in range(len(candidate)):
            if found is not None:
                break
            shorter = candidate[:k] + candidate[k + 1 :]
            found = self._fuzzy.get(("=", shorter)) or self._fuzzy.get(("~", k, shorter))
        return self.stems[found] if found is not None else None


_LEXICON = _Lexicon()
_ENDING_SET = frozenset(_ENDINGS)
_START, _KNOWN_LOOSE, _KNOWN_STRICT, _UNKNOWN = range(4)


def _split(word: str) -> tuple[_Part, ...]:
    """The word as known stems and unknown runs: fewest unknown letters, then fewest ending letters."""
    n = len(word)
    # best[(position, state)] = (cost, parts); cost = (unknown letters, ending letters, parts)
    best: dict[tuple[int, int], tuple[tuple[int, int, int], tuple[_Part, ...]]] = {
        (0, _START): ((0, 0, 0), ())
    }
    for i in range(n + 1):
        for state in (_START, _KNOWN_LOOSE, _KNOWN_STRICT, _UNKNOWN):
            entry = best.get((i, state))
            if entry is None or i == n:
                continue
            (unknown, endings, count), parts = entry
            for length in _LEXICON.lengths:
                stem = _LEXICON.stems.get(word[i : i + length]) if i + length <= n else None
                if stem is None or not _may_follow(stem, state, word, i):
                    continue
                after = _KNOWN_LOOSE if stem.loose else _KNOWN_STRICT
                stops = range(i + length, n + 1) if stem.tail else (
                    i + length + len(ending) for ending in _ENDINGS if word.startswith(ending, i + length)
                )
                for stop in stops:
                    cost = (unknown, endings + stop - i - length, count + 1)
                    _offer(best, (stop, after), cost, (*parts, _Part(i, stop, stem)))
            if state in (_START, _KNOWN_LOOSE):
                for stop in range(i + 1, n + 1):
                    whole = state == _START and stop == n
                    if whole or stop - i >= MIN_UNKNOWN_PART:
                        cost = (unknown + stop - i, endings, count + 1)
                        _offer(best, (stop, _UNKNOWN), cost, (*parts, _Part(i, stop, None)))
    finals = [best[key] for key in ((n, _KNOWN_LOOSE), (n, _KNOWN_STRICT), (n, _UNKNOWN)) if key in best]
    parts = min(finals, key=lambda entry: entry[0])[1] if finals else (_Part(0, n, None),)
    return tuple(_forgive_typos(word, parts))


def _may_follow(stem: _Stem, state: int, word: str, i: int) -> bool:
    if state != _UNKNOWN:
        return True
    # After an unknown part only a loose stem, or any longer stem behind a German linking "s".
    return stem.loose or (len(stem.text) >= 4 and word[i - 1] == "s")


def _offer(best: dict, key: tuple[int, int], cost: tuple[int, int, int], parts: tuple[_Part, ...]) -> None:
    if key not in best or cost < best[key][0]:
        best[key] = (cost, parts)


def _forgive_typos(word: str, parts: Sequence[_Part]) -> list[_Part]:
    """Unknown runs that are one edit from a stem (at their start or their end) become that stem."""
    result = []
    for part in parts:
        run = word[part.start : part.end]
        found = None if part.stem is not None or len(run) < FUZZY_MIN_LENGTH - 1 else _near_run(run)
        if found is None:
            result.append(part)
        else:
            result.append(_Part(part.start, part.end, found, fuzzy=True))
    return result


def _near_run(run: str) -> _Stem | None:
    for ending in _ENDINGS:
        if not run.endswith(ending):
            continue
        body = run[: len(run) - len(ending)] if ending else run
        for length in range(FUZZY_MIN_LENGTH - 1, len(body) + 1):
            rest = len(body) - length
            if rest and rest < MIN_UNKNOWN_PART:
                continue
            # The head of a compound sits at its end ("Instagramfolower"); a whole word may be a typo.
            stem = _LEXICON.near(body[rest:])
            if stem is not None and (rest == 0 or stem.loose):
                return stem
    return None


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _parts(word: str) -> tuple[_Part, ...]:
    if word.isalpha() and len(word) <= MAX_SPLIT_LENGTH:
        return _split(word)
    return (_Part(0, len(word), None),)


# --- Text ------------------------------------------------------------------------------------

# Kinds of a word that make it a base after "/" ("Umsatz/Kunde", "Leads/Besucher").
_BASE_KINDS = frozenset({"customer", "deal", "lead_volume", "traffic", "social_audience", "clicks",
                         "reach_impressions", "period"})
_SAVER_KINDS = frozenset({"money", "customer", "deal"})


@dataclass(frozen=True)
class _Text:
    """Folded words joined by single spaces, what each word's parts mean, and where each word stood."""

    original: str
    spans: tuple[tuple[int, int], ...]
    folded: tuple[str, ...]
    normal: str
    starts: tuple[int, ...]
    kinds: tuple[frozenset[str], ...]  # per word: the kinds of its parts that count
    has_words: bool

    @classmethod
    def of(cls, text: str) -> _Text:
        original = text.replace("->", "→")
        matches = [m for m in _TOKEN.finditer(original)]
        words = [fold(match.group()) for match in matches]
        parts = [_parts(word) for word in words]
        keep = _resolve_slashes(words, parts)
        matches = [m for m, kept in zip(matches, keep) if kept is not None]
        folded = tuple(kept for kept in keep if kept is not None)
        parts = [p for p, kept in zip(parts, keep) if kept is not None]
        starts, position = [], 0
        for part in folded:
            starts.append(position)
            position += len(part) + 1
        return cls(
            original,
            tuple(match.span() for match in matches),
            folded,
            " ".join(folded),
            tuple(starts),
            _live_kinds(folded, parts),
            any(any(c.isalpha() for c in match.group()) for match in matches),
        )

    def words_at(self, start: int, end: int) -> str:
        """The original text that the folded span [start, end) came from, hyphens and all."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return self.original[self.spans[first][0] : self.spans[last][1]]

    def word(self, index: int) -> str:
        start, end = self.spans[index]
        return self.original[start:end]


def _kinds_of(word: str, parts: Sequence[_Part]) -> set[str]:
    kinds = set().union(*(_kind(part) for part in parts))
    if word in _PERIOD_WORDS or word.isdigit():
        kinds.add("period")
    return kinds


def _resolve_slashes(words: list[str], parts: list[tuple[_Part, ...]]) -> list[str | None]:
    """Each "/" becomes "per" between a quantity and a base of another kind, else it is dropped."""
    kept: list[str | None] = list(words)
    for i, word in enumerate(words):
        if word != _SLASH:
            continue
        before = _kinds_of(words[i - 1], parts[i - 1]) if i > 0 else set()
        after = _kinds_of(words[i + 1], parts[i + 1]) if i + 1 < len(words) else set()
        is_per = bool(before) and bool(after & _BASE_KINDS) and not after <= before
        kept[i] = "per" if is_per else None
    return kept


def _live_kinds(words: Sequence[str], parts: Sequence[tuple[_Part, ...]]) -> tuple[frozenset[str], ...]:
    """The kinds each word stands for once a page or a time has taken what it names."""
    attention = {rule.name for rule in ATTENTION_RULES}
    result = []
    for index, word_parts in enumerate(parts):
        after = parts[index + 1][0] if index + 1 < len(parts) else None
        following = [*word_parts[1:], after]
        # A money, customer or deal word right before a page word names the page ("Preisseite").
        kinds: set[str] = set()
        for part, nxt in zip(word_parts, following):
            names_a_page = _OBJECT in _kind(nxt)
            kinds |= _kind(part) - _SAVER_KINDS if names_a_page else _kind(part)
        if _TIME in _kind(word_parts[-1]):
            # "Reaktionszeit" is the time of a reaction, not a count of reactions.
            kinds -= attention - {TIME_ON_SITE}
            if after is not None and set().union(*map(_kind, parts[index + 1])) & attention:
                kinds.discard(_TIME)  # "real time followers" times nothing
        else:
            kinds.discard(_TIME)
        result.append(frozenset(kinds))
    return tuple(result)


def _kind(part: _Part | None) -> frozenset[str]:
    return part.stem.kinds if part is not None and part.stem is not None else frozenset()


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
    """A named set of stems (and multi-word phrases) with the sentence it adds when it matches."""

    name: str
    phrase: re.Pattern[str] | None  # multi-word patterns over the folded text
    reason: Bilingual  # "{word}" is replaced by the original words that matched
    alternatives: tuple[str, ...] = ()  # catalogue ids to suggest, best first

    def find(self, text: _Text) -> str | None:
        """The original words this rule matched in `text`, or None."""
        for index, kinds in enumerate(text.kinds):
            if self.name in kinds:
                return text.word(index)
        match = self.phrase.search(text.normal) if self.phrase is not None else None
        return text.words_at(match.start(), match.end()) if match else None

    def sentence(self, word: str) -> Bilingual:
        return _fill(self.reason, word)


def _rule(
    name: str, terms: Sequence[str], de: str, en: str, alternatives: Sequence[str] = (), *, fuzzy: bool = True
) -> Rule:
    """A rule from stems ("follower", "^like" for English-only, "registr*" for any tail) and phrases.

    Terms are written in plain spelling and folded like the input ("dauer" → "daur"). Typos are
    forgiven only on counts: a misspelt saver would turn "Profil" into "Profit".
    """
    _LEXICON.add([term for term in terms if not _is_phrase(term)], name, fuzzy)
    phrases = [_fold_digraphs(term) for term in terms if _is_phrase(term)]
    pattern = re.compile(r"\b(?:" + "|".join(phrases) + r")\b") if phrases else None
    return Rule(name, pattern, Bilingual(de, en), tuple(alternatives))


# Words the rules need to split compounds right but that mean nothing on their own. A page word
# makes a money word before it a page name; the others only keep stems from being misread.
_LEXICON.add(
    ["seite", "^page", "^site", "website", "webseite", "landingpage", "homepage", "startseite"], _OBJECT, False
)
_LEXICON.add(
    ["sekunde", "minute", "stunde", "leader", "leadership", "leading", "leadmagnet", "ideal", "gewinnspiel",
     "mittelwert", "durchschnittswert", "zielwert", "richtwert", "messwert", "kennwert", "schwellenwert",
     "grenzwert", "spitzenwert", "bestwert", "rekordwert", "istwert", "sollwert", "echtzeit", "zahl",
     "anzahl", "gesamt", "^email", "^mail", "kontakt", "^follow", "^up", "^outreach", "antwort", "erst",
     "^first", "^response", "^pricing",
     # English words that end in "rate" but are no rate ("rate" may close a German compound).
     "^generate", "^corporate", "^accurate", "^moderate", "^separate", "^integrate", "^operate",
     "^migrate", "^celebrate", "^demonstrate", "^karate", "^pirate", "^desperate", "^accelerate",
     "^concentrate", "^elaborate", "^literate", "^tolerate", "^collaborate", "^deliberate"],
    _NEUTRAL,
    False,
)

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
TIME_ON_SITE = "time_on_site"

# Last of the counts: "Kosten pro Lead" or "visitor-to-lead" are rates, only the bare volume is vanity.
_LEAD_VOLUME = _rule(
    "lead_volume",
    ["lead", "^mql", r"marketing ?qualifi\w*", "marketingqualifi*", "interessent", "anfrage", "^inquir*",
     "^enquir*", "^prospect", "formular", r"form (?:fill|submission)s?", "^optin", r"opt ins?"],
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
        ["newsletter", "verteiler", "mailingliste", "emaillist", "emailadress*", "emailabonnent*",
         "emailkontakt*", "emailempfang*", "^opens", "offnung", r"mailing ?lists?",
         r"gesammelte (?:e ?mail )?adressen", r"adressen gesammelt",
         r"e ?mails? (?:list\w*|verteiler\w*|adress\w*|kontakt\w*|abonnent\w*|subscriber\w*|"
         r"empfang\w*|collected|gesammelt|opens?)"],
        "«{word}» zählt gesammelte E-Mail-Adressen oder Öffnungen; eine Liste kann wachsen, ohne "
        "dass jemand kauft.",
        "“{word}” counts e-mail addresses collected or opens; a list can grow without anyone buying.",
        _EMAIL_ALTERNATIVES,
    ),
    _rule(
        "downloads_signups",
        ["download", "herunterlad*", "^install", "^installation", r"sign ?ups?", "^signup", "registr*",
         "register*", "anmeldung", "angemeldet", "^trial", "testversion", "testkont*", "teilnehmer",
         "teilnehmend*", "teilnahme", "attendee", "^registrant", "^rsvp"],
        "«{word}» zählt Downloads, Anmeldungen oder Teilnehmende; wer nie nutzt oder kauft, zählt "
        "gleich viel.",
        "“{word}” counts downloads, sign-ups or attendees; people who never use or buy count the same.",
        _SIGNUP_ALTERNATIVES,
    ),
    _rule(
        TIME_ON_SITE,
        ["verweildauer", "verweilzeit", "aufenthaltsdauer", "aufenthaltszeit", "sitzungsdauer", "sitzungszeit",
         "besuchsdauer", "besuchszeit", "lesedauer", "lesezeit", "betrachtungsdauer", "wiedergabezeit",
         "wiedergabedauer", "sehdauer", "wiedergabestunde", "watchtime", "^dwell", "absprung", "^bounce",
         "^scroll*", r"time (?:on|spent)", r"zeit auf der (?:seite|website|webseite)",
         r"(?:session|visit|sitzungs|besuchs|view|viewing|listening|reading|watch|engagement|engaged) "
         r"?(?:duration|length|dauer|time)s?",
         r"(?:minutes|hours|minuten|stunden) (?:watched|viewed|listened|gesehen|angesehen|gehort)",
         r"pages? (?:per|pro|je) (?:visit|session|besuch|sitzung)\w*",
         r"seiten (?:pro|je|per) (?:besuch|sitzung)\w*"],
        "«{word}» misst Zeit oder Klicks auf der Website, nicht ob ein Besuch zu etwas geführt hat.",
        "“{word}” measures time or pages on the site, not whether a visit led anywhere.",
        _TRAFFIC_ALTERNATIVES,
    ),
    _rule(
        "reach_impressions",
        ["^reach", "reichweite", "impression", "sichtkontakt", "einblendung", "ausspielung", "sichtbarkeit",
         "ranking", "^cpm", "^erreichte", r"people reached", r"erreichte personen"],
        "«{word}» zählt, wie oft etwas gezeigt wurde oder wie viele es erreichen könnte, nicht wer "
        "darauf reagiert.",
        "“{word}” counts how often something was shown or how many it could reach, not who acted on it.",
        _REACH_ALTERNATIVES,
    ),
    _rule(
        "clicks",
        ["klick", "^click", "^ctr", "^cpc", "^tap"],
        "«{word}» zählt Klicks: kurzes Interesse, kein Lead und kein Verkauf.",
        "“{word}” counts clicks: a moment of interest, not a lead or a sale.",
        _TRAFFIC_ALTERNATIVES,
    ),
    _rule(
        "traffic",
        ["aufruf", "abruf", "ansicht", "besuch", "^visit", "^visitor", "^session", "sitzung", "^hit",
         "zugriff", "traffic", "^user", "nutzer", "^dau", "^wau", "^mau", "^play", "wiedergabe",
         "abspielung", "^stream", "^listen", "^listener", "horer", "zuhorer", "zuschauer", "^view", "^viewer",
         "^pageview", "^reader", "leser", "^unique", "^uniques"],
        "«{word}» zählt Traffic; ein Besuch oder Aufruf sagt nichts darüber, wer Kunde wird.",
        "“{word}” counts traffic; a visit or a view says nothing about who becomes a customer.",
        _TRAFFIC_ALTERNATIVES,
    ),
    _rule(
        "social_engagement",
        ["^like", r"gefallt ?mir\w*", "gefallt", "^shares", "^teilungen", "^geteilt", "retweet", "repost",
         "kommentar", "^comment", "^mention", "erwahnung", "reaktion", "^reaction", "engagement",
         "interaktion", "^interaction", "^herzen", "^clap", "^upvote", "^saves", "^emoji"],
        "«{word}» zählt Reaktionen auf Beiträge; ein Like oder Teilen kostet nichts und zeigt keine "
        "Kaufabsicht.",
        "“{word}” counts reactions to posts; a like or a share costs nothing and shows no intent to buy.",
        _SOCIAL_ALTERNATIVES,
    ),
    _rule(
        "social_audience",
        ["follower", "^fan", "fangemeinde", "abonnent", "^subscriber", "^connections", "^followers"],
        "«{word}» zählt ein Publikum; Follower allein sagen nichts darüber, ob sie zu Kunden werden.",
        "“{word}” counts an audience; followers alone say nothing about whether they become customers.",
        _SOCIAL_ALTERNATIVES,
    ),
    _LEAD_VOLUME,
)

# Words that tie a metric to revenue, customers, deals or real use: any one of them saves a count.
_MONEY = _rule(
    "money",
    ["^chf", "^eur", "^usd", "^fr", "franken", "^dollar", "^euro", "umsatz", "^revenue", "erlos",
     "einnahm*", "ertrag", "kosten", "^cost", "^spend", "ausgabe", "budget", "^margin", "marge",
     "deckungsbeitrag", "gewinn", "profit", "^price", "preis", "^invest*", "wert", "^value", "^roi",
     "^roas", r"return on", "payback", "amortisation", "^booking", "^lifetime", "lebenszeit", "^cac",
     "^cpc", "^cpm", "^cpl", "^cpa", "^cpo", "^cpv", "^cps", "^aov", "^arr", "^mrr", "^ltv", "^clv", "^cltv", "^arpu",
     "^arpa", "^acv", "^tcv", "^nrr", "^ndr", "^grr", "^kur", "^ebit", "rendite"],
    "An Umsatz gebunden: «{word}» ist eine Geldgrösse (Umsatz, Kosten oder Wert).",
    "Tied to revenue: “{word}” is money (revenue, cost or value).",
    fuzzy=False,
)
_CUSTOMER = _rule(
    "customer",
    ["kund*", "^customer", "^client", "klient", "kaufer", "^buyer", "^kauf", "^purchase", "^order",
     "bestell*", "auftrag", "^paying", "zahlend", r"paid (?:users?|accounts?|subscribers?|plans?|customers?)",
     "churn", "abwanderung", "retention", "bindung", "^renewal", "verlangerung", r"up ?sell\w*", "^upsell",
     r"cross ?sell\w*", "expansion", "^nps", "promoter", "^csat", "zufriedenheit", "satisfaction",
     "warenkorb", "^cart", "^checkout", "^wallet", "abonnement", "^subscription"],
    "An Kunden gebunden: «{word}» betrifft Kunden oder Käufe, nicht nur Aufmerksamkeit.",
    "Tied to customers: “{word}” is about customers or purchases, not only attention.",
    fuzzy=False,
)
_DEAL = _rule(
    "deal",
    ["deal", "abschluss", "pipeline", "opportunit*", "^opp", "^opps", "^sql", r"sales ?qualifi\w*",
     "vertriebsqualifi*", r"sales ?accepted", "^sal", "^won", "gewonnen", "^win", "^closed", "angebot",
     "offert*", "^proposal", "forecast", "verkauf", "^sales", "vertrieb", "^contract", "vertrag", "^quota",
     "^quotes"],
    "An Abschlüsse gebunden: «{word}» gehört zur Vertriebspipeline.",
    "Tied to deals: “{word}” belongs to the sales pipeline.",
    fuzzy=False,
)
_ACTIVATION = _rule(
    "activation",
    ["aktivier*", "^activat*"],
    "Echte Nutzung: «{word}» zählt, wer das Produkt tatsächlich nutzt, nicht nur Anmeldungen.",
    "Real use: “{word}” counts people who actually use the product, not just sign-ups.",
    fuzzy=False,
)
_QUALITY = _rule(
    "quality",
    ["qualitat", "^quality", "^score", "^scoring"],
    "Eine Qualitätsgrösse: «{word}» bewertet, wie gut etwas ist, nicht wie viel davon anfällt.",
    "A quality measure: “{word}” rates how good something is, not how much of it there is.",
    fuzzy=False,
)
SAVING_RULES: tuple[Rule, ...] = (_MONEY, _CUSTOMER, _DEAL, _ACTIVATION, _QUALITY)

RATE_RULE = _rule(
    "rate",
    ["rate", "quote", "^ratio", "verhaltnis", "prozent", "^percent", "^pct", "anteil", "conversion",
     "konversion", "umwandlung", "konvertier*", "^cvr", "^cr", "^ctr", "^sov", "quotient",
     r"share of", r"market ?share",
     # Leads per visitor is a conversion even though visitors are attention.
     r"(?:leads?|mqls?|anfragen|inquiries) (?:per|pro|je) (?:\d+ )?(?:visit|besuch|user|nutzer|"
     r"session|sitzung|follower|impression|click|klick|download)\w*",
     r"(?:to|zu|in) (?:leads?|mqls?|sqls?|kunden?|customers?|deals?|opportunit\w*|abschl\w*|paid|paying|"
     r"orders?|auftrag\w*|bestellung\w*)",
     rf"(?:per|pro|je) (?!{_NOT_A_RATIO})\w+"],
    "Eine Quote: «{word}» setzt zwei Zahlen ins Verhältnis und zeigt so Wirkung statt Menge.",
    "A rate: “{word}” relates two numbers, so it shows efficiency rather than volume.",
    fuzzy=False,
)
PERIOD_RULE = _rule(
    "period_not_rate",
    [rf"(?:per|pro|je|im|a) {_NOT_A_RATIO}"],
    "«{word}» legt nur einen Zeitraum fest oder teilt durch weitere Aufmerksamkeit; das ist keine "
    "Konversionsrate.",
    "“{word}” only sets a period or divides by more attention; it is not a conversion rate.",
)
GROWTH_RULE = _rule(
    "growth_of_count",
    ["wachstum", "zuwachs", "^growth", "^increase", "anstieg", "zunahme", "steigerung", "veranderung",
     "^change", "^mom", "^yoy", "^qoq", "^delta"],
    "«{word}» beschreibt das Wachstum einer Aufmerksamkeitszahl: weiterhin Aufmerksamkeit, keine "
    "Konversion.",
    "“{word}” is the growth of an attention count: still attention, not a conversion.",
    fuzzy=False,
)
TIME_RULE = _rule(
    _TIME,
    ["zeit", "dauer", "^time", "^duration", "^latency", "laufzeit"],
    "Eine Zeitgrösse: «{word}» misst, wie schnell etwas geschieht, nicht wie viel Aufmerksamkeit es gab.",
    "A time measure: “{word}” measures how fast something happens, not how much attention there was.",
    fuzzy=False,
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
_NO_WORDS = Bilingual(
    "Kein Urteil: «{word}» enthält kein Wort, das sich beurteilen lässt; benennen Sie die Kennzahl in Worten.",
    "No verdict: “{word}” holds no word to judge; name the metric in words.",
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
    attention_rule = attention[0] if attention is not None else None
    savers = [(rule, word) for rule in SAVING_RULES if (word := rule.find(text)) is not None]
    # A time measure saves what it times, but the time spent on the site is itself attention.
    if attention_rule is None or attention_rule.name != TIME_ON_SITE:
        timed = TIME_RULE.find(text)
        if timed is not None:
            savers.append((TIME_RULE, timed))
    rate = RATE_RULE.find(text)
    growth = GROWTH_RULE.find(text)
    # A rate saves a count unless it is only the count's own growth; growing qualified leads is
    # the lead velocity rate, a leading KPI, so leads are spared that exception.
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


_SIGNAL_RULES: tuple[Rule, ...] = (*ATTENTION_RULES, *SAVING_RULES, RATE_RULE)


def _has_signal(text: _Text) -> bool:
    return any(rule.find(text) is not None for rule in _SIGNAL_RULES)


# A won deal, an order, or a conversion into customers: what ties an early-stage KPI to revenue.
# "Zielkunden" (the ideal customer profile) or "SQL" alone are not that outcome.
_OUTCOME = re.compile(
    r"\b(?:deals?|won|gewonnen\w*|abschl\w*|auftrag\w*|auftrage\w*|orders?|bestell\w*)\b"
    r"|\b(?:to|zu|in|per|pro|je) (?:\w+ )?(?:neu)?(?:kunde\w*|kund\w*|customers?|clients?|paying|paid|zahlend\w*)\b"
)


def names_customers_or_deals(name: str) -> bool:
    """Whether a KPI name follows its stage through to customers, orders or won deals."""
    return _OUTCOME.search(_Text.of(name).normal) is not None


def _judge(name: str, description: str) -> _Verdict | None:
    """The rules' verdict on the name (or the description if the name says nothing); None: no words."""
    text = _Text.of(name)
    if not text.has_words:
        return None
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


_INDEX_CACHE: dict[tuple[int, ...], tuple[tuple[CatalogKpi, ...], _Index]] = {}


def _index_for(catalog: Sequence[CatalogKpi]) -> _Index:
    # Keyed by the identities of the KPIs, not of the sequence: callers pass a fresh tuple of the
    # same (cached) catalogue on every page run, and rebuilding the index each time was a fifth of
    # the facilitator page. The stored tuple keeps the ids from being reused by other objects.
    key = tuple(map(id, catalog))
    cached = _INDEX_CACHE.get(key)
    if cached is not None:
        return cached[1]
    index = _Index.of(catalog)
    if len(_INDEX_CACHE) >= INDEX_CACHE_SIZE:
        _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
    _INDEX_CACHE[key] = (tuple(catalog), index)
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
    if verdict is None:
        reason = _fill(_NO_WORDS, _quote(name))
        return Assessment(False, (reason,), None, None, rules=(NO_VERDICT,), judged=False)
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
