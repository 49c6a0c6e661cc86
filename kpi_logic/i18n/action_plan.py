"""Texts of the action-plan page and the action-plan columns of the Excel workbook."""

TEXTS: dict[str, tuple[str, str]] = {
    "action_plan.intro": (
        "Die fünf Schritte aus dem Workshop als Aufgaben für die nächsten 30 Tage: wer macht was bis wann.",
        "The five steps from the workshop as tasks for the next 30 days: who does what by when.",
    ),
    "action_plan.empty": ("Noch keine Aufgaben im Aktionsplan.", "No tasks in the action plan yet."),
    "action_plan.empty.participant": (
        "Die Moderation legt den Aktionsplan an; er erscheint hier, sobald er steht.",
        "The facilitator sets up the action plan; it appears here once it exists.",
    ),
    "action_plan.prefill": ("30-Tage-Plan vorschlagen", "Suggest the 30-day plan"),
    "action_plan.prefill.intro": (
        "Legt die fünf Schritte als Aufgaben an, fällig 3, 7, 10, 21 und 30 Tage nach dem Startdatum. Danach frei anpassbar.",
        "Adds the five steps as tasks due 3, 7, 10, 21 and 30 days after the start date. Edit freely afterwards.",
    ),
    "action_plan.prefill.start": ("Startdatum", "Start date"),
    "action_plan.prefill.start_help": (
        "Meist das Datum des Workshops; davon aus werden die Fälligkeiten berechnet.",
        "Usually the workshop date; the due dates are counted from it.",
    ),
    "action_plan.prefill.owner": ("Verantwortlich (für alle, optional)", "Owner (for all, optional)"),
    "action_plan.prefill.owner_help": (
        "Lässt sich später pro Aufgabe ändern.",
        "Can be changed per task later.",
    ),
    "action_plan.prefill.done": (
        {"one": "Aktionsplan mit 1 Aufgabe angelegt.", "other": "Aktionsplan mit {count} Aufgaben angelegt."},
        {"one": "Action plan with one task added.", "other": "Action plan with {count} tasks added."},
    ),
    "action_plan.progress": ("{done} von {total} erledigt", "{done} of {total} done"),
    "action_plan.overdue_count": (
        {"one": "1 Aufgabe überfällig: nicht erledigt und Fälligkeit vorbei.",
         "other": "{count} Aufgaben überfällig: nicht erledigt und Fälligkeit vorbei."},
        {"one": "One task overdue: not done and past its due date.",
         "other": "{count} tasks overdue: not done and past their due date."},
    ),
    "action_plan.overdue_marker": ("🔴 überfällig", "🔴 overdue"),
    "action_plan.status.done": ("✅ erledigt", "✅ done"),
    "action_plan.status.open": ("offen", "open"),
    "action_plan.col.step": ("Schritt", "Step"),
    "action_plan.col.step_help": (
        "Welcher der fünf Schritte (siehe «Die fünf Schritte» unten).",
        "Which of the five steps (see “The five steps” below).",
    ),
    "action_plan.col.title": ("Aufgabe", "Task"),
    "action_plan.col.due": ("Fällig", "Due"),
    "action_plan.col.done": ("Erledigt", "Done"),
    "action_plan.col.title_help": ("Was zu tun ist, höchstens 120 Zeichen.", "What to do, at most 120 characters."),
    "action_plan.col.done_help": ("Abhaken, wenn die Aufgabe erledigt ist.", "Tick when the task is done."),
    "action_plan.saved": (
        {"one": "1 Aufgabe gespeichert.", "other": "{count} Aufgaben gespeichert."},
        {"one": "One task saved.", "other": "{count} tasks saved."},
    ),
    "action_plan.add": ("Aufgabe hinzufügen", "Add a task"),
    "action_plan.add.step_help": (
        "Zu welchem der fünf Schritte die Aufgabe gehört.",
        "Which of the five steps the task belongs to.",
    ),
    "action_plan.add.submit": ("Hinzufügen", "Add"),
    "action_plan.delete": ("Aufgabe löschen", "Delete a task"),
    "action_plan.delete.which": ("Aufgabe", "Task"),
    "action_plan.delete.submit": ("Löschen", "Delete"),
    "action_plan.steps": ("Die fünf Schritte", "The five steps"),
    "action_plan.step_option": ("{step}. {title}", "{step}. {title}"),
}
