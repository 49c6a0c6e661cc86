"""What the shortlist checks say, in both languages: one message per finding, the checklist's words.

Kept apart from the checks in `shortlist` so a rule reads as code and its wording as text.
"""

from __future__ import annotations

from kpi_logic.domain import Bilingual

# One template per finding code; {names}, {name} or {goal} are filled in by `check`.
MESSAGES: dict[str, Bilingual] = {
    "too_few": Bilingual(
        "Erst {kpis} auf der Shortlist ({names}): Wählen Sie mindestens {minimum}, "
        "damit Marketing und Vertrieb den ganzen Weg zum Abschluss sehen.",
        "Only {kpis} on the shortlist ({names}): pick at least {minimum} so that "
        "marketing and sales see the whole way to the deal.",
    ),
    "no_revenue_tie": Bilingual(
        "Kein KPI ist an Umsatz oder Kundengewinnung gebunden ({names}): Der Artikel rät, KPIs zu "
        "wählen, die direkt mit Umsatzzielen und Kundengewinnung zusammenhängen, etwa die Conversion "
        "Rate zum Kunden oder den Customer Lifetime Value. Sonst können alle Zahlen steigen, während "
        "der Umsatz stagniert.",
        "No KPI is tied to revenue or to winning customers ({names}): the article advises KPIs that "
        "correlate directly with revenue targets and customer acquisition, such as the conversion rate "
        "to customers or customer lifetime value. Otherwise every number can rise while sales stay flat.",
    ),
    "no_lead_generation": Bilingual(
        "Kein KPI misst die Effizienz der Lead-Generierung ({names}): Der Artikel verlangt, sowohl die "
        "Effizienz der Lead-Generierung als auch die Effektivität des Verkaufsprozesses zu "
        "berücksichtigen. Nehmen Sie einen KPI der Stufen Reichweite, Lead oder MQL auf, etwa die "
        "Kosten pro Lead oder die Quote Lead → MQL.",
        "No KPI measures the efficiency of lead generation ({names}): the article asks to consider both "
        "the efficiency of lead generation and the effectiveness of the sales process. Add a KPI at the "
        "reach, lead or MQL stage, such as cost per lead or the lead-to-MQL rate.",
    ),
    "no_sales_effectiveness": Bilingual(
        "Kein KPI misst die Effektivität des Verkaufsprozesses ({names}): Der Artikel verlangt, sowohl "
        "die Effizienz der Lead-Generierung als auch die Effektivität des Verkaufsprozesses zu "
        "berücksichtigen. Nehmen Sie einen KPI der Stufen SQL, Opportunity oder Abschluss auf, etwa die "
        "Gewinnquote oder die Quote SQL → Abschluss.",
        "No KPI measures the effectiveness of the sales process ({names}): the article asks to consider "
        "both the efficiency of lead generation and the effectiveness of the sales process. Add a KPI "
        "at the SQL, opportunity or deal stage, such as the win rate or the SQL-to-deal rate.",
    ),
    "too_many": Bilingual(
        "{count} KPIs auf der Shortlist ({names}): Zu viele KPIs verwässern den Fokus und "
        "erschweren klare Entscheidungen. Behalten Sie höchstens {maximum}.",
        "{count} KPIs on the shortlist ({names}): too many KPIs dilute the focus and make clear "
        "decisions harder. Keep at most {maximum}.",
    ),
    "vanity_kpi": Bilingual(
        "«{name}» ist eine Vanity Metric: Sie sieht gut aus, sagt aber nichts darüber, ob daraus "
        "Kunden und Umsatz werden. Ersetzen Sie sie durch eine Kennzahl, die mit Umsatz oder "
        "Kundengewinnung verbunden ist.",
        "“{name}” is a vanity metric: it looks good but says nothing about whether it turns into "
        "customers and revenue. Replace it with a measure tied to revenue or customer acquisition.",
    ),
    "silo_marketing": Bilingual(
        "Alle KPIs gehören dem Marketing ({names}): Getrennte KPIs schaffen Silos. Nehmen Sie "
        "mindestens einen Vertriebs- oder gemeinsamen KPI auf.",
        "Every KPI is owned by marketing ({names}): separate KPIs create silos. Add at least one "
        "sales-owned or joint KPI.",
    ),
    "silo_sales": Bilingual(
        "Alle KPIs gehören dem Vertrieb ({names}): Getrennte KPIs schaffen Silos. Nehmen Sie "
        "mindestens einen Marketing- oder gemeinsamen KPI auf.",
        "Every KPI is owned by sales ({names}): separate KPIs create silos. Add at least one "
        "marketing-owned or joint KPI.",
    ),
    "no_funnel_span": Bilingual(
        "Kein KPI verbindet den Funnel von der Lead-Generierung bis zum Abschluss ({names}). "
        "Ein integrierter KPI wie die Umwandlung von MQL zu SQL oder die Kosten pro Neukunde "
        "(CAC) macht Marketing und Vertrieb gemeinsam verantwortlich.",
        "No KPI spans the funnel from lead generation to the deal ({names}). An integrated KPI "
        "such as MQL-to-SQL conversion or customer acquisition cost (CAC) makes marketing and "
        "sales answer for it together.",
    ),
    "kpi_without_goal": Bilingual(
        "«{name}» ist mit keinem Ziel verknüpft: Ein KPI zählt nur, wenn er zeigt, ob ein "
        "Geschäftsziel erreicht wird.",
        "“{name}” is linked to no goal: a KPI only counts when it shows whether a business goal "
        "is being met.",
    ),
    "goal_without_kpi": Bilingual(
        "Das Ziel «{goal}» hat keinen KPI: Ohne Kennzahl sieht niemand, ob es erreicht wird.",
        "The goal “{goal}” has no KPI: without a measure nobody can tell whether it is met.",
    ),
    "missing_baseline": Bilingual(
        "«{name}» hat keinen Ausgangswert: Ohne den Wert von heute zeigt niemand, ob der KPI sich "
        "bewegt, und die Überprüfung meldet «kein Ziel».",
        "“{name}” has no baseline: without today's value nobody can show the KPI moving, and the "
        "review reports “no target”.",
    ),
    "missing_target_date": Bilingual(
        "«{name}» hat keinen Termin: Ohne Datum gibt es keinen Plan, an dem sich der Stand messen "
        "lässt, und die Überprüfung meldet «kein Ziel».",
        "“{name}” has no target date: without one there is no plan to measure progress against, and "
        "the review reports “no target”.",
    ),
    "missing_data_source": Bilingual(
        "«{name}» hat keine Datenquelle: Der Artikel rät, geeignete Tools zur Datenerfassung "
        "festzulegen; ohne Quelle misst jedes Team anders.",
        "“{name}” has no data source: the article advises settling the tools for collecting data; "
        "without a source each team measures differently.",
    ),
    "duplicate_custom": Bilingual(
        "«{name}» ist derselbe KPI wie «{other}»: Ein eigener KPI, der einem anderen auf der Shortlist "
        "entspricht, zählt doppelt und verdrängt einen dritten.",
        "“{name}” is the same KPI as “{other}”: a custom KPI matching another one on the shortlist "
        "counts twice and crowds out a third.",
    ),
    "custom_incomplete": Bilingual(
        "Beim eigenen KPI «{name}» fehlt: {missing_de}. Ohne Definition, Team und Stufe versteht jedes "
        "Team etwas anderes darunter, und die Prüfungen zum Funnel sehen ihn nicht.",
        "The custom KPI “{name}” lacks: {missing_en}. Without definition, team and stage each team "
        "reads it differently, and the funnel checks cannot see it.",
    ),
    "missing_owner": Bilingual(
        "«{name}» hat keine verantwortliche Person: Ohne Verantwortung wird ein KPI gemessen, "
        "aber nicht gesteuert.",
        "“{name}” has no owner: without someone responsible a KPI is measured but not acted on.",
    ),
    "missing_target": Bilingual(
        "«{name}» hat keinen Zielwert: Ohne Ziel lässt sich kein Fortschritt beurteilen.",
        "“{name}” has no target: without one, progress cannot be judged.",
    ),
    "missing_cadence": Bilingual(
        "«{name}» hat keinen Überprüfungsrhythmus: KPIs sollten in regelmässigen Abständen "
        "überprüft und angepasst werden.",
        "“{name}” has no review cadence: KPIs should be reviewed and adjusted at regular intervals.",
    ),
    "duplicate_kpi": Bilingual(
        "«{name}» steht mehrfach auf der Shortlist: Jeder KPI gehört nur einmal darauf.",
        "“{name}” is on the shortlist more than once: each KPI belongs on it only once.",
    ),
    "ok": Bilingual(
        "Die Shortlist ({names}) folgt allen Regeln: wenige, aussagekräftige, gemeinsame KPIs "
        "mit Ziel, Verantwortung und Rhythmus.",
        "The shortlist ({names}) follows every rule: few, meaningful, shared KPIs with goal, "
        "owner and cadence.",
    ),
}

COLUMN_TITLES: dict[str, Bilingual] = {
    "vanity": Bilingual("Aussagekraft", "Meaningful"),
    "duplicate": Bilingual("Einmalig", "Unique"),
    "goal": Bilingual("Ziel", "Goal"),
    "plan": Bilingual("Ausgangswert, Ziel, Termin", "Baseline, target, date"),
    "steering": Bilingual("Verantwortung, Rhythmus, Quelle", "Owner, cadence, source"),
    "custom": Bilingual("Eigener KPI vollständig", "Custom KPI complete"),
}
PASSED: dict[str, Bilingual] = {
    "vanity": Bilingual("Keine Vanity Metric.", "Not a vanity metric."),
    "duplicate": Bilingual("Nur einmal auf der Shortlist.", "On the shortlist once."),
    "goal": Bilingual("Mit einem Ziel des Workshops verknüpft.", "Linked to a workshop goal."),
    "plan": Bilingual("Ausgangswert, Zielwert und Termin sind gesetzt.", "Baseline, target and target date are set."),
    "steering": Bilingual(
        "Verantwortliche Person, Rhythmus und Datenquelle sind gesetzt.", "Owner, cadence and data source are set."
    ),
    "custom": Bilingual("Definition, Team und Funnel-Stufe sind angegeben.", "Definition, team and funnel stage are given."),
}
CATALOG_DETAILS = Bilingual(
    "Katalog-KPI: Definition, Team und Stufe stammen aus dem Katalog.",
    "Catalogue KPI: definition, team and stage come from the catalogue.",
)
