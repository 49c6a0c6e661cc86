"""Texts of the start page: demo, join, create and unlock, and where the session stands."""

TEXTS: dict[str, tuple[str, str]] = {
    "start.intro": (
        "Marketing und Vertrieb wählen gemeinsam 3–5 KPIs, die zeigen, ob Umsatz entsteht – "
        "mit Punkteabstimmung, Warnungen vor Vanity Metrics, Shortlist und Funnel.",
        "Marketing and sales pick 3–5 KPIs together that show whether revenue is being made – "
        "with dot-voting, vanity-metric warnings, a shortlist and the funnel.",
    ),
    "start.demo.title": ("Neu hier? Demo ansehen", "New here? See the demo"),
    "start.demo.text": (
        "Ein fertiger Beispiel-Workshop der Alpenblick Software AG (Bern) mit Zielen, 8 Teilnehmenden, "
        "Stimmen, Shortlist, Funnel und Messwerten. Es sind Beispieldaten; Sie öffnen ihn als Moderation.",
        "A finished sample workshop of Alpenblick Software AG (Bern) with goals, 8 participants, votes, "
        "a shortlist, the funnel and measurements. It is sample data; you open it as facilitator.",
    ),
    "start.demo.button": ("Demo-Workshop öffnen", "Open the demo workshop"),
    "start.demo.opened": (
        "Demo geöffnet (Beispieldaten). Beitrittscode {code}, Moderations-PIN {pin}.",
        "Demo opened (sample data). Join code {code}, facilitator PIN {pin}.",
    ),
    "start.tab.join": ("Beitreten", "Join"),
    "start.tab.create": ("Workshop erstellen", "Create a workshop"),
    "start.tab.unlock": ("Moderation entsperren", "Unlock as facilitator"),
    "start.join.intro": (
        "Für Teilnehmende: Code vom Beamer oder aus dem Link eingeben, Name und Team wählen.",
        "For participants: enter the code from the projector or the link, then your name and team.",
    ),
    "start.join.code": ("Beitrittscode", "Join code"),
    "start.join.code_help": (
        "6 Zeichen, z. B. K7PQ2M. Gross-/Kleinschreibung und Leerzeichen spielen keine Rolle.",
        "6 characters, e.g. K7PQ2M. Upper or lower case and spaces do not matter.",
    ),
    "start.join.name": ("Ihr Name", "Your name"),
    "start.join.name_help": (
        "Mit demselben Namen und Code kommen Sie auf einem anderen Gerät zu Ihren Stimmen zurück.",
        "With the same name and code you get back to your votes on another device.",
    ),
    "start.join.team": ("Team", "Team"),
    "start.join.team_help": (
        "Die Resultate zeigen, wie Marketing und Vertrieb abstimmen.",
        "The results show how marketing and sales vote.",
    ),
    "start.join.team_placeholder": ("Team wählen", "Choose your team"),
    "start.join.submit": ("Beitreten", "Join"),
    "start.join.too_many": (
        "Zu viele falsche Codes von diesem Gerät. Bitte in {seconds} Sekunden nochmals versuchen.",
        "Too many wrong codes from this device. Please try again in {seconds} seconds.",
    ),
    "start.join.unknown_code": (
        "Zum Code «{code}» gibt es keinen Workshop. Bitte prüfen Sie den Code auf dem Beamer.",
        "There is no workshop with the code “{code}”. Please check the code on the projector.",
    ),
    "start.join.name_missing": ("Bitte geben Sie Ihren Namen ein.", "Please enter your name."),
    "start.join.code_missing": ("Bitte geben Sie den Beitrittscode ein.", "Please enter the join code."),
    "start.join.team_missing": ("Bitte wählen Sie Ihr Team.", "Please choose your team."),
    "start.join.done": ("Willkommen, {name}!", "Welcome, {name}!"),
    "start.create.intro": (
        "Für die Moderation: Der PIN schützt die Moderationsfunktionen und öffnet sie auf jedem Gerät.",
        "For the facilitator: the PIN protects the facilitator controls and unlocks them on any device.",
    ),
    "start.create.name": ("Name des Workshops", "Workshop name"),
    "start.create.name_help": ("z. B. «KPI-Workshop Frühling 2027»", "e.g. “KPI workshop spring 2027”"),
    "start.create.company": ("Unternehmen", "Company"),
    "start.create.language": ("Sprache des Workshops", "Workshop language"),
    "start.create.language_help": (
        "Voreinstellung für alle; jede Person kann in der Seitenleiste umschalten.",
        "The default for everyone; each person can switch in the sidebar.",
    ),
    "start.create.pin": ("Moderations-PIN", "Facilitator PIN"),
    "start.create.pin_help": (
        "Mindestens {digits} Ziffern oder eine Passphrase mit mindestens {length} Zeichen. "
        "Merken Sie sie sich: Sie wird nirgends angezeigt.",
        "At least {digits} digits or a passphrase of at least {length} characters. "
        "Remember it: it is never shown anywhere.",
    ),
    "start.create.pin_confirm": ("PIN wiederholen", "Repeat the PIN"),
    "start.create.budget": ("Punkte pro Person", "Points per person"),
    "start.create.budget_help": (
        "Wie viele Punkte jede Person verteilen darf ({low}–{high}); später änderbar.",
        "How many points each person may spend ({low}–{high}); can be changed later.",
    ),
    "start.create.cap": ("Höchstens Punkte pro KPI", "Most points per KPI"),
    "start.create.cap_help": (
        "Damit niemand alle Punkte auf einen KPI setzt; höchstens so viele wie Punkte pro Person.",
        "So nobody puts every point on one KPI; at most the points per person.",
    ),
    "start.create.date": ("Datum des Workshops", "Workshop date"),
    "start.create.submit": ("Workshop erstellen", "Create workshop"),
    "start.create.name_missing": (
        "Bitte geben Sie dem Workshop einen Namen.", "Please give the workshop a name."
    ),
    "start.create.pin_mismatch": (
        "Die beiden PIN-Eingaben stimmen nicht überein.", "The two PIN entries do not match."
    ),
    "start.create.cap_too_high": (
        "Höchstens Punkte pro KPI ({cap}) darf nicht grösser sein als die Punkte pro Person ({budget}).",
        "Most points per KPI ({cap}) must not exceed the points per person ({budget}).",
    ),
    "start.create.done": ("Workshop «{name}» erstellt.", "Workshop “{name}” created."),
    "start.unlock.intro": (
        "Sie moderieren einen bestehenden Workshop? Code und PIN öffnen ihn auf diesem Gerät.",
        "Facilitating an existing workshop? Its code and PIN open it on this device.",
    ),
    "start.unlock.pin": ("PIN", "PIN"),
    "start.unlock.submit": ("Entsperren", "Unlock"),
    "start.unlock.wrong": (
        "Code oder PIN ist falsch. Nach mehreren Fehlversuchen wird das Entsperren kurz gesperrt.",
        "The code or the PIN is wrong. After several failed attempts unlocking is paused for a while.",
    ),
    "start.unlock.locked": (
        "Zu viele Fehlversuche. Bitte in {seconds} s nochmals versuchen.",
        "Too many failed attempts. Please try again in {seconds} s.",
    ),
    "start.unlock.done": ("Moderation für «{name}» entsperrt.", "Facilitation of “{name}” unlocked."),
    "start.here.title": ("Sie sind im Workshop «{name}»", "You are in the workshop “{name}”"),
    "start.here.role": ("Ihre Rolle: {role}", "Your role: {role}"),
    "start.here.date": ("Datum: {date}", "Date: {date}"),
    "start.here.phase": ("Aktuelle Phase: {phase}", "Current phase: {phase}"),
    "start.here.next": ("Nächster Schritt", "Next step"),
    "start.here.steps": ("Ablauf", "The steps"),
    "start.here.demo_pin": (
        "Beispieldaten. Moderations-PIN für andere Geräte: {pin}",
        "Sample data. Facilitator PIN for other devices: {pin}",
    ),
    "start.here.other": ("Anderem Workshop beitreten oder neuen erstellen", "Join another or create a new workshop"),
    "start.here.voting_open": ("Die Abstimmung ist offen.", "Voting is open."),
    "start.here.voting_closed": ("Die Abstimmung ist geschlossen.", "Voting is closed."),
    "start.here.points_left": ("Sie haben noch {points} Punkte.", "You have {points} points left."),
    "start.invite.title": ("Teilnehmende einladen", "Invite participants"),
    "start.invite.code": ("Beitrittscode", "Join code"),
    "start.invite.link": ("Beitrittslink", "Join link"),
    "start.invite.qr": ("QR-Code zum Beitreten", "QR code to join"),
    "start.phase.status_quo": ("1 · Status quo prüfen", "1 · Review the status quo"),
    "start.phase.goals": ("2 · Ziele festlegen", "2 · Set the goals"),
    "start.phase.voting": ("3 · KPIs vorschlagen und abstimmen", "3 · Propose and vote on KPIs"),
    "start.phase.shortlist": ("4 · Shortlist und Funnel festlegen", "4 · Agree the shortlist and funnel"),
    "start.phase.review": ("5 · Messen und überprüfen", "5 · Measure and review"),
}
