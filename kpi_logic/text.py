"""Showing values to people: user text made inert for Markdown, and labels per language.

Numbers and dates are formatted in `kpi_logic.formatting`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kpi_logic.domain import STAGE_LABELS, label
from kpi_logic.i18n import t

# CommonMark lets any ASCII punctuation be backslash-escaped. Besides the Markdown specials we escape
# `:` (autolinks like https:, Streamlit's :red[..] and :emoji: codes), `$` (Streamlit renders LaTeX),
# `~` (GFM strikethrough) and `&` (entities). `<` and `>` become entities: not every renderer honours
# a backslash before `<`, every one shows `&lt;` as a character.
_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|~:$&")
_HTML_ENTITIES = {"<": "&lt;", ">": "&gt;"}
_ESCAPES = str.maketrans({**{ch: f"\\{ch}" for ch in _MARKDOWN_SPECIALS}, **_HTML_ENTITIES})


# GFM autolink literals (bare https://…, www.…, name@host) are found in the text whatever backslashes
# stand before its punctuation, so escaping cannot stop them. An invisible WORD JOINER (U+2060)
# where the pattern needs adjacent characters breaks the match and leaves the text as it reads.
WORD_JOINER = "\u2060"
# Pages escape the same names and labels on every run (150 ballot rows, 120 roster rows): the
# escapers are pure, so their answers are kept.
ESCAPE_CACHE_SIZE = 4096
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?<=@)|(?<=mailto)(?=:)|(?<=xmpp)(?=:)")


@lru_cache(maxsize=ESCAPE_CACHE_SIZE)
def defuse_autolinks(text: str) -> str:
    """`text` with a word joiner where a GFM autolink would start (after 'www', '@', before '//' after ':')."""
    return _AUTOLINK_STARTS.sub(WORD_JOINER, text)


@lru_cache(maxsize=ESCAPE_CACHE_SIZE)
def escape_markdown(text: str) -> str:
    """User text made inert for Markdown: shown as these characters, never as a link, HTML or markup.

    Runs of whitespace (line breaks included) become one space, so a text stays inside its list item
    or table cell. Bare URLs, www. names and e-mail addresses are defused too (`defuse_autolinks`).
    """
    return defuse_autolinks(" ".join(text.split())).translate(_ESCAPES)


def cadence_label(cadence: str | None, language: str) -> str:
    """'monthly' → "monatlich" / "monthly"; None → "—"."""
    return t(language, f"words.cadence.{cadence}") if cadence else "—"


def stage_label(stage: str | None, language: str) -> str:
    """A funnel stage's label in `language`; "—" when a KPI has none."""
    return label(STAGE_LABELS, stage, language) if stage else "—"


# Markdown for people (a wiki, an e-mail, MkDocs): a backslash only where a character would start markup
# in its position, so "Marketing & Vertrieb (%)" stays as typed. Python-Markdown shows a backslash
# before `&`, `$`, `~`, `|` or `<` as a backslash, so those become character references instead, which
# CommonMark, pandoc and Python-Markdown all show as the character.
_BACKSLASH_FIRST = re.compile(r"\\(?=[!-/:-@\[-`{-~])")  # a backslash that would escape what follows
_ALWAYS = re.compile(r"[`*\[]")  # code, emphasis, links and images wherever they stand
_WORD_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # snake_case stays, _kursiv_ not
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")  # HTML or an autolink; "< 15 %" is left alone
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_PAIRED = {"$": "&#36;", "~": "&#126;", "^": "&#94;"}  # TeX math, strike-through, sub/superscript
_BLOCK_START = re.compile(r"^(\s*)([#>]|[-+*=](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|-{3,}|={3,})")
_HEADING_CLOSE = re.compile(r"(\s)(#+)\s*$")


def _inline(text: str) -> str:
    text = _BACKSLASH_FIRST.sub(r"\\\\", text)
    text = _ALWAYS.sub(lambda match: "\\" + match.group(0), text)
    text = _WORD_EDGE_UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = _TAG_START.sub("&lt;", text)
    for character, reference in _PAIRED.items():
        if text.count(character) > 1:  # a single one opens nothing
            text = text.replace(character, reference)
    return text


def _line_start(line: str) -> str:
    """A line that cannot open a heading, quote, list, rule or code block where it begins."""
    line = line.lstrip()
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    marker = match.group(2)
    return f"{marker}\\{line[len(marker):]}" if marker[0].isdigit() else f"\\{line}"


@lru_cache(maxsize=ESCAPE_CACHE_SIZE)
def markdown_inline(text: str, table_cell: bool = False, strict: bool = False) -> str:
    """User text on one line of Markdown for people (a heading, list item or table cell), shown as typed.

    `strict` escapes every special character instead, for Streamlit, which also reads :emoji: and $.
    """
    if strict:
        return escape_markdown(text)
    text = _inline(" ".join(text.split()))
    text = _HEADING_CLOSE.sub(lambda match: f"{match.group(1)}\\{match.group(2)}", text)
    return text.replace("|", "\\|") if table_cell else text


def markdown_lines(text: str, indent: str, strict: bool = False) -> str:
    """User text with its line breaks kept as hard breaks inside a list item indented by `indent`."""
    escape = escape_markdown if strict else lambda line: _line_start(_inline(" ".join(line.split())))
    return f"  \n{indent}".join(escape(line) for line in text.splitlines() if line.strip())


def name_key(name: str) -> str:
    """What makes two names the same (a KPI's, a person's): case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()
