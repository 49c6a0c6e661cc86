"""Texts of the live results page and its charts."""

TEXTS: dict[str, tuple[str, str]] = {
    "results.blind": (
        "Blinde Abstimmung: Punkte und Rangliste erscheinen, wenn die Moderation auflöst.",
        "Blind voting: points and ranking appear when the facilitator reveals them.",
    ),
    "results.blind.facilitator": (
        "Blinde Abstimmung: Nur Sie sehen diese Summen, bis Sie auflösen.",
        "Blind voting: only you see these totals until you reveal them.",
    ),
    "results.done_count": ("Sind fertig", "Are done"),
    "results.done": ("Fertig", "Done"),
    "results.not_done": ("Noch nicht fertig", "Not done yet"),
    "results.nobody": ("niemand", "nobody"),
    "results.no_participants": ("Noch niemand ist beigetreten.", "Nobody has joined yet."),
    "results.no_candidates": ("Noch keine Kandidaten zur Wahl.", "No candidates up for the vote yet."),
    "results.round": ("Stichwahl, Runde {round}", "Run-off, round {round}"),
    "results.voting_open": ("Abstimmung läuft", "Voting open"),
    "results.voting_closed": ("Abstimmung geschlossen", "Voting closed"),
    "results.top_only": (
        "Gezeigt: die {shown} besten von {total} Kandidaten.",
        "Shown: the best {shown} of {total} candidates.",
    ),
    "results.agreement_index": ("Einigkeit Marketing–Vertrieb", "Marketing–sales agreement"),
    "results.agreement_index.explain": (
        "Anteil der Punkte, bei dem beide Teams auf dieselben KPIs setzen: 100 % heisst gleiche Prioritäten, tiefe Werte zeigen Silos.",
        "Share of points both teams put on the same KPIs: 100 % means the same priorities, low values show silos.",
    ),
    "results.agreement_index.missing": (
        "Erst messbar, wenn Marketing und Vertrieb beide abgestimmt haben.",
        "Measurable once both marketing and sales have voted.",
    ),
    "results.vanity_flags": ("Vanity-Metriken unter den Kandidaten", "Vanity metrics among the candidates"),
    "results.vanity_flag": (
        "⚠ {name}: sieht gut aus, sagt aber wenig über Umsatz oder gewonnene Kunden.",
        "⚠ {name}: looks good but says little about revenue or won customers.",
    ),
    "results.points_left": ("Punkte übrig pro Person", "Points left per participant"),
    "results.points_left.anonymous": (
        {"one": "{count} Person hat noch Punkte übrig (anonyme Resultate: keine Namen).", "other": "{count} Personen haben noch Punkte übrig (anonyme Resultate: keine Namen)."},
        {"one": "{count} participant still has points left (anonymous results: no names).", "other": "{count} participants still have points left (anonymous results: no names)."},
    ),
    "results.column.participant": ("Person", "Participant"),
    "results.column.team": ("Team", "Team"),
    "results.column.used": ("Vergeben", "Given"),
    "results.column.left": ("Übrig", "Left"),
    "results.column.over_budget": ("Über Budget", "Over budget"),
    "results.chart.ranking": ("Rangliste nach Punkten, nach Team", "Ranking by points, by team"),
    "results.chart.points": ("Punkte", "Points"),
    "results.chart.kpi": ("KPI", "KPI"),
    "results.chart.team": ("Team", "Team"),
    "results.chart.agreement": (
        "Anteil der eigenen Punkte pro KPI",
        "Share of each team's own points per KPI",
    ),
    "results.chart.share": (
        "← Marketing | Vertrieb →",
        "← Marketing | Sales →",
    ),
    "results.chart.vanity": ("⚠ = Vanity-Metrik", "⚠ = vanity metric"),
}
