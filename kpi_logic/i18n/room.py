"""Texts of the room screen: what the projector says to the whole room (the room reads «Sie»)."""

TEXTS: dict[str, tuple[str, str]] = {
    "room.join.title": ("Mitmachen mit dem Handy", "Join on your phone"),
    "room.join.code": ("Code", "Code"),
    "room.join.scan": ("QR-Code scannen oder öffnen:", "Scan the QR code or open:"),
    "room.revealed": ("Aufgelöst", "Revealed"),
    "room.countdown": ("Noch {time}", "{time} left"),
    "room.countdown.over": ("Zeit abgelaufen", "Time is up"),
    "room.done": ("{done} von {total} fertig", "{done} of {total} done"),
    "room.nobody": (
        "Noch niemand ist dabei: Scannen Sie den QR-Code.",
        "Nobody has joined yet: scan the QR code.",
    ),
    "room.blind": (
        "Blinde Abstimmung: Die Rangliste erscheint, wenn die Moderation auflöst.",
        "Blind vote: the ranking appears when the facilitator reveals it.",
    ),
    "room.no_votes": (
        "Noch keine Stimmen: Die Rangliste erscheint mit dem ersten Punkt.",
        "No votes yet: the ranking appears with the first point.",
    ),
    "room.no_candidates": ("Noch keine KPIs zur Wahl.", "No KPIs up for the vote yet."),
    "room.tie": ("«=» heisst Gleichstand: gleich viele Punkte.", "“=” means a tie: the same points."),
}
