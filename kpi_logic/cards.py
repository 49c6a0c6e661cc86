"""KPI cards for training the teams (step 5): what each agreed KPI means and how each team moves it.

The catalogue has no levers per KPI, so the levers come from the KPI's funnel stage: generic but
concrete things marketing and sales can do at that stage. Cards render as Markdown and as a
self-contained, printable HTML file; every user text is escaped on the way out.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import partial

from kpi_logic.domain import Bilingual
from kpi_logic.export import LIST_INDENT, SharedKpi, share_data, target_text
from kpi_logic.text import cadence_label, markdown_inline, markdown_lines, stage_label
from kpi_logic.i18n import t
from kpi_logic.store import WorkshopStore


@dataclass(frozen=True)
class StageGuide:
    """Why a KPI at one funnel stage matters and how marketing and sales can move it."""

    why: Bilingual
    marketing: Bilingual
    sales: Bilingual


STAGE_GUIDES: dict[str, StageGuide] = {
    "reach": StageGuide(
        Bilingual(
            "Zeigt, ob die richtigen Leute das Angebot überhaupt wahrnehmen; ohne Reichweite keine Leads.",
            "Shows whether the right people notice the offer at all; no reach, no leads.",
        ),
        Bilingual(
            "Budget auf Kanäle verschieben, die Wunschkunden erreichen; Inhalte zu deren Fragen publizieren.",
            "Shift budget to channels that reach ideal customers; publish content on their questions.",
        ),
        Bilingual(
            "Fragen und Einwände aus Kundengesprächen ans Marketing geben; Inhalte im eigenen Netzwerk teilen.",
            "Pass questions and objections from customer calls to marketing; share content in your own network.",
        ),
    ),
    "lead": StageGuide(
        Bilingual(
            "Misst, wie viele Interessierte sich melden: der Zufluss für alles, was danach kommt.",
            "Measures how many interested people get in touch: the inflow for everything that follows.",
        ),
        Bilingual(
            "Klare Angebote mit Formular testen (Checkliste, Demo, Beratung); Landingpages laufend verbessern.",
            "Test clear offers with a form (checklist, demo, consultation); keep improving landing pages.",
        ),
        Bilingual(
            "Rückmelden, welche Quellen gute Leads liefern; Empfehlungen zufriedener Kunden aktiv erfragen.",
            "Report which sources bring good leads; actively ask happy customers for referrals.",
        ),
    ),
    "mql": StageGuide(
        Bilingual(
            "Trennt interessierte von passenden Leads; hier zeigt sich, ob Marketing die richtigen anzieht.",
            "Separates interested from fitting leads; shows whether marketing attracts the right ones.",
        ),
        Bilingual(
            "Lead-Scoring mit dem Vertrieb abstimmen; Leads mit Nurturing-Mails und Inhalten qualifizieren.",
            "Agree lead scoring with sales; qualify leads with nurturing emails and content.",
        ),
        Bilingual(
            "Gemeinsam festlegen, was ein qualifizierter Lead ist; abgelehnte Leads mit Grund zurückmelden.",
            "Agree together what a qualified lead is; send rejected leads back with a reason.",
        ),
    ),
    "sql": StageGuide(
        Bilingual(
            "Die Übergabe zwischen Marketing und Vertrieb: zeigt, ob beide Teams dieselben Leads wollen.",
            "The handover between marketing and sales: shows whether both teams want the same leads.",
        ),
        Bilingual(
            "Nur Leads übergeben, die die gemeinsamen Kriterien erfüllen; Kontext zum Lead mitliefern.",
            "Hand over only leads that meet the shared criteria; pass on the lead's context.",
        ),
        Bilingual(
            "Übergebene Leads innert 24 Stunden kontaktieren; Status im CRM sofort nachführen.",
            "Contact handed-over leads within 24 hours; update their status in the CRM at once.",
        ),
    ),
    "opportunity": StageGuide(
        Bilingual(
            "Zeigt, wie viel konkretes Geschäft in der Pipeline steckt und wie gut es vorankommt.",
            "Shows how much concrete business is in the pipeline and how well it moves.",
        ),
        Bilingual(
            "Referenzen, Fallstudien und Vergleichsunterlagen für laufende Verhandlungen bereitstellen.",
            "Provide references, case studies and comparison material for ongoing deals.",
        ),
        Bilingual(
            "Nächste Schritte in jedem Gespräch vereinbaren; chancenlose Opportunities früh schliessen.",
            "Agree next steps in every meeting; close hopeless opportunities early.",
        ),
    ),
    "customer": StageGuide(
        Bilingual(
            "Der Abschluss: hier wird sichtbar, ob die Arbeit beider Teams zu Umsatz führt.",
            "The deal: shows whether the work of both teams turns into revenue.",
        ),
        Bilingual(
            "Kampagnen auf Segmente mit der besten Abschlussquote ausrichten; Angebote klar positionieren.",
            "Aim campaigns at the segments with the best win rate; position offers clearly.",
        ),
        Bilingual(
            "Verlorene Deals mit Grund erfassen und gemeinsam auswerten; Offerten rasch und gezielt nachfassen.",
            "Record lost deals with a reason and review them together; follow up proposals quickly.",
        ),
    ),
    "retention": StageGuide(
        Bilingual(
            "Bestehende Kunden zu halten ist günstiger als neue zu gewinnen; Ausbau treibt den Umsatz.",
            "Keeping customers costs less than winning new ones; expansion drives revenue.",
        ),
        Bilingual(
            "Onboarding- und Nutzungsinhalte für Kunden; Kundenstimmen und Bewertungen einholen.",
            "Onboarding and usage content for customers; collect testimonials and reviews.",
        ),
        Bilingual(
            "Regelmässige Kundengespräche führen; Ausbau- und Verlängerungschancen früh ansprechen.",
            "Hold regular customer check-ins; raise expansion and renewal early.",
        ),
    ),
}
# For a custom KPI without a funnel stage.
GENERAL_GUIDE = StageGuide(
    Bilingual(
        "Ein gemeinsam gewählter KPI: Er macht sichtbar, ob Marketing und Vertrieb am selben Ziel ziehen.",
        "A KPI chosen together: it shows whether marketing and sales pull towards the same goal.",
    ),
    Bilingual(
        "Massnahmen auf diesen KPI ausrichten und ihre Wirkung im Review offenlegen.",
        "Align activities with this KPI and show their effect in the review.",
    ),
    Bilingual(
        "Die Daten dazu sauber im CRM erfassen und Beobachtungen ins Review einbringen.",
        "Record its data properly in the CRM and bring observations to the review.",
    ),
)


@dataclass(frozen=True)
class KpiCard:
    """One printable KPI card, every text already in one language (not yet escaped)."""

    position: int
    name: str
    definition: str
    formula: str
    stage: str
    goals: tuple[str, ...]
    why: str
    marketing: str
    sales: str
    data_source: str
    owner: str
    target: str
    cadence: str


# Card fields in the order cards show them, with the text key of their label.
FIELD_LABELS: tuple[tuple[str, str], ...] = (
    ("definition", "share.col.definition"),
    ("formula", "share.col.formula"),
    ("stage", "words.stage"),
    ("why", "kpi_cards.why"),
    ("marketing", "kpi_cards.marketing"),
    ("sales", "kpi_cards.sales"),
    ("data_source", "share.col.data_source"),
    ("owner", "words.owner"),
    ("target", "share.col.change"),
    ("cadence", "share.col.cadence"),
)


def guide(stage: str | None) -> StageGuide:
    """The levers for a funnel stage; the general ones for a KPI without a stage."""
    return STAGE_GUIDES.get(stage or "", GENERAL_GUIDE)


def why_it_matters(goals: tuple[str, ...], stage: str | None, language: str) -> str:
    """The stage's reason, then the goals the KPI serves (or a reminder that it serves none yet)."""
    reason = guide(stage).why.get(language)
    if goals:
        return f"{reason} {t(language, 'kpi_cards.serves_goals', goals='; '.join(goals))}"
    return f"{reason} {t(language, 'kpi_cards.no_goals')}"


def card(kpi: SharedKpi, language: str) -> KpiCard:
    """The card of one shortlisted KPI in `language`."""
    entry = kpi.entry
    levers = guide(kpi.stage)
    return KpiCard(
        position=kpi.position,
        name=kpi.name.get(language),
        definition=kpi.definition.get(language),
        formula=kpi.formula.get(language),
        stage=stage_label(kpi.stage, language),
        goals=kpi.goals,
        why=why_it_matters(kpi.goals, kpi.stage, language),
        marketing=levers.marketing.get(language),
        sales=levers.sales.get(language),
        data_source=entry.data_source,
        owner=entry.owner,
        target=target_text(entry.baseline, entry.target, entry.target_date, language),
        cadence=cadence_label(entry.cadence, language),
    )


def kpi_cards(store: WorkshopStore, workshop_id: int, language: str) -> list[KpiCard]:
    """A card for every shortlisted KPI, in shortlist order."""
    return [card(kpi, language) for kpi in share_data(store, workshop_id).kpis]


def card_fields(card_: KpiCard, language: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a card in display order; empty values become "—"."""
    return [(t(language, key), getattr(card_, field) or "—") for field, key in FIELD_LABELS]


def card_heading(card_: KpiCard, strict: bool = True) -> str:
    """"2. <name>" with the name escaped for Markdown (`strict` for Streamlit, see `text.markdown_inline`)."""
    return f"{card_.position}. {markdown_inline(card_.name, strict=strict)}"


def card_markdown(card_: KpiCard, language: str, strict: bool = True) -> str:
    """A card's fields as a Markdown list ("- **Label:** value"), values escaped, line breaks kept."""
    return "\n".join(
        f"- **{label}:** {markdown_lines(value, LIST_INDENT, strict)}" for label, value in card_fields(card_, language)
    )


def cards_markdown(cards: list[KpiCard], workshop_name: str, language: str) -> str:
    """All cards as one Markdown document for people, user text escaped only where it would be markup."""
    say = partial(t, language)
    lines = [f"# {say('kpi_cards.doc.title', name=markdown_inline(workshop_name))}", ""]
    for item in cards:
        lines += [f"## {card_heading(item, strict=False)}", "", card_markdown(item, language, strict=False), ""]
    if not cards:
        lines += [say("kpi_cards.empty"), ""]
    return "\n".join(lines).rstrip() + "\n"


PRINT_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #111;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; }
.card { border: 1px solid #888; border-radius: 6px; padding: 1rem 1.25rem; margin: 0 0 1.25rem;
        break-inside: avoid; page-break-inside: avoid; }
.card h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
dl { display: grid; grid-template-columns: minmax(9rem, 30%) 1fr; gap: .35rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; white-space: pre-line; }
@media (max-width: 480px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .4rem; } }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  .card { border-color: #000; page-break-after: always; break-after: page; }
  .card:last-child { page-break-after: auto; break-after: auto; }
}
"""


def cards_html(cards: list[KpiCard], workshop_name: str, language: str) -> str:
    """All cards as a self-contained HTML page that prints one card per A4 page; user text escaped."""
    esc = html.escape
    title = esc(t(language, "kpi_cards.doc.title", name=workshop_name))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{PRINT_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
    ]
    for item in cards:
        rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in card_fields(item, language))
        parts.append(f'<section class="card"><h2>{item.position}. {esc(item.name)}</h2><dl>{rows}</dl></section>')
    if not cards:
        parts.append(f"<p>{esc(t(language, 'kpi_cards.empty'))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
