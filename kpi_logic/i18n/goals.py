"""Texts of the goals page."""

TEXTS: dict[str, tuple[str, str]] = {
    "goals.smart": (
        "Schritt 2: Legen Sie 1 bis 3 Geschäftsziele fest, denen die KPIs dienen. Gute Ziele sind "
        "SMART: spezifisch, messbar, erreichbar, relevant und terminiert – z. B. «Umsatz mit "
        "Neukunden von CHF 1,2 Mio. auf 1,5 Mio. bis 31.12.2027».",
        "Step 2: set 1 to 3 business goals the KPIs serve. Good goals are SMART: specific, "
        "measurable, achievable, relevant and time-bound – e.g. \"new-customer revenue from "
        "CHF 1.2m to 1.5m by 31 Dec 2027\".",
    ),
    "goals.voting_needs_goal": (
        "Noch kein Ziel erfasst. Die Abstimmung kann erst geöffnet werden, wenn es mindestens ein "
        "Ziel gibt: Die KPIs sollen einem Ziel dienen.",
        "No goal yet. Voting cannot open before there is at least one goal: the KPIs must serve a goal.",
    ),
    "goals.field.title_help": (
        "Was das Unternehmen erreichen will, in einem Satz (höchstens 120 Zeichen).",
        "What the company wants to achieve, in one sentence (at most 120 characters).",
    ),
    "goals.field.title_placeholder": (
        "z. B. Mehr Umsatz mit Neukunden",
        "e.g. More revenue from new customers",
    ),
    "goals.field.metric_help": (
        "Woran Sie das Ziel messen, mit Einheit, z. B. «Umsatz Neukunden (CHF)».",
        "What measures the goal, with its unit, e.g. \"new-customer revenue (CHF)\".",
    ),
    "goals.field.baseline_help": (
        "Der Wert heute, in der Einheit der Messgrösse. Leer lassen, wenn er noch nicht bekannt ist.",
        "Today's value, in the metric's unit. Leave empty if not known yet.",
    ),
    "goals.field.target_help": (
        "Der Wert, der bis zum Termin erreicht sein soll.",
        "The value to reach by the deadline.",
    ),
    "goals.field.deadline_help": (
        "Bis wann das Ziel erreicht sein soll (zwischen 2000 und 2100).",
        "When the goal is to be reached (between 2000 and 2100).",
    ),
    "goals.edit": ("Ziel {number}: {title}", "Goal {number}: {title}"),
    "goals.delete": ("Ziel löschen", "Delete goal"),
    "goals.deleted": ("Ziel gelöscht.", "Goal deleted."),
    "goals.add.title": ("Ziel hinzufügen", "Add a goal"),
    "goals.add.submit": ("Ziel hinzufügen", "Add goal"),
    "goals.add.max_reached": (
        "Es gibt schon {max} Ziele, mehr sind nicht vorgesehen: Wenige Ziele halten den Fokus. "
        "Löschen oder ändern Sie ein bestehendes Ziel.",
        "There are already {max} goals, the most allowed: few goals keep the focus. Delete or "
        "change an existing goal.",
    ),
    "goals.added": ("Ziel hinzugefügt.", "Goal added."),
}
