"""Texts of the facilitation page: voting settings, approvals, run-off, finalising, projector helpers."""

TEXTS: dict[str, tuple[str, str]] = {
    "facilitate.status": ("Runde {round} · {phase} · {done}", "Round {round} · {phase} · {done}"),
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
    "facilitate.settings.blind": ("Blind abstimmen (Rangliste erst bei der Auflösung)", "Blind voting (ranking at the reveal)"),
    "facilitate.settings.blind_help": (
        "Verhindert, dass sich Teilnehmende nach den ersten Stimmen richten: Beamer und Handys zeigen "
        "bis zur Auflösung nur, wie viele fertig sind. Nur Sie sehen die Summen vorher.",
        "Keeps participants from following the first votes: projector and phones show only how many "
        "are done until the reveal. Only you see the totals before.",
    ),
    "facilitate.settings.joins_open": ("Neue Teilnehmende zulassen", "Let new participants join"),
    "facilitate.settings.joins_open_help": (
        "Aus: Wer schon dabei ist, bleibt dabei; der Code nimmt niemanden mehr auf.",
        "Off: everyone already in stays in; the code lets nobody new in.",
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
    "facilitate.settings.submit": ("Budget übernehmen", "Apply budget"),
    "facilitate.settings.saved": ("Budget und Höchstwert pro KPI gelten ab sofort.", "Budget and per-KPI cap apply now."),
    "facilitate.live.voting_open.on": ("Abstimmung offen: Die Handys nehmen jetzt Punkte an.", "Voting is open: phones take points now."),
    "facilitate.live.voting_open.off": ("Abstimmung geschlossen.", "Voting closed."),
    "facilitate.live.blind.on": ("Blind: Die Summen erscheinen erst bei der Auflösung.", "Blind: totals appear at the reveal."),
    "facilitate.live.blind.off": ("Live: Beamer und Handys zeigen die Summen laufend.", "Live: projector and phones show the totals as they come."),
    "facilitate.live.anonymous.on": ("Resultate anonym: keine Namen.", "Anonymous results: no names."),
    "facilitate.live.anonymous.off": ("Sie sehen, wer fertig ist.", "You see who is done."),
    "facilitate.live.facilitator_votes.on": ("Sie stimmen mit ab.", "You vote too."),
    "facilitate.live.facilitator_votes.off": ("Sie stimmen nicht mit ab.", "You do not vote."),
    "facilitate.live.joins_open.on": ("Neue Teilnehmende können beitreten.", "New participants can join."),
    "facilitate.live.joins_open.off": ("Keine neuen Teilnehmenden mehr.", "No new participants any more."),
    "facilitate.live.phase": ("Phase: {phase}", "Phase: {phase}"),
    "facilitate.confirm.cancel": ("Abbrechen", "Cancel"),
    "facilitate.countdown.title": ("Countdown", "Countdown"),
    "facilitate.countdown.left": ("Zeit übrig", "Time left"),
    "facilitate.countdown.preset": ("{minutes} min", "{minutes} min"),
    "facilitate.countdown.typed": ("Andere Dauer (Minuten)", "Other duration (minutes)"),
    "facilitate.countdown.start": ("Starten", "Start"),
    "facilitate.countdown.extend": ("+1 min", "+1 min"),
    "facilitate.countdown.started": (
        "Countdown läuft ({time}): Die Abstimmung ist offen und schliesst, wenn er abläuft.",
        "Countdown running ({time}): voting is open and closes when it runs out.",
    ),
    "facilitate.countdown.extended": ("Eine Minute mehr.", "One more minute."),
    "facilitate.reveal.button": ("Auflösen", "Reveal"),
    "facilitate.reveal.help": (
        "Schliesst die Abstimmung und zeigt die Rangliste auf dem Beamer und allen Handys; die Phase "
        "geht zur Shortlist.",
        "Closes voting and shows the ranking on the projector and every phone; the phase moves on to "
        "the shortlist.",
    ),
    "facilitate.reveal.done": (
        "Aufgelöst: Die Rangliste ist auf dem Beamer und den Handys.",
        "Revealed: the ranking is on the projector and the phones.",
    ),
    "facilitate.reveal.shown": ("Die Rangliste ist aufgelöst.", "The ranking has been revealed."),
    "facilitate.roster.title": ("Teilnehmende", "Participants"),
    "facilitate.roster.done": ("✅ fertig", "✅ done"),
    "facilitate.roster.not_done": ("noch nicht fertig", "not done yet"),
    "facilitate.roster.points": (
        {"one": "{count} Punkt vergeben", "other": "{count} Punkte vergeben"},
        {"one": "{count} point given", "other": "{count} points given"},
    ),
    "facilitate.roster.person": ("Person für «Neues Gerät» oder «Entfernen»", "Person to give a new device or remove"),
    "facilitate.roster.readmit": ("Neues Gerät", "New device"),
    "facilitate.roster.readmit_help": (
        "Lässt die Person auf einem neuen Gerät wieder mitmachen, mit ihren Punkten; das alte Gerät "
        "funktioniert danach nicht mehr.",
        "Lets the person re-join on a new device, with their points; the old device stops working.",
    ),
    "facilitate.roster.remove": ("Entfernen", "Remove"),
    "facilitate.roster.remove_explain": (
        {"one": "{name} wird aus dem Workshop entfernt, mit {count} vergebenem Punkt. Das lässt sich nicht rückgängig machen.", "other": "{name} wird aus dem Workshop entfernt, mit allen {count} vergebenen Punkten. Das lässt sich nicht rückgängig machen."},
        {"one": "{name} leaves the workshop, and their {count} point goes with them. This cannot be undone.", "other": "{name} leaves the workshop, and their {count} points go with them. This cannot be undone."},
    ),
    "facilitate.roster.remove_yes": ("Ja, {name} entfernen", "Yes, remove {name}"),
    "facilitate.roster.removed": ("{name} ist entfernt.", "{name} has been removed."),
    "facilitate.seat.title": ("{name} auf neuem Gerät", "{name} on a new device"),
    "facilitate.seat.explain": (
        "{name} scannt diesen Code mit dem neuen Gerät und ist wieder dabei, mit den eigenen Punkten. "
        "Das alte Gerät funktioniert ab jetzt nicht mehr. Der Link erscheint nur jetzt.",
        "{name} scans this code with the new device and is back in, with their own points. The old "
        "device stops working now. The link is shown only this once.",
    ),
    "facilitate.code.renew": ("Neuer Beitrittscode", "New join code"),
    "facilitate.code.explain": (
        "Der Code {code} funktioniert dann nicht mehr; wer schon dabei ist, bleibt dabei. Beamer und "
        "QR-Code zeigen sofort den neuen Code.",
        "The code {code} then stops working; everyone already in stays in. The projector and the QR "
        "code show the new code at once.",
    ),
    "facilitate.code.yes": ("Ja, neuen Code ausgeben", "Yes, issue a new code"),
    "facilitate.code.renewed": ("Neuer Beitrittscode ausgegeben.", "New join code issued."),
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
    "facilitate.runoff.explain": (
        "Runde {round} beginnt mit den besten {count} KPIs. Alle Punkte der jetzigen Runde werden "
        "zurückgesetzt, und die Abstimmung öffnet.",
        "Round {round} starts with the best {count} KPIs. Every point of the current round is reset "
        "and voting opens.",
    ),
    "facilitate.runoff.yes": ("Ja, Stichwahl starten", "Yes, start the run-off"),
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
    "facilitate.finalise.explain": (
        "Die Shortlist gilt dann als vereinbart, und die Abstimmung schliesst.",
        "The shortlist then counts as agreed, and voting closes.",
    ),
    "facilitate.finalise.errors": (
        {"one": "**Noch ein Fehler offen:**", "other": "**Noch {count} Fehler offen:**"},
        {"one": "**One error is still open:**", "other": "**{count} errors are still open:**"},
    ),
    "facilitate.finalise.despite": (
        {"one": "Ich schliesse trotz dieses Fehlers ab.", "other": "Ich schliesse trotz dieser {count} Fehler ab."},
        {"one": "I finalise despite this error.", "other": "I finalise despite these {count} errors."},
    ),
    "facilitate.finalise.yes": ("Ja, abschliessen", "Yes, finalise"),
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
    "facilitate.projector.room": ("Raumansicht öffnen", "Open the room screen"),
    "facilitate.projector.room_help": (
        "Öffnet sich in einem neuen Tab: Code, QR-Code, Countdown, wer fertig ist und die Rangliste, "
        "ohne Steuerung. Diesen Tab auf den Beamer ziehen.",
        "Opens in a new tab: code, QR code, countdown, who is done and the ranking, without controls. "
        "Put that tab on the projector.",
    ),
}
