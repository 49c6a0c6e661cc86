"""Texts of the shortlist change history (field names come from the shortlist's column titles)."""

TEXTS: dict[str, tuple[str, str]] = {
    "shortlist_history.add": ("{kpi} aufgenommen", "{kpi} added"),
    "shortlist_history.remove": ("{kpi} entfernt", "{kpi} removed"),
    "shortlist_history.reordered": ("Reihenfolge geändert", "Order changed"),
    "shortlist_history.field": ("{field}: {old} → {new}", "{field}: {old} → {new}"),
    "shortlist_history.undone": ("Rückgängig gemacht: {change}", "Undone: {change}"),
}
