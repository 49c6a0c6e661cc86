"""Texts of the facilitation page: voting settings, approvals, run-off, finalising, projector helpers."""

TEXTS: dict[str, tuple[str, str]] = {
    "facilitate.status": (
        "Runde {round} · Abstimmung {voting} · Shortlist {finalised}",
        "Round {round} · voting {voting} · shortlist {finalised}",
    ),
    "facilitate.open": ("offen", "open"),
    "facilitate.closed": ("geschlossen", "closed"),
    "facilitate.final": ("abgeschlossen", "finalised"),
    "facilitate.draft": ("in Arbeit", "in progress"),
    "facilitate.settings.title": ("Abstimmung steuern", "Run the vote"),
    "facilitate.settings.phase": ("Phase des Workshops", "Workshop phase"),
    "facilitate.settings.phase_help": (
        "Zeigt allen, wo der Workshop steht, und welcher Schritt als Nächstes kommt.",
        "Shows everyone where the workshop stands and which step comes next.",
    ),
    "facilitate.settings.voting_open": ("Abstimmung offen", "Voting open"),
    "facilitate.settings.voting_open_help": (
        "Nur wenn offen, können Teilnehmende Punkte setzen. Braucht mindestens ein Ziel.",
        "Participants can give points only while voting is open. Needs at least one goal.",
    ),
    "facilitate.settings.blind": ("Blind abstimmen (Summen erst nach Schluss)", "Blind voting (totals after closing)"),
    "facilitate.settings.blind_help": (
        "Verhindert, dass sich Teilnehmende nach den ersten Stimmen richten.",
        "Keeps participants from following the first votes.",
    ),
    "facilitate.settings.anonymous": ("Resultate anonym", "Anonymous results"),
    "facilitate.settings.anonymous_help": (
        "Anonym: Die Resultate zeigen nur, wie viele abgestimmt haben, nicht wer.",
        "Anonymous: results show how many have voted, not who.",
    ),
    "facilitate.settings.facilitator_votes": ("Moderation stimmt mit ab", "Facilitator votes too"),
    "facilitate.settings.facilitator_votes_help": (
        "Die Moderation stimmt dann als eigene Person «Moderation» auf der Abstimmungsseite ab.",
        "The facilitator then votes as a person of their own (“Moderation”) on the voting page.",
    ),
    "facilitate.settings.budget": ("Punkte pro Person", "Points per person"),
    "facilitate.settings.budget_help": (
        "Während der Sitzung änderbar. Wer danach über dem Budget liegt, kann nur noch Punkte abbauen.",
        "Can change during the session. Anyone then over budget can only take points away.",
    ),
    "facilitate.settings.cap": ("Höchstens Punkte pro KPI", "Most points per KPI"),
    "facilitate.settings.cap_help": (
        "Höchstens so viele wie die Punkte pro Person.", "At most the points per person."
    ),
    "facilitate.settings.submit": ("Einstellungen speichern", "Save settings"),
    "facilitate.settings.saved": ("Einstellungen gespeichert.", "Settings saved."),
    "facilitate.settings.unchanged": ("Nichts geändert.", "Nothing changed."),
    "facilitate.settings.no_goal": (
        "Die Abstimmung kann erst öffnen, wenn es mindestens ein Geschäftsziel gibt: KPIs werden "
        "danach gewählt, ob sie zeigen, dass ein Ziel erreicht wird. Es wurde nichts gespeichert.",
        "Voting can open only once there is at least one business goal: KPIs are chosen by whether "
        "they show that a goal is being met. Nothing was saved.",
    ),
    "facilitate.over_budget": (
        "Über dem neuen Budget von {budget} Punkten: {names}. Sie können nur noch Punkte abbauen.",
        "Over the new budget of {budget} points: {names}. They can only take points away.",
    ),
    "facilitate.approvals.title": ("Eigene KPIs freigeben", "Approve custom KPIs"),
    "facilitate.approvals.none": (
        "Keine eigenen KPIs warten auf Freigabe.", "No custom KPIs are waiting for approval."
    ),
    "facilitate.approvals.proposed_by": ("Vorgeschlagen von {name}", "Proposed by {name}"),
    "facilitate.approvals.vanity": ("Vanity-Check: {text}", "Vanity check: {text}"),
    "facilitate.approvals.approve": ("Freigeben", "Approve"),
    "facilitate.approvals.reject": ("Ablehnen", "Reject"),
    "facilitate.approvals.approved": ("«{name}» freigegeben.", "“{name}” approved."),
    "facilitate.approvals.rejected": ("«{name}» abgelehnt.", "“{name}” rejected."),
    "facilitate.runoff.title": ("Stichwahl", "Run-off"),
    "facilitate.runoff.intro": (
        "Eine neue Runde nur zwischen den besten KPIs; jede Person hat wieder ihr volles Budget.",
        "A new round between the best KPIs only; everyone gets their full budget again.",
    ),
    "facilitate.runoff.top_n": ("Wie viele der besten KPIs?", "How many of the best KPIs?"),
    "facilitate.runoff.submit": ("Stichwahl starten", "Start the run-off"),
    "facilitate.runoff.started": (
        "Runde {round} gestartet: Stichwahl zwischen den besten {count} KPIs.",
        "Round {round} started: run-off between the best {count} KPIs.",
    ),
    "facilitate.runoff.too_few": (
        "Für eine Stichwahl braucht es mindestens {minimum} freigegebene KPIs.",
        "A run-off needs at least {minimum} approved KPIs.",
    ),
    "facilitate.finalise.title": ("Shortlist abschliessen", "Finalise the shortlist"),
    "facilitate.finalise.count": (
        # "KPIs: 1" reads right in both languages, where "1 KPIs" or "KPI(s)" would not.
        "KPIs auf der Shortlist: {count}", "KPIs on the shortlist: {count}"
    ),
    "facilitate.finalise.submit": ("Shortlist abschliessen", "Finalise shortlist"),
    "facilitate.finalise.reopen": ("Shortlist wieder öffnen", "Reopen shortlist"),
    "facilitate.finalise.done": (
        "Shortlist abgeschlossen; die Abstimmung ist zu.", "Shortlist finalised; voting is closed."
    ),
    "facilitate.finalise.reopened": ("Shortlist wieder offen.", "Shortlist reopened."),
    "facilitate.finalise.empty": (
        "Die Shortlist ist leer: Wählen Sie zuerst KPIs auf der Shortlist-Seite.",
        "The shortlist is empty: pick KPIs on the shortlist page first.",
    ),
    "facilitate.projector.title": ("Für den Beamer", "For the projector"),
}
