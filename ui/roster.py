"""The facilitator's roster: who joined, done or not, points used, and the per-person actions."""

from __future__ import annotations

import streamlit as st

from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.facilitation_view import FacilitationView, RosterRow
from kpi_logic.links import seat_url
from kpi_logic.text import escape_markdown
from ui.confirm import confirmed
from ui.feedback import attempt
from ui.links import app_base_url, qr_image

SEAT_QR_WIDTH = 280
PERSON_KEY = "roster_person"


def _seat(context, name: str, secret: str) -> None:
    """The new device's link and QR, shown once: only its hash is stored."""
    url = seat_url(app_base_url(), secret)
    st.markdown(context.t("facilitate.seat.explain", name=escape_markdown(name)))
    qr_image(context.language, url, SEAT_QR_WIDTH)
    st.code(url, language=None)


def _line(context, row: RosterRow) -> str:
    """One person as the roster lists them: name, team, done or not, points given."""
    state = context.t("facilitate.roster.done" if row.done else "facilitate.roster.not_done")
    points = context.t("facilitate.roster.points", count=row.points_used)
    return f"**{escape_markdown(row.name)}** · {label(TEAM_LABELS, row.team, context.language)} · {state} · {points}"


def roster(context, view: FacilitationView) -> None:
    """Who joined, done or not, points used; let someone re-join on a new device or remove them.

    One Markdown list and the two actions for a picked person: a row with its own buttons per person
    was most of the page's run with a workshop's 120 people.
    """
    st.subheader(context.t("facilitate.roster.title"))
    st.caption(context.t("room.done", done=view.progress.done, total=view.progress.total))
    if not view.roster:
        st.caption(context.t("results.no_participants"))
        return
    st.markdown("\n".join(f"- {_line(context, row)}" for row in view.roster))
    rows = {row.participant_id: row for row in view.roster}
    if st.session_state.get(PERSON_KEY) not in rows:  # removed since: the picker starts afresh
        st.session_state.pop(PERSON_KEY, None)
    row = rows[st.selectbox(context.t("facilitate.roster.person"), list(rows), key=PERSON_KEY,
                            format_func=lambda participant_id: rows[participant_id].name)]
    people, workshop_id, name = context.store.participants, context.workshop.id, escape_markdown(row.name)
    actions = st.container(horizontal=True, vertical_alignment="center")
    if actions.button(context.t("facilitate.roster.readmit"), key=f"readmit_{row.participant_id}",
                      help=context.t("facilitate.roster.readmit_help")):
        outcome = attempt(context, lambda: people.readmit(workshop_id, row.participant_id), None)
        if outcome.ok:
            st.dialog(context.t("facilitate.seat.title", name=row.name))(_seat)(context, row.name, outcome.value)
    explain = context.t("facilitate.roster.remove_explain", count=row.points_used, name=name)
    if confirmed(context, f"remove_{row.participant_id}", context.t("facilitate.roster.remove"),
                 explain, context.t("facilitate.roster.remove_yes", name=name), button_area=actions):
        attempt(context, lambda: people.remove(workshop_id, row.participant_id),
                "facilitate.roster.removed", rerun=True, name=name)
