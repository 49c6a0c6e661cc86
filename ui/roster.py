"""The facilitator's roster: who joined, done or not, points used, and the per-person actions."""

from __future__ import annotations

import streamlit as st

from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.facilitation_view import FacilitationView
from kpi_logic.links import seat_url
from kpi_logic.text import escape_markdown
from ui.confirm import confirmed
from ui.feedback import attempt
from ui.links import app_base_url, qr_image

SEAT_QR_WIDTH = 280


def _seat(context, name: str, secret: str) -> None:
    """The new device's link and QR, shown once: only its hash is stored."""
    url = seat_url(app_base_url(), secret)
    st.markdown(context.t("facilitate.seat.explain", name=escape_markdown(name)))
    qr_image(context.language, url, SEAT_QR_WIDTH)
    st.code(url, language=None)


def roster(context, view: FacilitationView) -> None:
    """Who joined, done or not, points used; let someone re-join on a new device or remove them."""
    st.subheader(context.t("facilitate.roster.title"))
    st.caption(context.t("room.done", done=view.progress.done, total=view.progress.total))
    people, workshop_id = context.store.participants, context.workshop.id
    if not view.roster:
        st.caption(context.t("results.no_participants"))
    for row in view.roster:
        name = escape_markdown(row.name)
        state = context.t("facilitate.roster.done" if row.done else "facilitate.roster.not_done")
        points = context.t("facilitate.roster.points", count=row.points_used)
        # One flex row per person, not three columns: a column set is four blocks, and with a
        # workshop's 120 people the roster was most of the page's run.
        line = st.container(horizontal=True, vertical_alignment="center")
        line.markdown(f"**{name}** · {label(TEAM_LABELS, row.team, context.language)} · {state} · {points}")
        if line.button(context.t("facilitate.roster.readmit"), key=f"readmit_{row.participant_id}",
                       help=context.t("facilitate.roster.readmit_help")):
            outcome = attempt(context, lambda: people.readmit(workshop_id, row.participant_id), None)
            if outcome.ok:
                st.dialog(context.t("facilitate.seat.title", name=row.name))(_seat)(context, row.name, outcome.value)
        explain = context.t("facilitate.roster.remove_explain", count=row.points_used, name=name)
        if confirmed(context, f"remove_{row.participant_id}", context.t("facilitate.roster.remove"),
                     explain, context.t("facilitate.roster.remove_yes", name=name), button_area=line):
            attempt(context, lambda: people.remove(workshop_id, row.participant_id),
                    "facilitate.roster.removed", rerun=True, name=name)
